/** How a link between two node boxes is drawn: an SVG path and where its label sits. Pure. */

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

export interface LinkPath {
  readonly d: string;
  readonly label: Point;
}

/** How far a link between two nodes of one column bulges out to their right. */
export const BULGE = 72;

/**
 * The link from box `a` to box `b`. Boxes side by side: a straight line between their borders,
 * along the line between their centres, clear of `above` px over each box (the node's marks).
 * Boxes in one column: an arc out of `a`'s right side into `b`'s, clear of whatever stands between
 * them. Null when the boxes overlap.
 */
export function linkPath(a: Box, b: Box, above = 0): LinkPath | null {
  const columns = a.x < b.x + b.width && b.x < a.x + a.width;
  const rows = a.y < b.y + b.height && b.y < a.y + a.height;
  if (columns && rows) return null;
  if (columns) {
    const from = { x: a.x + a.width, y: a.y + a.height / 2 };
    const to = { x: b.x + b.width, y: b.y + b.height / 2 };
    const out = Math.max(from.x, to.x) + BULGE;
    // A cubic's midpoint with both controls at `out`: three quarters of the way out.
    return {
      d: `M ${from.x} ${from.y} C ${out} ${from.y}, ${out} ${to.y}, ${to.x} ${to.y}`,
      label: { x: (from.x + to.x) / 8 + (out * 3) / 4, y: (from.y + to.y) / 2 },
    };
  }
  return straightLink(
    { ...a, y: a.y - above, height: a.height + above },
    { ...b, y: b.y - above, height: b.height + above },
  );
}

function straightLink(a: Box, b: Box): LinkPath {
  const ca = { x: a.x + a.width / 2, y: a.y + a.height / 2 };
  const cb = { x: b.x + b.width / 2, y: b.y + b.height / 2 };
  const dx = cb.x - ca.x;
  const dy = cb.y - ca.y;
  // The fraction of the centre-to-centre segment inside each box.
  const inside = (box: Box) =>
    Math.min(dx ? box.width / 2 / Math.abs(dx) : Infinity, dy ? box.height / 2 / Math.abs(dy) : Infinity);
  const from = { x: ca.x + dx * inside(a), y: ca.y + dy * inside(a) };
  const to = { x: cb.x - dx * inside(b), y: cb.y - dy * inside(b) };
  return { d: `M ${from.x} ${from.y} L ${to.x} ${to.y}`, label: { x: (from.x + to.x) / 2, y: (from.y + to.y) / 2 } };
}
