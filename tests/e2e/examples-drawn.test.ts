import { expect, test } from 'vitest';
import { EXAMPLES } from '../../src/store/examples';
import { openApp } from './support/browser';
import { fitView, openExample } from './support/editor';

interface Box {
  readonly name: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

const apart = (a: Box, b: Box) =>
  a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;

test('every example, as drawn once it has run (values as pictures), has no two nodes overlapping', async () => {
  const app = await openApp();
  const { page } = app;
  const status = page.getByRole('status', { name: 'Run status' });
  const nodes = page.getByRole('group', { name: / node / });
  const boxes = () =>
    nodes.evaluateAll((found) =>
      found.map((n) => {
        const r = n.getBoundingClientRect();
        return { name: n.getAttribute('aria-label') ?? '', x: r.x, y: r.y, width: r.width, height: r.height };
      }),
    );
  try {
    const overlaps: string[] = [];
    for (const example of EXAMPLES) {
      await openExample(page, example.title);
      await expect.poll(() => page.getByRole('textbox', { name: 'Graph name' }).inputValue()).not.toBe('');
      await expect.poll(() => status.innerText(), { timeout: 60_000 }).not.toMatch(/running…|stale/);
      await fitView(page);
      // Measured once nothing moves or grows any more (values arrive as pictures, a node at a time).
      let drawn: Box[] = [];
      await expect
        .poll(
          async () => {
            const before = JSON.stringify(drawn);
            drawn = await boxes();
            return drawn.length > 0 && JSON.stringify(drawn) === before;
          },
          { interval: 500, timeout: 30_000 },
        )
        .toBe(true);
      for (const [i, a] of drawn.entries())
        for (const b of drawn.slice(i + 1)) if (!apart(a, b)) overlaps.push(`${example.file}: ${a.name} / ${b.name}`);
    }
    expect(overlaps).toEqual([]);
    expect(app.consoleErrors).toEqual([]);
  } finally {
    await app.close();
  }
}, 600_000);
