import type { Position } from '../graph/types';
import { GAP, overlaps, type Rect } from './rect';

/** How many rings of spots around the wanted one are tried before giving up on nearness. */
const RINGS = 12;

/**
 * Where a node of `size` goes near `near` (its wanted top-left corner) without coming closer than
 * GAP to any `occupied` box: the wanted spot if it is free, else the nearest free one on a grid of
 * node-sized steps around it (ring by ring, nearest in steps first, right before down before up
 * before left on a tie, as graphs read); past that, below everything.
 */
export function freeSpot(size: { width: number; height: number }, near: Position, occupied: readonly Rect[]): Position {
  const step = { x: size.width + GAP, y: size.height + GAP };
  const free = (at: Position) => !occupied.some((o) => overlaps({ ...at, ...size }, o));
  for (let ring = 0; ring <= RINGS; ring++) {
    const steps: [number, number][] = [];
    for (let i = -ring; i <= ring; i++)
      for (let j = -ring; j <= ring; j++) if (Math.max(Math.abs(i), Math.abs(j)) === ring) steps.push([i, j]);
    // Nearest in steps first, so that a node goes beside another before it goes off at a corner.
    steps.sort(([ai, aj], [bi, bj]) => Math.hypot(ai, aj) - Math.hypot(bi, bj) || bi - ai || bj - aj);
    const spot = steps.map(([i, j]) => ({ x: near.x + i * step.x, y: near.y + j * step.y })).find(free);
    if (spot) return { x: Math.round(spot.x), y: Math.round(spot.y) };
  }
  const bottom = Math.max(...occupied.map((o) => o.y + o.height));
  return { x: Math.round(near.x), y: Math.round(bottom + GAP) };
}
