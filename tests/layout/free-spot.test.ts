import { expect, it } from 'vitest';
import { freeSpot } from '../../src/layout/free-spot';
import { GAP, overlaps, type Rect } from '../../src/layout/rect';

const size = { width: 150, height: 60 };

it('takes the wanted spot when it is free, and the nearest free one when it is not', () => {
  expect(freeSpot(size, { x: 10, y: 20 }, [])).toEqual({ x: 10, y: 20 });
  // A node right there: the next spot is one node-width and a gap to the right (rightwards first).
  const there: Rect = { x: 10, y: 20, ...size };
  expect(freeSpot(size, { x: 10, y: 20 }, [there])).toEqual({ x: 10 + size.width + GAP, y: 20 });
  // With the right taken as well, the spot below comes before the left and above.
  const right: Rect = { x: 10 + size.width + GAP, y: 20, ...size };
  expect(freeSpot(size, { x: 10, y: 20 }, [there, right])).toEqual({ x: 10, y: 20 + size.height + GAP });
});

it('piles nothing: nodes added one after another at the same spot never overlap, and stay near it', () => {
  const placed: Rect[] = [{ x: 0, y: 0, width: 220, height: 90 }];
  for (let i = 0; i < 30; i++) placed.push({ ...freeSpot(size, { x: 0, y: 0 }, placed), ...size });
  for (const [i, a] of placed.entries())
    for (const b of placed.slice(i + 1)) expect(overlaps(a, b), JSON.stringify([a, b])).toBe(false);
  expect(Math.max(...placed.map((r) => Math.hypot(r.x, r.y)))).toBeLessThan(4 * (size.width + GAP));
});
