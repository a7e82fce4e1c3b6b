import { expect, test } from 'vitest';
import { openApp } from './support/browser';
import {
  openExample,
  readValues,
  selectNode,
  sidePanel,
  toolbarButton,
  waitFor,
  waitForStatus,
} from './support/editor';

test('the Playground example trains in the side panel: the loss falls, test accuracy reaches 95 %, Keep weights, Undo', async () => {
  const app = await openApp();
  const { page } = app;
  try {
    await openExample(page, 'Playground: train a classifier');
    await waitForStatus(page, /Backend:/);
    await selectNode(page, 'Mean', 'loss');
    const panel = sidePanel(page);
    const [untrained] = await readValues(panel, 'loss.output');
    // An untrained classifier is about as good as a coin toss: cross-entropy near ln 2.
    expect(untrained).toBeGreaterThan(0.3);

    const training = panel.getByRole('region', { name: 'Training', exact: true });
    await training.getByRole('button', { name: 'Train', exact: true }).click();
    const status = training.getByRole('status', { name: 'Training status', exact: true });
    // Paused early, the decision boundary shows a model that has barely learned; resumed, it changes.
    await waitFor(
      () => status.innerText(),
      (text) => /Step [1-9]\d* of 300/.test(text),
      {
        what: 'a first chunk of steps',
      },
    );
    await training.getByRole('button', { name: 'Pause', exact: true }).click();
    await waitFor(
      () => status.innerText(),
      (text) => text.includes('paused'),
      { what: 'the run to pause' },
    );
    const picture = training.getByRole('img', { name: /^Decision boundary over the plane/ });
    const early = await picture.evaluate((canvas) => (canvas as HTMLCanvasElement).toDataURL());
    const pausedAt = await status.innerText();
    await page.waitForTimeout(500);
    expect(await status.innerText()).toBe(pausedAt);
    await training.getByRole('button', { name: 'Resume', exact: true }).click();
    await waitFor(
      () => status.innerText(),
      (text) => text.includes('Step 300 of 300') && text.includes('done'),
      {
        timeout: 120_000,
        what: 'training to finish its 300 steps',
      },
    );
    const figures = await training.getByLabel('Training figures').innerText();
    const accuracy = Number(/test accuracy\s+([\d.]+) %/.exec(figures)![1]);
    expect(accuracy).toBeGreaterThanOrEqual(95);
    await training.getByRole('img', { name: 'Loss over 300 steps' }).waitFor();
    expect(await picture.getAttribute('aria-label')).toContain(
      `${accuracy.toFixed(1)} % of test points on the right side`,
    );
    expect(await picture.evaluate((canvas) => (canvas as HTMLCanvasElement).toDataURL())).not.toBe(early);
    expect(await training.getByRole('progressbar', { name: 'Training progress' }).getAttribute('value')).toBe('300');
    // Until kept, the document's weights are untouched.
    expect((await readValues(panel, 'loss.output'))[0]).toBeCloseTo(untrained!, 5);

    await training.getByRole('button', { name: 'Keep trained weights', exact: true }).click();
    await waitFor(
      async () => (await readValues(panel, 'loss.output'))[0]!,
      (loss) => loss < 0.05,
      { what: 'the loss of the kept weights' },
    );
    await toolbarButton(page, 'Undo').click();
    await waitFor(
      async () => (await readValues(panel, 'loss.output'))[0]!,
      (loss) => Math.abs(loss - untrained!) < 1e-5,
      { what: 'the untrained loss back after Undo' },
    );
    expect(app.consoleErrors).toEqual([]);
  } finally {
    await app.close();
  }
});
