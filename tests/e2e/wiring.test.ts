import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { openApp } from './support/browser';
import { canvasNodeNames, selectNode, sidePanel, waitFor, waitForStatus, waitForValues, X } from './support/editor';

/** Edge names carry the nodes' names (else ids) and ports; a tensor type may follow. */
const edge = (page: Page, from: RegExp | string, to: string) =>
  page.getByRole('group', {
    name: new RegExp(`^Edge from (?:${typeof from === 'string' ? from : from.source}) to (?:${to})(?:,|$)`),
  });

async function edgeCount(page: Page, from: RegExp | string, to: string): Promise<number> {
  return edge(page, from, to).count();
}

/** A point of the canvas where nothing is drawn but the pane, away from its edges and controls. */
async function emptyCanvasPoint(page: Page): Promise<{ x: number; y: number }> {
  const box = (await page.locator('.react-flow__pane').boundingBox())!;
  const point = await page.evaluate((b) => {
    for (let fy = 0.85; fy > 0.1; fy -= 0.05)
      for (let fx = 0.3; fx < 0.7; fx += 0.05) {
        const [x, y] = [b.x + b.width * fx, b.y + b.height * fy];
        if (document.elementFromPoint(x, y)?.classList.contains('react-flow__pane')) return { x, y };
      }
    return null;
  }, box);
  if (!point) throw new Error('no empty spot on the canvas');
  return point;
}

/** Drags with the mouse, in small steps as a hand does (React Flow needs moves to start a drag). */
async function drag(page: Page, from: { x: number; y: number }, to: { x: number; y: number }): Promise<void> {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + 8, from.y + 8, { steps: 4 });
  await page.mouse.move(to.x, to.y, { steps: 20 });
  await page.mouse.up();
}

async function centre(page: Page, name: string): Promise<{ x: number; y: number }> {
  const box = (await page.getByRole('button', { name, exact: true }).boundingBox())!;
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

test('a wire dropped on empty canvas offers the ops that fit, and the chosen node comes connected', async () => {
  const app = await openApp({ viewport: { width: 1440, height: 900 } });
  const { page } = app;
  try {
    await waitForStatus(page, /eager run .* 4\/4 steps/);
    await drag(page, await centre(page, 'Output y of sin(x)'), await emptyCanvasPoint(page));
    const dialog = page.getByRole('dialog', { name: 'Add a connected node', exact: true });
    await dialog.waitFor();
    const search = dialog.getByRole('combobox', { name: 'Search ops to add', exact: true });
    const offered = () =>
      dialog
        .getByRole('listbox', { name: 'Matching ops', exact: true })
        .getByRole('option')
        .evaluateAll((options) => options.map((o) => o.getAttribute('aria-label')));
    // sin(x).y is float32: the logical ops, which take bool, are not offered; Sqrt is.
    await search.fill('logical');
    await waitFor(offered, (names) => names.length === 0, { what: 'no logical op offered' });
    await search.fill('sqrt');
    await waitFor(offered, (names) => names[0] === 'Sqrt', { what: 'Sqrt offered' });
    await search.press('Enter');

    await page.getByRole('group', { name: 'Sqrt node sqrt', exact: true }).waitFor();
    await edge(page, /sin(\(x\))?\.y/, 'sqrt\\.x').waitFor();
    await selectNode(page, 'Sqrt', 'sqrt');
    await waitForValues(
      sidePanel(page),
      'sqrt.y',
      X.map((x) => Math.sqrt(Math.sin(x))),
    );

    // Node and wire were one step: one undo takes both away.
    await page.keyboard.press('Control+z');
    await waitFor(
      () => canvasNodeNames(page),
      (names) => !names.includes('Sqrt node sqrt'),
      {
        what: 'the quick-added node to be undone',
      },
    );
    expect(await edgeCount(page, /sin(\(x\))?\.y/, 'sqrt\\.x')).toBe(0);

    // From an input, the ops that can feed it: a Const (1 by default) in place of two.
    await drag(page, await centre(page, 'Input y of 2·sin(x)'), await emptyCanvasPoint(page));
    await dialog.waitFor();
    await search.fill('const');
    await waitFor(offered, (names) => names[0] === 'Const', { what: 'Const offered' });
    await search.press('Enter');
    await edge(page, 'const\\.output', '2·sin\\(x\\)\\.y|mul\\.y').waitFor();
    expect(await edgeCount(page, 'two\\.output', '2·sin\\(x\\)\\.y|mul\\.y')).toBe(0);
    await selectNode(page, 'Mul', '2·sin(x)');
    await waitForValues(sidePanel(page), '2·sin(x).z', X.map(Math.sin));
    expect(app.consoleErrors).toEqual([]);
  } finally {
    await app.close();
  }
}, 90_000);

test('a node dropped on an edge splits it, in one undo step', async () => {
  const app = await openApp({ viewport: { width: 1440, height: 900 } });
  const { page } = app;
  try {
    await waitForStatus(page, /eager run .* 4\/4 steps/);
    // An unwired Neg, from the quick-add search on empty canvas.
    const spot = await emptyCanvasPoint(page);
    await page.mouse.dblclick(spot.x, spot.y);
    const search = page.getByRole('combobox', { name: 'Search ops to add', exact: true });
    await search.fill('neg');
    await search.press('Enter');
    const neg = page.getByRole('group', { name: 'Neg node neg', exact: true });
    await neg.waitFor();
    await waitForStatus(page, /Backend:/);

    // The middle of the edge sin(x) → 2·sin(x), on screen.
    const sinToMul = edge(page, /sin(\(x\))?\.y/, 'mul\\.x|2·sin\\(x\\)\\.x');
    const middle = await sinToMul.locator('path.react-flow__edge-path').evaluate((path: SVGPathElement) => {
      const p = path.getPointAtLength(path.getTotalLength() / 2);
      const m = path.getScreenCTM()!;
      return { x: m.a * p.x + m.c * p.y + m.e, y: m.b * p.x + m.d * p.y + m.f };
    });
    const header = (await neg.locator('header').boundingBox())!;
    await drag(page, { x: header.x + 10, y: header.y + header.height / 2 }, middle);

    await edge(page, /sin(\(x\))?\.y/, 'neg\\.x').waitFor();
    await edge(page, 'neg\\.y', 'mul\\.x|2·sin\\(x\\)\\.x').waitFor();
    expect(await sinToMul.count()).toBe(0);
    await selectNode(page, 'Neg', 'neg');
    await waitForValues(
      sidePanel(page),
      'neg.y',
      X.map((x) => -Math.sin(x)),
    );
    // The Neg lies over the Mul now: along its new wire with the keyboard instead.
    await page.locator('.react-flow__node[data-id="neg"]').focus();
    await page.keyboard.press('ArrowRight');
    await waitForValues(
      sidePanel(page),
      '2·sin(x).z',
      X.map((x) => -2 * Math.sin(x)),
    );

    // One undo: the edge is whole again and the Neg unwired (the move and the split were one step).
    await page.keyboard.press('Control+z');
    await waitFor(
      () => sinToMul.count(),
      (n) => n === 1,
      { what: 'the edge to be whole again' },
    );
    expect(await edgeCount(page, /sin(\(x\))?\.y/, 'neg\\.x')).toBe(0);
    expect(await neg.count()).toBe(1);
    await waitForValues(
      sidePanel(page),
      '2·sin(x).z',
      X.map((x) => 2 * Math.sin(x)),
    );
    expect(app.consoleErrors).toEqual([]);
  } finally {
    await app.close();
  }
}, 90_000);

test('dragging a box selection is one undo step, and the history records on after it', async () => {
  const app = await openApp({ viewport: { width: 1440, height: 900 } });
  const { page } = app;
  try {
    await waitForStatus(page, /eager run .* 4\/4 steps/);
    const sin = page.getByRole('group', { name: 'Sin node sin(x)', exact: true });
    const mul = page.getByRole('group', { name: 'Mul node 2·sin(x)', exact: true });
    const [sinBox, mulBox] = [(await sin.boundingBox())!, (await mul.boundingBox())!];
    // Shift-drag on the pane draws a selection box around sin(x) and 2·sin(x).
    const from = { x: sinBox.x - 10, y: Math.min(sinBox.y, mulBox.y) - 10 };
    const to = {
      x: mulBox.x + mulBox.width + 10,
      y: Math.max(sinBox.y + sinBox.height, mulBox.y + mulBox.height) + 10,
    };
    await page.keyboard.down('Shift');
    await drag(page, from, to);
    await page.keyboard.up('Shift');
    const rect = page.locator('.react-flow__nodesselection-rect');
    await rect.waitFor();
    const box = (await rect.boundingBox())!;
    await drag(
      page,
      { x: box.x + box.width / 2, y: box.y + box.height / 2 },
      { x: box.x + box.width / 2 + 60, y: box.y + box.height / 2 + 90 },
    );
    const moved = (await sin.boundingBox())!;
    expect(Math.round(moved.y - sinBox.y)).toBeGreaterThan(40);

    await page.keyboard.press('Control+z');
    await waitFor(
      async () => (await sin.boundingBox())!.y,
      (y) => Math.abs(y - sinBox.y) < 1,
      { what: 'one undo to put the selection back' },
    );
    expect(Math.abs((await mul.boundingBox())!.y - mulBox.y)).toBeLessThan(1);
    // Redo moves both again: the whole drag was the one step.
    await page.keyboard.press('Control+Shift+z');
    await waitFor(
      async () => (await sin.boundingBox())!.y,
      (y) => Math.abs(y - moved.y) < 1,
      { what: 'redo to move the selection again' },
    );
    expect(app.consoleErrors).toEqual([]);
  } finally {
    await app.close();
  }
}, 90_000);
