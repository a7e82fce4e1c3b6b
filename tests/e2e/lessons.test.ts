import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { openApp, runStatus } from './support/browser';
import { canvasNodeNames, selectNode, toolbarButton, waitFor } from './support/editor';

function learnMenu(page: Page): Locator {
  return page.getByRole('menu', { name: 'Lessons', exact: true });
}

/** Opens the Learn menu and returns its item for the lesson titled `title` (its name also says the progress). */
async function lessonItem(page: Page, title: string): Promise<Locator> {
  await toolbarButton(page, 'Learn').click();
  await learnMenu(page).waitFor();
  return learnMenu(page).getByRole('menuitem', { name: new RegExp(`^${title} `) });
}

function lessonCard(page: Page, title: string): Locator {
  return page.getByRole('complementary', { name: `Lesson: ${title}`, exact: true });
}

/** Waits until the card's step is done: its Next (or Finish) no longer disabled. */
async function untilDone(card: Locator, next: 'Next' | 'Finish' = 'Next'): Promise<void> {
  await waitFor(
    () => card.getByRole('button', { name: next, exact: true }).getAttribute('aria-disabled'),
    (disabled) => disabled === null,
    { what: `${next} to be enabled` },
  );
}

/** Waits until the card's step is done, then presses Next (or Finish). */
async function whenDone(card: Locator, next: 'Next' | 'Finish' = 'Next'): Promise<void> {
  await untilDone(card, next);
  await card.getByRole('button', { name: next, exact: true }).click();
}

async function stepShown(card: Locator): Promise<string> {
  return (await card.getByText(/^Step \d+ of \d+$/).textContent()) ?? '';
}

function modeRadio(page: Page, name: 'Eager' | 'Graph'): Locator {
  return page
    .getByRole('radiogroup', { name: 'Execution mode', exact: true })
    .getByRole('radio', { name, exact: true });
}

/** The serious and critical accessibility violations axe-core finds within `selector`, one line each. */
async function violations(page: Page, selector: string): Promise<string[]> {
  const results = await new AxeBuilder({ page }).include(selector).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')}`));
}

/** "1.5 MiB" → bytes. */
const mib = (text: string) => Number(text.replace(' MiB', '')) * 1024 ** 2;

test('a learner takes "Eager vs graph" from the Learn menu to the end, and the menu marks it done', async () => {
  const app = await openApp({ viewport: { width: 1440, height: 900 } });
  const { page } = app;
  try {
    const item = await lessonItem(page, 'Eager vs graph');
    expect(await item.textContent()).toContain('4 steps');
    expect(await violations(page, '.learn-menu')).toEqual([]);
    await item.click();
    const card = lessonCard(page, 'Eager vs graph');
    await card.waitFor();
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      expect(await violations(page, '.lesson-card'), colorScheme).toEqual([]);
    }
    await waitFor(
      () => canvasNodeNames(page),
      (names) => names.includes('Square node square'),
      {
        what: "the lesson's graph on the canvas",
      },
    );
    expect(await stepShown(card)).toBe('Step 1 of 4');
    // Next waits for the task: select "square".
    const next = card.getByRole('button', { name: 'Next', exact: true });
    expect(await next.getAttribute('aria-disabled')).toBe('true');
    // Pressed anyway (aria-disabled keeps it focusable and clickable): it stays on the step.
    await next.click({ force: true });
    expect(await stepShown(card)).toBe('Step 1 of 4');
    expect(await page.locator('.react-flow__node[data-id="square"]').getAttribute('data-lesson-highlight')).toBe('');
    await selectNode(page, 'Square', 'square');
    await whenDone(card);

    expect(await stepShown(card)).toBe('Step 2 of 4');
    expect(await modeRadio(page, 'Graph').getAttribute('data-lesson-highlight')).toBe('');
    await modeRadio(page, 'Graph').click();
    await whenDone(card);

    expect(await stepShown(card)).toBe('Step 3 of 4');
    await toolbarButton(page, 'Compare').click();
    const compared = page.getByRole('dialog', { name: 'Eager and graph compared', exact: true });
    await compared.getByRole('table', { name: 'Eager and graph compared', exact: true }).waitFor({ timeout: 60_000 });
    await compared.getByRole('button', { name: 'Close', exact: true }).click();
    await whenDone(card);

    // The last step reads Compare's figures back: eager kept wide, sin and square (1 MiB each) at
    // once; graph mode frees each after its reader, so at most two are alive.
    expect(await stepShown(card)).toBe('Step 4 of 4');
    const reading = await card.getByText(/^Eager: /).textContent();
    const [, eagerPeak, graphPeak] = /peak ([\d.]+ MiB)\. Graph: .* peak ([\d.]+ MiB)\./.exec(reading ?? '') ?? [];
    expect(mib(eagerPeak!), reading!).toBeGreaterThanOrEqual(3 * 1024 ** 2);
    expect(mib(graphPeak!), reading!).toBeLessThanOrEqual(2 * 1024 ** 2);
    await whenDone(card, 'Finish');
    await card.waitFor({ state: 'detached' });

    expect(await (await lessonItem(page, 'Eager vs graph')).textContent()).toContain('Done');
    expect(app.consoleErrors).toEqual([]);
  } finally {
    await app.close();
  }
});

test('a lesson left mid-way (from the palette) is resumed from the Learn menu after a reload, at the same step', async () => {
  const app = await openApp({ viewport: { width: 1024, height: 768 } });
  const { page } = app;
  try {
    await page.keyboard.press('Control+k');
    const palette = page.getByRole('dialog', { name: 'Command palette', exact: true });
    await page.keyboard.type('Lesson: non-strict');
    await palette.getByRole('option', { name: 'Lesson: Non-strict execution', exact: true }).click();
    const card = lessonCard(page, 'Non-strict execution');
    await card.waitFor();
    expect(await stepShown(card)).toBe('Step 1 of 4');
    await selectNode(page, 'Reshape', 'reshaped');
    await whenDone(card);
    expect(await stepShown(card)).toBe('Step 2 of 4');
    await card.getByRole('button', { name: 'Leave', exact: true }).click();
    await card.waitFor({ state: 'detached' });

    const item = await lessonItem(page, 'Non-strict execution');
    expect(await item.textContent()).toContain('Resume at step 2 of 4');
    await page.keyboard.press('Escape');
    await learnMenu(page).waitFor({ state: 'detached' });

    // Another graph, then a new session: the progress is kept in the browser.
    await toolbarButton(page, 'New').click();
    await page.reload();
    await runStatus(page).filter({ hasText: 'Backend:' }).first().waitFor({ state: 'attached', timeout: 60_000 });
    await (await lessonItem(page, 'Non-strict execution')).click();
    await card.waitFor();
    expect(await stepShown(card)).toBe('Step 2 of 4');
    await waitFor(
      () => canvasNodeNames(page),
      (names) => names.includes('Reshape node reshaped'),
      {
        what: "the lesson's graph opened again",
      },
    );

    // Graph mode returns only y: the Reshape that failed eagerly is pruned and the run succeeds.
    await modeRadio(page, 'Graph').click();
    await whenDone(card);
    // Returned, the Reshape runs in graph mode too, and fails there.
    await selectNode(page, 'Reshape', 'reshaped');
    await page.getByRole('checkbox', { name: 'Returned by the graph', exact: true }).check();
    await whenDone(card);
    await whenDone(card, 'Finish');
    expect(await (await lessonItem(page, 'Non-strict execution')).textContent()).toContain('Done');
    expect(app.consoleErrors).toEqual([]);
  } finally {
    await app.close();
  }
});

test('"Constant folding and pruning": Show plan, Fold constants switched off in Passes, exp(x) returned', async () => {
  const app = await openApp({ viewport: { width: 1440, height: 900 } });
  const { page } = app;
  try {
    await (await lessonItem(page, 'Constant folding and pruning')).click();
    const card = lessonCard(page, 'Constant folding and pruning');
    await card.waitFor();
    await page.getByRole('button', { name: 'Show plan', exact: true }).click();
    await untilDone(card);
    expect(await card.getByText(/^The plan runs/).textContent()).toBe(
      'The plan runs 2 steps: 2·3 was folded into 6, exp(x) was pruned.',
    );
    await whenDone(card);

    await toolbarButton(page, 'Passes').click();
    const passes = page.getByRole('dialog', { name: 'Optimizer passes', exact: true });
    await passes.getByRole('checkbox', { name: 'Fold constants', exact: true }).uncheck();
    await passes.getByRole('button', { name: 'Close', exact: true }).click();
    await untilDone(card);
    // x, the two constants, 2·3 and y: three more steps than with folding.
    expect(await card.getByText(/^The plan now runs/).textContent()).toBe('The plan now runs 5 steps.');
    await whenDone(card);

    await selectNode(page, 'Exp', 'exp(x)');
    await page.getByRole('checkbox', { name: 'Returned by the graph', exact: true }).check();
    await whenDone(card);
    await whenDone(card, 'Finish');
    expect(await (await lessonItem(page, 'Constant folding and pruning')).textContent()).toContain('Done');
    expect(app.consoleErrors).toEqual([]);
  } finally {
    await app.close();
  }
});

test('"What retraces": a new shape of x traces again; with the signature [null, 3] the next one reuses the trace', async () => {
  const app = await openApp({ viewport: { width: 1440, height: 900 } });
  const { page } = app;
  try {
    await (await lessonItem(page, 'What retraces, and how a signature stops it')).click();
    const card = lessonCard(page, 'What retraces, and how a signature stops it');
    await card.waitFor();
    await selectNode(page, 'Placeholder', 'x');
    const shape = page.getByRole('textbox', { name: 'Shape of x', exact: true });
    await shape.fill('4, 3');
    await shape.press('Enter');
    await untilDone(card);
    expect(await card.getByText(/^Traced: /).textContent()).toMatch(
      /^Traced: trace \d+\. input x changed shape \[2, 3\] → \[4, 3\]\.$/,
    );
    await whenDone(card);

    // The trace log, ringed, lists that trace with its reason.
    const traceLogButton = page.getByRole('button', { name: /^Trace log \(\d+ traces\)$/ });
    expect(await traceLogButton.getAttribute('data-lesson-highlight')).toBe('');
    await traceLogButton.click();
    const traceLog = page.getByRole('dialog', { name: 'Trace log', exact: true });
    await traceLog.getByRole('listitem').filter({ hasText: 'input x changed shape [2, 3] → [4, 3]' }).first().waitFor();
    await traceLog.getByRole('button', { name: 'Close', exact: true }).click();
    await traceLog.waitFor({ state: 'detached' });
    await whenDone(card);

    const signature = page.getByRole('textbox', { name: 'signature', exact: true });
    await signature.fill('[null, 3]');
    await signature.press('Enter');
    await whenDone(card);

    await shape.fill('5, 3');
    await shape.press('Enter');
    await untilDone(card);
    expect(await card.getByText(/^No retrace: /).textContent()).toMatch(
      /^No retrace: trace \d+ reused\. input x changed shape \[4, 3\] → \[5, 3\]: within its signature \[null, 3\], no retrace\.$/,
    );
    await whenDone(card);
    await whenDone(card, 'Finish');
    expect(app.consoleErrors).toEqual([]);
  } finally {
    await app.close();
  }
});

test('"Gradients and a custom gradient": the ops give a NaN gradient at x = 100, the script\'s gradient body gives 1', async () => {
  const app = await openApp({ viewport: { width: 1440, height: 900 } });
  const { page } = app;
  try {
    await (await lessonItem(page, 'Gradients and a custom gradient')).click();
    const card = lessonCard(page, 'Gradients and a custom gradient');
    await card.waitFor();
    const lossTarget = page.getByRole('combobox', { name: 'Loss target', exact: true });
    await lossTarget.selectOption({ label: 'naive_loss' });
    await whenDone(card);

    // d/dx log(1 + eˣ) = eˣ / (1 + eˣ): 0.5 at 0, 1 − 1/(1 + e¹⁰) at 10, ∞/∞ at 100 in float32.
    await selectNode(page, 'Placeholder', 'x');
    await untilDone(card);
    expect(await card.getByText(/^d naive_loss/).textContent()).toBe('d naive_loss / d x = [0.5, 0.999955, NaN]');
    await whenDone(card);

    await lossTarget.selectOption({ label: 'custom_loss' });
    await untilDone(card);
    expect(await card.getByText(/^d custom_loss/).textContent()).toBe('d custom_loss / d x = [0.5, 0.999955, 1]');
    await whenDone(card);
    await whenDone(card, 'Finish');
    expect(app.consoleErrors).toEqual([]);
  } finally {
    await app.close();
  }
});

test('"Why a script is the exit hatch": the op fed by constants is folded, the script is not, and the Timeline shows its readback', async () => {
  const app = await openApp({ viewport: { width: 1440, height: 900 } });
  const { page } = app;
  try {
    await (await lessonItem(page, 'Why a script is the exit hatch')).click();
    const card = lessonCard(page, 'Why a script is the exit hatch');
    await card.waitFor();
    await page.getByRole('button', { name: 'Show plan', exact: true }).click();
    await untilDone(card);
    expect(await card.getByText(/^a·2 \(op\)/).textContent()).toBe(
      'a·2 (op): folded. a·2 (script): runs on every call.',
    );
    await whenDone(card);

    await toolbarButton(page, 'Timeline').click();
    const timeline = page.getByRole('dialog', { name: 'Timeline: eager and graph', exact: true });
    await timeline.getByRole('list', { name: 'graph steps', exact: true }).waitFor({ timeout: 60_000 });
    await timeline.getByRole('button', { name: 'Close', exact: true }).click();
    await untilDone(card);
    // Graph mode reads the folded constant a back once, for the script's one call, and uploads its result.
    expect(await card.getByText(/^a·2 \(script\):/).textContent()).toMatch(
      /^a·2 \(script\): 1 readback, 1 upload, 1 script call, [\d.]+ ms\.$/,
    );
    await whenDone(card);
    await whenDone(card, 'Finish');
    expect(app.consoleErrors).toEqual([]);
  } finally {
    await app.close();
  }
});

test('the Learn menu by keyboard: ArrowDown opens it at its first lesson, arrows move, Escape closes it back to the button', async () => {
  const app = await openApp();
  const { page } = app;
  try {
    const learn = toolbarButton(page, 'Learn');
    await learn.focus();
    await page.keyboard.press('ArrowDown');
    await learnMenu(page).waitFor();
    expect(await learn.getAttribute('aria-expanded')).toBe('true');
    const focused = () => page.evaluate(() => document.activeElement?.textContent ?? '');
    expect(await focused()).toMatch(/^Eager vs graph/);
    await page.keyboard.press('ArrowUp');
    expect(await focused()).toMatch(/^Gradients and a custom gradient/);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await focused()).toMatch(/^What retraces/);
    await page.keyboard.press('Escape');
    await learnMenu(page).waitFor({ state: 'detached' });
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Learn');
    // Enter on an item starts its lesson, and the card's heading takes the focus.
    await page.keyboard.press('ArrowDown');
    await learnMenu(page).waitFor();
    await page.keyboard.press('Enter');
    await lessonCard(page, 'Eager vs graph').waitFor();
    await waitFor(focused, (text) => text === 'Eager vs graph', { what: "the card's heading to have the focus" });
    expect(app.consoleErrors).toEqual([]);
  } finally {
    await app.close();
  }
});
