import type { Position } from '../../graph/types';

const point = (p: Position) => `${p.x} ${p.y}`;

/**
 * An SVG path from an output handle to an input handle along a layout's route: cubic Bézier
 * segments through `controls` (two control points, a joint, …, two control points). A list of
 * another length is not a spline: it is joined straight.
 */
export function routePath(start: Position, controls: readonly Position[], end: Position): string {
  const points = [...controls, end];
  if (points.length % 3 !== 0) return `M ${point(start)} ${points.map((p) => `L ${point(p)}`).join(' ')}`;
  const segments: string[] = [];
  for (let i = 0; i < points.length; i += 3)
    segments.push(`C ${point(points[i]!)} ${point(points[i + 1]!)} ${point(points[i + 2]!)}`);
  return `M ${point(start)} ${segments.join(' ')}`;
}
