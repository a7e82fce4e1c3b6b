import type { Graph, Position } from '../graph/types';
import type { NodeBox } from './node-box';
import { GAP, overlaps, type Rect } from './rect';

/**
 * Where the nodes without a position go when others have one. Placed nodes never move: someone
 * put them there. Each group of unplaced nodes (connected through unplaced nodes) keeps the
 * arrangement `laidOut` (a layout of the whole graph) gives it, moved rigidly so that the first
 * placed node it is wired to sits where it is, then down until it overlaps nothing. A group wired
 * to no placed node goes below everything. Returns positions for the unplaced nodes only.
 */
export function placeUnplaced(
  graph: Graph,
  boxes: ReadonlyMap<string, NodeBox>,
  laidOut: ReadonlyMap<string, Position>,
): Map<string, Position> {
  const rect = (id: string, at: Position): Rect => {
    const box = boxes.get(id);
    return { x: at.x, y: at.y, width: box?.width ?? 0, height: box?.height ?? 0 };
  };
  const occupied: Rect[] = [];
  const placedAt = new Map<string, Position>();
  for (const n of graph.nodes)
    if (n.position) {
      placedAt.set(n.id, n.position);
      occupied.push(rect(n.id, n.position));
    }
  const placed = new Map<string, Position>();
  for (const group of unplacedGroups(graph, placedAt)) {
    const anchor = anchorOf(graph, group, placedAt);
    const members = group.map((id) => rect(id, laidOut.get(id) ?? { x: 0, y: 0 }));
    let dx: number;
    let dy: number;
    if (anchor) {
      const from = laidOut.get(anchor) ?? { x: 0, y: 0 };
      const to = placedAt.get(anchor)!;
      [dx, dy] = [to.x - from.x, to.y - from.y];
    } else if (!occupied.length) {
      [dx, dy] = [0, 0];
    } else {
      const [left, top] = [minOf(occupied, (r) => r.x), maxOf(occupied, (r) => r.y + r.height) + GAP];
      [dx, dy] = [left - minOf(members, (r) => r.x), top - minOf(members, (r) => r.y)];
    }
    dy += clearance(members, occupied, dx, dy);
    group.forEach((id, k) => {
      const at = { x: Math.round(members[k]!.x + dx), y: Math.round(members[k]!.y + dy) };
      placed.set(id, at);
      occupied.push(rect(id, at));
    });
  }
  return placed;
}

/** The unplaced nodes in groups connected through unplaced nodes, each in graph order, groups by their first node. */
function unplacedGroups(graph: Graph, placedAt: ReadonlyMap<string, Position>): string[][] {
  const parent = new Map<string, string>();
  for (const n of graph.nodes) if (!placedAt.has(n.id)) parent.set(n.id, n.id);
  const root = (id: string): string => {
    let r = id;
    while (parent.get(r) !== r) r = parent.get(r)!;
    parent.set(id, r);
    return r;
  };
  for (const e of graph.edges)
    if (parent.has(e.source) && parent.has(e.target)) parent.set(root(e.target), root(e.source));
  const groups = new Map<string, string[]>();
  for (const id of parent.keys()) {
    const r = root(id);
    const group = groups.get(r);
    if (group) group.push(id);
    else groups.set(r, [id]);
  }
  return [...groups.values()];
}

/** The first placed node, in edge order, wired to a node of `group`. */
function anchorOf(graph: Graph, group: readonly string[], placedAt: ReadonlyMap<string, Position>): string | null {
  const members = new Set(group);
  for (const e of graph.edges) {
    if (members.has(e.target) && placedAt.has(e.source)) return e.source;
    if (members.has(e.source) && placedAt.has(e.target)) return e.target;
  }
  return null;
}

/** How far down `members`, moved by (dx, dy), must go to overlap none of `occupied` with GAP to spare. */
function clearance(members: readonly Rect[], occupied: readonly Rect[], dx: number, dy: number): number {
  let down = 0;
  for (;;) {
    let lowest = -Infinity;
    for (const m of members) {
      const moved = { ...m, x: m.x + dx, y: m.y + dy + down };
      for (const o of occupied) if (overlaps(moved, o)) lowest = Math.max(lowest, o.y + o.height + GAP - moved.y);
    }
    if (lowest === -Infinity) return down;
    down += lowest;
  }
}

function minOf(rects: readonly Rect[], value: (r: Rect) => number): number {
  let min = Infinity;
  for (const r of rects) min = Math.min(min, value(r));
  return min;
}

function maxOf(rects: readonly Rect[], value: (r: Rect) => number): number {
  let max = -Infinity;
  for (const r of rects) max = Math.max(max, value(r));
  return max;
}
