/** Where a link between two node boxes starts and ends: on their borders, along the line between their centres. Pure. */

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface Point {
  readonly x: number;
  readonly y: number;
}

/** The ends of the segment from box `a`'s centre to `b`'s that lies outside both; null when they overlap. */
export function linkBetween(a: Box, b: Box): { from: Point; to: Point } | null {
  const ca = { x: a.x + a.width / 2, y: a.y + a.height / 2 };
  const cb = { x: b.x + b.width / 2, y: b.y + b.height / 2 };
  const dx = cb.x - ca.x;
  const dy = cb.y - ca.y;
  // The fraction of the centre-to-centre segment each box covers.
  const inside = (box: Box) =>
    Math.min(dx ? box.width / 2 / Math.abs(dx) : Infinity, dy ? box.height / 2 / Math.abs(dy) : Infinity);
  const ta = inside(a);
  const tb = inside(b);
  if (ta + tb >= 1) return null;
  return {
    from: { x: ca.x + dx * ta, y: ca.y + dy * ta },
    to: { x: cb.x - dx * tb, y: cb.y - dy * tb },
  };
}
