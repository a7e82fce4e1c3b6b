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
import { trainingDone, trainingSection, trainingStatus } from './support/training';

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

    const training = trainingSection(page);
    await training.getByRole('button', { name: 'Train', exact: true }).click();
    const status = trainingStatus(training);
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
    await trainingDone(training, 300);
    const figures = await training.getByLabel('Training figures').innerText();
    const accuracy = Number(/test accuracy\s+([\d.]+) %/.exec(figures)![1]);
    expect(accuracy).toBeGreaterThanOrEqual(95);
    await training.getByRole('img', { name: 'Loss over 300 steps' }).waitFor();
    // The metric curve: test accuracy after each chunk of steps.
    await training.getByRole('img', { name: 'Test accuracy over 300 steps' }).waitFor();
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

test('any graph with a scalar loss can be set up for training in the panel: loss, optimizer, rate and steps, undoable', async () => {
  const app = await openApp();
  const { page } = app;
  try {
    await openExample(page, 'MLP forward pass with a loss');
    await waitForStatus(page, /Backend:/);
    const training = trainingSection(page);
    await training.getByRole('button', { name: 'Set up training', exact: true }).click();
    // The loss offered first is the scalar nothing reads: the graph's own loss, not an intermediate mean.
    const loss = training.getByRole('combobox', { name: 'Loss to minimize', exact: true });
    expect(await loss.locator('option:checked').innerText()).toBe('loss.y');
    await training.getByRole('combobox', { name: 'Optimizer', exact: true }).selectOption('sgd');
    await training.getByRole('spinbutton', { name: 'Learning rate', exact: true }).fill('0.5');
    await training.getByRole('spinbutton', { name: 'Training steps', exact: true }).fill('40');
    await training.getByRole('spinbutton', { name: 'Training steps', exact: true }).press('Tab');
    await training.getByRole('button', { name: 'Train', exact: true }).click();
    await trainingDone(training, 40);
    const figures = await training.getByLabel('Training figures').innerText();
    // The four-example MLP fits its labels: cross-entropy from about 0.7 to near 0.
    expect(Number(/training loss\s+(\S+)/.exec(figures)![1]!.replace('\u2212', '-'))).toBeLessThan(0.1);
    // Setting up was one edit per field: undoing them all takes the setup away again.
    for (let i = 0; i < 4; i++) await toolbarButton(page, 'Undo').click();
    await training.getByRole('button', { name: 'Set up training', exact: true }).waitFor();
    expect(app.consoleErrors).toEqual([]);
  } finally {
    await app.close();
  }
});

test('the convolutional example trains on the images its generator script draws each step, in the runtime host', async () => {
  const app = await openApp();
  const { page } = app;
  try {
    await openExample(page, 'Convolutional classifier on generated images');
    await waitForStatus(page, /Backend:/);
    // The kernel selected, the panel shows its trained value and latest gradient as training goes.
    await selectNode(page, 'VariableV2', 'kernel');
    const training = trainingSection(page);
    await training.getByRole('button', { name: 'Train', exact: true }).click();
    await trainingDone(training, 100);
    const kernel = training.getByRole('region', { name: 'kernel while training', exact: true });
    expect(await kernel.getByRole('heading').innerText()).toBe('kernel after step 100');
    expect(await kernel.getByRole('figure').count()).toBe(2);
    // The 64 test images the script draws at step −1, which training never saw.
    const figures = await training.getByLabel('Training figures').innerText();
    expect(Number(/test accuracy\s+([\d.]+) %/.exec(figures)![1])).toBe(100);
    // Compare times training steps too: eager (the graph worked anew each step) and compiled once.
    await toolbarButton(page, 'Compare').click();
    const comparison = page.getByRole('table', { name: 'Eager and graph compared', exact: true });
    await comparison.waitFor();
    expect(await comparison.getByRole('columnheader').last().innerText()).toBe('training step');
    for (const mode of ['eager', 'graph']) {
      const cells = await comparison
        .getByRole('row', { name: new RegExp(`^${mode} `) })
        .getByRole('cell')
        .allInnerTexts();
      expect(Number(/^([\d.]+) ms$/.exec(cells[5]!)![1]), mode).toBeGreaterThan(0);
    }
    expect(app.consoleErrors).toEqual([]);
  } finally {
    await app.close();
  }
});
