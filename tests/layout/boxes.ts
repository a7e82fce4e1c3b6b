/** Checks on laid-out graphs shared by the layout tests. */
import type { Graph, Position } from '../../src/graph/types';
import { validateGraph } from '../../src/graph/validate';
import { nodeBoxes, type NodeBox } from '../../src/layout/node-box';
import { registry } from '../../src/ops/registry';

export interface Rect {
  readonly id: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** Each node's estimated box, as the editor estimates it before the canvas has drawn anything. */
export function estimatedBoxes(graph: Graph): Map<string, NodeBox> {
  return nodeBoxes(graph, validateGraph(graph, registry));
}

export function rects(boxes: ReadonlyMap<string, NodeBox>, positions: ReadonlyMap<string, Position>): Rect[] {
  return [...positions].map(([id, p]) => ({ id, ...p, width: boxes.get(id)!.width, height: boxes.get(id)!.height }));
}

/** The pairs of boxes that overlap (touching is fine), swept along x so that 1,200 nodes stay quick. */
export function overlapping(all: readonly Rect[]): string[] {
  const sorted = [...all].sort((a, b) => a.x - b.x);
  const pairs: string[] = [];
  for (const [i, a] of sorted.entries())
    for (const b of sorted.slice(i + 1)) {
      if (b.x >= a.x + a.width) break;
      if (a.y < b.y + b.height && b.y < a.y + a.height) pairs.push(`${a.id} × ${b.id}`);
    }
  return pairs;
}

/** The edges whose source box does not end left of its target box. */
export function backwards(graph: Graph, all: readonly Rect[]): string[] {
  const at = new Map(all.map((r) => [r.id, r]));
  return graph.edges
    .filter((e) => at.get(e.source)!.x + at.get(e.source)!.width > at.get(e.target)!.x)
    .map((e) => `${e.source} → ${e.target}`);
}
