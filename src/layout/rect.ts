/** A node's box on the canvas, in flow coordinates. */
export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** Space kept between nodes placed next to what is already there. */
export const GAP = 28;

/** Whether two boxes come closer than GAP. */
export function overlaps(a: Rect, b: Rect): boolean {
  return (
    a.x < b.x + b.width + GAP && b.x < a.x + a.width + GAP && a.y < b.y + b.height + GAP && b.y < a.y + a.height + GAP
  );
}
