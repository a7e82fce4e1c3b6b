import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { openApp } from './support/browser';
import { canvasNode, fitView, selectNode, sidePanel, toolbarButton, waitFor, waitForStatus } from './support/editor';
import { save } from './support/files';
import { edge, openGraphFile, placeholder, type FileNode } from './support/scripts';

const scalar = (v: number) => ({ dtype: 'float32', shape: [], values: [v] });
const node = (id: string, op: string, x: number, y: number, attrs: Record<string, unknown> = {}): FileNode => ({
  id,
  op,
  name: id,
  attrs,
  position: { x, y },
});

/**
 * m = x · (two · three), where two · three is all constants (folded to 6); add = sin(x) + sin(x)
 * with the Sin twice (CSE merges b into a); times1 = x · 1 (simplified to x); unused = exp(x),
 * which nothing reads.
 */
const GRAPH = {
  format: 'tensorloom.graph',
  version: 3,
  nodes: [
    placeholder('x', [1, 2, 3], { x: 0, y: 200 }),
    node('one', 'Const', 0, 20, { value: scalar(1) }),
    node('times1', 'Mul', 640, -100),
    node('two', 'Const', 0, 420, { value: scalar(2) }),
    node('three', 'Const', 0, 560, { value: scalar(3) }),
    node('unused', 'Exp', 320, -120),
    node('a', 'Sin', 320, 40),
    node('b', 'Sin', 320, 200),
    node('six', 'Mul', 320, 460),
    node('add', 'AddV2', 640, 120),
    node('m', 'Mul', 640, 360),
  ],
  edges: [
    edge('x', 'output', 'unused', 'x'),
    edge('x', 'output', 'a', 'x'),
    edge('x', 'output', 'b', 'x'),
    edge('two', 'output', 'six', 'x'),
    edge('three', 'output', 'six', 'y'),
    edge('a', 'y', 'add', 'x'),
    edge('b', 'y', 'add', 'y'),
    edge('x', 'output', 'm', 'x'),
    edge('six', 'z', 'm', 'y'),
    edge('x', 'output', 'times1', 'x'),
    edge('one', 'output', 'times1', 'y'),
  ],
  settings: { mode: 'graph' },
};

/** The plan marks on a node (its note named "Plan: …"), or '' when it has none. */
async function planOf(page: Page, op: string, label: string): Promise<string> {
  const note = canvasNode(page, op, label).getByRole('note', { name: /^Plan: / });
  return (await note.count()) ? ((await note.getAttribute('aria-label')) ?? '') : '';
}

function waitForPlan(page: Page, op: string, label: string, pattern: RegExp): Promise<string> {
  return waitFor(
    () => planOf(page, op, label),
    (plan) => pattern.test(plan),
    { what: `${op} node ${label}'s plan marks to match ${pattern}` },
  );
}

/** The serious and critical violations axe-core finds, in the light and the dark theme. */
async function violations(page: Page): Promise<string[]> {
  const found: string[] = [];
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    const results = await new AxeBuilder({ page }).analyze();
    for (const v of results.violations)
      if (v.impact === 'serious' || v.impact === 'critical')
        for (const n of v.nodes)
          found.push(`${colorScheme}: ${v.id}: ${n.target.join(' ')} — ${n.failureSummary ?? ''}`);
  }
  return found;
}

function returnedCheckbox(page: Page): Locator {
  return sidePanel(page).getByRole('checkbox', { name: 'Returned by the graph', exact: true });
}

test('Show plan marks what the optimizer pruned, folded and merged, and each step; the passes can be switched', async () => {
  const app = await openApp({ viewport: { width: 1440, height: 900 } });
  const { page } = app;
  try {
    // Eager mode has no optimizer: the controls say why they are off.
    const passes = toolbarButton(page, 'Passes');
    expect(await passes.getAttribute('aria-disabled')).toBe('true');
    expect(await passes.getAttribute('aria-describedby')).toBeTruthy();

    await openGraphFile(page, 'plan.json', GRAPH);
    await waitForStatus(page, /graph run /);

    // Every node nothing reads is returned until the user chooses: unused is one of them, so it runs.
    await selectNode(page, 'Exp', 'unused');
    expect(await returnedCheckbox(page).isChecked()).toBe(true);
    await returnedCheckbox(page).uncheck();
    await waitForStatus(page, /graph run /);

    const show = page.getByRole('button', { name: 'Show plan', exact: true });
    expect(await show.getAttribute('aria-pressed')).toBe('false');
    await show.click();
    expect(await show.getAttribute('aria-pressed')).toBe('true');
    await fitView(page);

    expect(await waitForPlan(page, 'Exp', 'unused', /pruned/)).toBe('Plan: pruned');
    expect(await waitForPlan(page, 'Mul', 'six', /folded/)).toBe('Plan: folded → 6');
    expect(await waitForPlan(page, 'Sin', 'b', /merged/)).toBe('Plan: merged into a');
    expect(await page.getByRole('img', { name: 'b merged into a (CSE)', exact: true }).count()).toBe(1);
    expect(await waitForPlan(page, 'Mul', 'times1', /simplified/)).toBe('Plan: simplified: x · 1 → x');
    // What the passes left behind: the constants six was folded from, and the 1 that x · 1 no longer reads.
    expect(await planOf(page, 'Const', 'two')).toBe('Plan: folded into six');
    expect(await planOf(page, 'Const', 'one')).toBe('Plan: unused after the passes');
    // Steps in execution order: x first; add is the last reader of a, and frees it.
    expect(await planOf(page, 'Placeholder', 'x')).toBe('Plan: step 1');
    expect(await planOf(page, 'AddV2', 'add')).toMatch(/^Plan: step \d; frees a$/);
    const steps = await Promise.all(
      [
        ['Placeholder', 'x'],
        ['Sin', 'a'],
        ['AddV2', 'add'],
        ['Mul', 'm'],
      ].map(async ([op, label]) => Number(/step (\d)/.exec(await planOf(page, op!, label!))?.[1])),
    );
    expect([...steps].sort()).toEqual([1, 2, 3, 4]);
    expect(steps[1]).toBeLessThan(steps[2]!);

    // The Passes popover says what each pass did, and switching folding off runs six as a step.
    await passes.click();
    const dialog = page.getByRole('dialog', { name: 'Optimizer passes', exact: true });
    expect(await passes.getAttribute('aria-expanded')).toBe('true');
    expect(
      await dialog
        .getByRole('checkbox', { name: 'Prune', exact: true })
        .evaluate((box) => box === document.activeElement),
    ).toBe(true);
    expect(await dialog.getByRole('note', { name: 'Prune: 1 node pruned', exact: true }).count()).toBe(1);
    expect(await dialog.getByRole('note', { name: 'Fold constants: 1 node folded', exact: true }).count()).toBe(1);
    expect(
      await dialog
        .getByRole('note', { name: 'Eliminate common subexpressions (CSE): 1 node merged', exact: true })
        .count(),
    ).toBe(1);
    expect(await violations(page)).toEqual([]);
    await dialog.getByRole('checkbox', { name: 'Fold constants', exact: true }).uncheck();
    await waitForPlan(page, 'Mul', 'six', /^Plan: step \d/);
    expect(await dialog.getByRole('note', { name: 'Fold constants: off', exact: true }).count()).toBe(1);
    // Without pruning, the node nothing returned needs runs all the same.
    await dialog.getByRole('checkbox', { name: 'Prune', exact: true }).uncheck();
    await waitForPlan(page, 'Exp', 'unused', /^Plan: step \d/);
    // Esc closes the popover and gives the focus back to its button.
    await page.keyboard.press('Escape');
    expect(await dialog.count()).toBe(0);
    expect(await passes.evaluate((button) => button === document.activeElement)).toBe(true);

    // The choices travel with the file.
    const saved = JSON.parse((await save(page)).text) as { settings: Record<string, unknown> };
    expect(saved.settings).toMatchObject({
      mode: 'graph',
      passes: ['cse', 'simplify', 'fuse'],
      outputs: ['times1', 'add', 'm'],
    });
    expect(app.consoleErrors).toEqual([]);
  } finally {
    await app.close();
  }
});
