import type { Position } from '../../graph/types';

const point = (p: Position) => `${p.x} ${p.y}`;

const isSpline = (controls: readonly Position[]) => (controls.length + 1) % 3 === 0;

/**
 * An SVG path from an output handle to an input handle along a layout's route: cubic Bézier
 * segments through `controls` (two control points, a joint, …, two control points). A list of
 * another length is not a spline: it is joined straight.
 */
export function routePath(start: Position, controls: readonly Position[], end: Position): string {
  const points = [...controls, end];
  if (!isSpline(controls)) return `M ${point(start)} ${points.map((p) => `L ${point(p)}`).join(' ')}`;
  const segments: string[] = [];
  for (let i = 0; i < points.length; i += 3)
    segments.push(`C ${point(points[i]!)} ${point(points[i + 1]!)} ${point(points[i + 2]!)}`);
  return `M ${point(start)} ${segments.join(' ')}`;
}

const cubicAt = (p0: number, p1: number, p2: number, p3: number, t: number) =>
  (1 - t) ** 3 * p0 + 3 * (1 - t) ** 2 * t * p1 + 3 * (1 - t) * t ** 2 * p2 + t ** 3 * p3;

/**
 * Where an edge's label goes: the middle of the route by segments (the joint between the two
 * middle segments, or halfway along the middle one), which is near the middle of its length.
 */
export function routeMidpoint(start: Position, controls: readonly Position[], end: Position): Position {
  const points = [start, ...controls, end];
  if (!isSpline(controls)) {
    const segments = points.length - 1;
    const a = points[Math.floor(segments / 2)]!;
    const b = points[Math.floor(segments / 2) + (segments % 2)]!;
    return { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
  }
  const segments = (points.length - 1) / 3;
  if (segments % 2 === 0) return points[(segments / 2) * 3]!;
  const at = ((segments - 1) / 2) * 3;
  const [p0, p1, p2, p3] = [points[at]!, points[at + 1]!, points[at + 2]!, points[at + 3]!];
  return { x: cubicAt(p0.x, p1.x, p2.x, p3.x, 0.5), y: cubicAt(p0.y, p1.y, p2.y, p3.y, 0.5) };
}
