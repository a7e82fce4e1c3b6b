import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { openApp } from './support/browser';
import {
  allClose,
  canvasNode,
  readValues,
  selectNode,
  sidePanel,
  toolbarButton,
  waitFor,
  waitForStatus,
  waitForValues,
  X,
} from './support/editor';

const TWO_SIN = X.map((x) => 2 * Math.sin(x));
const NODES = [
  { op: 'Placeholder', label: 'x' },
  { op: 'Const', label: 'two' },
  { op: 'Sin', label: 'sin(x)' },
  { op: 'Mul', label: '2·sin(x)' },
];

function modeRadio(page: Page, name: 'Eager' | 'Graph') {
  return page
    .getByRole('radiogroup', { name: 'Execution mode', exact: true })
    .getByRole('radio', { name, exact: true });
}

/** The labels of the nodes marked as the current step (aria-current="step"). */
async function currentNodes(page: Page): Promise<string[]> {
  const marked: string[] = [];
  for (const { op, label } of NODES)
    if ((await canvasNode(page, op, label).getAttribute('aria-current')) === 'step') marked.push(label);
  return marked;
}

test("graph mode computes eager mode's values, and Compare shows both runs", async () => {
  const app = await openApp();
  const { page } = app;
  try {
    expect(await modeRadio(page, 'Eager').getAttribute('aria-checked')).toBe('true');
    await waitForStatus(page, /eager run .* 4\/4 steps/);
    await selectNode(page, 'Mul', '2·sin(x)');
    const eager = await waitForValues(sidePanel(page), '2·sin(x).z', TWO_SIN);

    await modeRadio(page, 'Graph').click();
    expect(await modeRadio(page, 'Graph').getAttribute('aria-checked')).toBe('true');
    expect(await modeRadio(page, 'Eager').getAttribute('aria-checked')).toBe('false');
    await waitForStatus(page, /graph run /);
    // Reselect, so that the table is drawn afresh from the graph run's values.
    await selectNode(page, 'Sin', 'sin(x)');
    // Graph mode keeps only the outputs: sin(x) was freed after Mul read it.
    await waitFor(
      async () => (await sidePanel(page).getByRole('region', { name: 'Output y', exact: true }).textContent()) ?? '',
      (text) => text.includes('Graph mode freed this value after its last use.'),
      { what: "sin(x)'s freed-value note" },
    );
    await selectNode(page, 'Mul', '2·sin(x)');
    const graph = await readValues(sidePanel(page), '2·sin(x).z');
    expect(graph).toEqual(eager);
    expect(allClose(graph, TWO_SIN)).toBe(true);

    await toolbarButton(page, 'Compare').click();
    const comparison = page.getByRole('table', { name: 'Eager and graph compared', exact: true });
    await comparison.waitFor();
    const rows = await comparison.getByRole('rowheader').allInnerTexts();
    expect(rows.map((r) => r.trim())).toEqual(['eager', 'graph']);
    // Each row: time, peak tensors, peak memory, steps, traces.
    for (const mode of ['eager', 'graph']) {
      const cells = await comparison
        .getByRole('row', { name: new RegExp(`^${mode} `) })
        .getByRole('cell')
        .allInnerTexts();
      expect(cells, mode).toHaveLength(5);
      expect(cells[0], mode).toMatch(/^\d+\.\d\d ms$/);
      expect(Number(cells[3]), mode).toBeGreaterThan(0);
    }
    // Compare re-runs in the current mode afterwards; the values stay put.
    await page.keyboard.press('Escape');
    await comparison.waitFor({ state: 'detached' });
    await waitForStatus(page, /graph run /);
    await selectNode(page, 'Sin', 'sin(x)');
    await selectNode(page, 'Mul', '2·sin(x)');
    expect(await readValues(sidePanel(page), '2·sin(x).z')).toEqual(eager);

    expect(app.consoleErrors).toEqual([]);
  } finally {
    await app.close();
  }
}, 90_000);

test('Step runs eager mode one node at a time, marking the current one, and ends with the final values', async () => {
  const app = await openApp();
  const { page } = app;
  try {
    await waitForStatus(page, /eager run .* 4\/4 steps/);
    expect(await currentNodes(page)).toEqual([]);
    // Step is for eager mode only.
    await modeRadio(page, 'Graph').click();
    await waitForStatus(page, /graph run /);
    expect(await toolbarButton(page, 'Step').isDisabled()).toBe(true);
    await modeRadio(page, 'Eager').click();
    await waitForStatus(page, /eager run /);

    await selectNode(page, 'Mul', '2·sin(x)');
    const outputZ = sidePanel(page).getByRole('region', { name: 'Output z', exact: true });
    const order: string[] = [];
    for (let k = 1; k <= 3; k++) {
      await toolbarButton(page, 'Step').click();
      await waitForStatus(page, new RegExp(`eager run .* ${k}/4 steps`));
      const current = await waitFor(
        () => currentNodes(page),
        (c) => c.length === 1,
        { what: `one node marked as step ${k}` },
      );
      order.push(current[0]!);
      // Mul runs last: until then it has no value.
      expect(await outputZ.textContent(), `after step ${k}`).toContain('Not run yet.');
    }
    // Three distinct nodes, x before sin(x); Mul is the fourth step.
    expect(new Set(order).size).toBe(3);
    expect(order).not.toContain('2·sin(x)');
    expect(order.indexOf('x')).toBeLessThan(order.indexOf('sin(x)'));

    await toolbarButton(page, 'Step').click();
    await waitForStatus(page, /eager run .* 4\/4 steps/);
    // Done: no node is marked any more, and Mul has its value.
    await waitFor(
      () => currentNodes(page),
      (c) => c.length === 0,
      { what: 'no node marked after the last step' },
    );
    await waitForValues(sidePanel(page), '2·sin(x).z', TWO_SIN);

    expect(app.consoleErrors).toEqual([]);
  } finally {
    await app.close();
  }
}, 90_000);
