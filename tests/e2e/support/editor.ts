/**
 * Helpers that drive the editor the way a user does: by role and accessible name. Playwright's
 * web-first assertions belong to @playwright/test, which this project does not use, so waiting is
 * done here by polling (`waitFor`) with readable failure messages.
 */
import type { Locator, Page } from 'playwright-core';
import { runStatus } from './browser';

/** The values in the default example's Placeholder x. */
export const X = [1, 2, 3];

const MINUS = '\u2212';

/** Polls `read` until `done` holds for its result; returns that result, or throws with the last one. */
export async function waitFor<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  {
    timeout = 30_000,
    interval = 100,
    what = 'a condition',
  }: { timeout?: number; interval?: number; what?: string } = {},
): Promise<T> {
  const deadline = Date.now() + timeout;
  let last: T | undefined;
  let lastError: unknown;
  for (;;) {
    try {
      last = await read();
      lastError = undefined;
      if (done(last)) return last;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const seen = lastError ? `the last read failed: ${String(lastError)}` : `last seen: ${JSON.stringify(last)}`;
      throw new Error(`Timed out after ${timeout} ms waiting for ${what}; ${seen}`);
    }
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}

/** A node on the canvas: `role="group"` named "<Op> node <label>" (the label is its name, else its id). */
export function canvasNode(page: Page, op: string, label: string): Locator {
  return page.getByRole('group', { name: `${op} node ${label}`, exact: true });
}

/** The accessible names of every node on the canvas, sorted. */
export async function canvasNodeNames(page: Page): Promise<string[]> {
  const names = await page
    .getByRole('group', { name: /^\w+ node / })
    .evaluateAll((elements) => elements.map((e) => e.getAttribute('aria-label') ?? ''));
  return names.sort();
}

/** The side panel ("Node details"). */
export function sidePanel(page: Page): Locator {
  return page.getByRole('complementary', { name: 'Node details', exact: true });
}

/**
 * Selects a node by clicking it on the canvas and waits until the side panel shows it (its
 * "Node name" field holds the name, or is empty with the id as placeholder). A node out of view
 * is brought in with Fit View. A click while the canvas is still placing a newly opened graph can
 * miss the moving node, so it clicks again until the panel shows the node.
 */
export async function selectNode(page: Page, op: string, label: string): Promise<void> {
  const nameField = sidePanel(page).getByRole('textbox', { name: 'Node name', exact: true });
  const shown = async () => {
    const [value, placeholder] = await Promise.all([
      nameField.inputValue({ timeout: 500 }),
      nameField.getAttribute('placeholder', { timeout: 500 }),
    ]);
    return value || placeholder;
  };
  const deadline = Date.now() + 15_000;
  for (;;) {
    const node = canvasNode(page, op, label);
    try {
      // The canvas draws only the nodes in view, and a graph opens at its inputs when fitting all
      // of it would make its titles unreadable.
      if (!(await node.count())) await fitView(page);
      await node.click({ timeout: 5_000 });
      await waitFor(shown, (name) => name === label, {
        timeout: 2_000,
        what: `the side panel to show the node ${label}`,
      });
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
  }
}

/**
 * Sets a tensor attribute (a textarea in the panel's Attributes section) of the selected node and
 * commits it with Enter.
 */
export async function setTensorAttr(page: Page, name: string, text: string): Promise<void> {
  const field = sidePanel(page)
    .getByRole('region', { name: 'Attributes', exact: true })
    .getByRole('textbox', { name, exact: true });
  await field.fill(text);
  await field.press('Enter');
}

/** Parses a number as the tensor views format it (U+2212 minus, ∞). */
export function parseShown(text: string): number {
  const t = text.trim().replaceAll(MINUS, '-');
  if (t === '\u221e') return Infinity;
  if (t === '-\u221e') return -Infinity;
  return Number(t);
}

/**
 * A values table by its tensor label: "Values of <node>.<port>" for an output, "Values of gradient
 * at <node>.<port>" for a gradient.
 */
export function valuesTable(scope: Page | Locator, label: string): Locator {
  return scope.getByRole('table', { name: `Values of ${label}`, exact: true });
}

/** The values a values table shows, in order (its second column). */
export async function readTable(table: Locator): Promise<number[]> {
  const cells = await table.getByRole('cell').allInnerTexts();
  if (cells.length % 2 !== 0) throw new Error(`a values table with an odd number of cells: ${JSON.stringify(cells)}`);
  return cells.filter((_, i) => i % 2 === 1).map(parseShown);
}

/** Whether two lists of numbers have the same length and agree within `tolerance` (absolute). */
export function allClose(actual: readonly number[], expected: readonly number[], tolerance = 1e-5): boolean {
  return actual.length === expected.length && actual.every((v, i) => Math.abs(v - expected[i]!) <= tolerance);
}

/**
 * Waits until the values table labelled `label` (anywhere on the page, or in `scope`) shows
 * `expected` within `tolerance`, and returns what it shows. The panel's tables show six significant
 * digits, so the default tolerance suits values below ten.
 */
export async function waitForValues(
  scope: Page | Locator,
  label: string,
  expected: readonly number[],
  { tolerance = 1e-5, timeout = 30_000 }: { tolerance?: number; timeout?: number } = {},
): Promise<number[]> {
  return waitFor(
    () => readTable(valuesTable(scope, label)),
    (values) => allClose(values, expected, tolerance),
    { timeout, what: `"Values of ${label}" to show ${JSON.stringify(expected)} (±${tolerance})` },
  );
}

/**
 * Reads the values table labelled `label` once it is present. Use it on a freshly mounted table
 * (just after selecting its node), whose rows only appear once the current values arrived.
 */
export async function readValues(scope: Page | Locator, label: string, timeout = 30_000): Promise<number[]> {
  const table = valuesTable(scope, label);
  await table.waitFor({ state: 'visible', timeout });
  return readTable(table);
}

/** The run status' text. */
export async function statusText(page: Page): Promise<string> {
  return (await runStatus(page).first().textContent()) ?? '';
}

/** Waits until the run status' text matches `pattern` and no run is under way or pending. */
export async function waitForStatus(page: Page, pattern: RegExp, timeout = 30_000): Promise<string> {
  return waitFor(
    () => statusText(page),
    (text) => pattern.test(text) && !/running…|stale/.test(text),
    { timeout, what: `the run status to match ${pattern} with no run pending` },
  );
}

/** The toolbar button with exactly this name. */
export function toolbarButton(page: Page, name: string): Locator {
  return page.getByRole('toolbar', { name: 'Editor toolbar', exact: true }).getByRole('button', { name, exact: true });
}

/** Loads one of the bundled examples from the toolbar's "Examples" select, by its title. */
export async function openExample(page: Page, title: string): Promise<void> {
  await page.getByRole('combobox', { name: 'Examples', exact: true }).selectOption({ label: title });
}

/** Fits the whole graph in view (React Flow's "Fit View" control), so every node is rendered. */
export async function fitView(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Fit View', exact: true }).click();
  // The nodes that came into view are drawn with the next frames.
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
}

/**
 * The statistics the panel shows for a tensor (the list labelled "Statistics of <label>"), term by
 * term: { shape: 'float32[10, 3]', min: '0.0123', …, NaN: '0', Inf: '0' }. Waits for the list.
 */
export async function readStatistics(
  scope: Page | Locator,
  label: string,
  timeout = 30_000,
): Promise<Record<string, string>> {
  const list = scope.getByLabel(`Statistics of ${label}`, { exact: true });
  await list.waitFor({ state: 'visible', timeout });
  return list.evaluate((dl) => {
    const terms: Record<string, string> = {};
    for (const dt of dl.querySelectorAll('dt')) {
      const dd = dt.nextElementSibling;
      if (dd?.tagName === 'DD') terms[dt.textContent ?? ''] = dd.textContent ?? '';
    }
    return terms;
  });
}
