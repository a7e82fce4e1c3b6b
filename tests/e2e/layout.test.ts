import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import type { Graph } from '../../src/graph/types';
import { serializeGraph } from '../../src/io/graph-file';
import { layeredDag } from '../support/layered-graphs';
import { openApp, screenshot } from './support/browser';
import { fitView, toolbarButton, waitFor, waitForStatus } from './support/editor';

interface Box {
  readonly id: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** Every node React Flow drew: where it is on the canvas (its transform) and its size as drawn. */
function drawnBoxes(page: Page): Promise<Box[]> {
  return page.locator('.react-flow__node').evaluateAll((elements) =>
    elements.map((e) => {
      const element = e as HTMLElement;
      const [, x, y] = /translate\(([-\d.]+)px, ([-\d.]+)px\)/.exec(element.style.transform) ?? [];
      return {
        id: element.dataset['id'] ?? '',
        x: Number(x),
        y: Number(y),
        width: element.offsetWidth,
        height: element.offsetHeight,
      };
    }),
  );
}

const byId = (boxes: readonly Box[]) => new Map(boxes.map((b) => [b.id, b]));
const where = (boxes: readonly Box[]) => Object.fromEntries(boxes.map((b) => [b.id, [b.x, b.y]]));

/** The pairs of nodes whose boxes overlap. */
function overlapping(boxes: readonly Box[]): string[] {
  const pairs: string[] = [];
  for (const [i, a] of boxes.entries())
    for (const b of boxes.slice(i + 1))
      if (a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height)
        pairs.push(`${a.id} × ${b.id}`);
  return pairs;
}

/** The edges that do not run from left to right: the source's right edge past the target's left. */
function backwards(graph: Graph, boxes: readonly Box[]): string[] {
  const at = byId(boxes);
  return graph.edges
    .filter((e) => at.get(e.source)!.x + at.get(e.source)!.width > at.get(e.target)!.x)
    .map((e) => `${e.source} → ${e.target}`);
}

test('a file of 300 nodes without positions opens laid out; Tidy is one undo step', async () => {
  const app = await openApp({ viewport: { width: 1600, height: 1000 } });
  const { page } = app;
  // 20 layers of 15: laid out, small enough at the least zoom for every node to be drawn.
  const graph = layeredDag(7, 20, 15, 1);
  try {
    await page.getByLabel('Open graph file', { exact: true }).setInputFiles({
      name: 'unplaced.json',
      mimeType: 'application/json',
      buffer: Buffer.from(serializeGraph(graph)),
    });
    // Once it has run, every node shows its value preview: its final size.
    await waitForStatus(page, /300\/300 steps/, 60_000);
    // It opens at its inputs (at the fitting zoom its titles would be too small to read): show it all.
    await fitView(page);
    const opened = await waitFor(
      () => drawnBoxes(page),
      (boxes) => boxes.length === 300,
      { what: 'all 300 nodes drawn' },
    );
    expect(overlapping(opened)).toEqual([]);
    expect(backwards(graph, opened)).toEqual([]);

    const dragged = 'l10_7';
    const box = (await page.locator(`.react-flow__node[data-id="${dragged}"]`).boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + 4);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 60, box.y + 44, { steps: 8 });
    await page.mouse.up();
    const moved = await waitFor(
      () => drawnBoxes(page),
      (boxes) => byId(boxes).get(dragged)!.x !== byId(opened).get(dragged)!.x,
      { what: `${dragged} dragged` },
    );

    await toolbarButton(page, 'Tidy layout').click();
    const tidied = await waitFor(
      () => drawnBoxes(page),
      (boxes) => boxes.length === 300 && byId(boxes).get(dragged)!.x !== byId(moved).get(dragged)!.x,
      { what: 'the tidied layout', timeout: 60_000 },
    );
    expect(overlapping(tidied)).toEqual([]);
    expect(backwards(graph, tidied)).toEqual([]);
    await screenshot(page, 'layout-tidied.png');
    for (let i = 0; i < 8; i++) await page.getByRole('button', { name: 'Zoom In', exact: true }).click();
    await screenshot(page, 'layout-tidied-closer.png');
    // Back to the whole graph, so that every node is drawn again.
    await fitView(page);

    // One undo takes the whole layout back: every node where it was after the drag.
    await page.keyboard.press('Control+z');
    await waitFor(
      () => drawnBoxes(page),
      (boxes) => JSON.stringify(where(boxes)) === JSON.stringify(where(moved)),
      { what: 'the positions before Tidy' },
    );

    // The shortcut lays the same graph out the same way.
    await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Shift+L');
    await waitFor(
      () => drawnBoxes(page),
      (boxes) => JSON.stringify(where(boxes)) === JSON.stringify(where(tidied)),
      { what: 'the same tidied layout again', timeout: 60_000 },
    );

    expect(app.consoleErrors).toEqual([]);
  } finally {
    await app.close();
  }
}, 180_000);
