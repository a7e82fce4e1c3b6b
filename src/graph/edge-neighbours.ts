import type { Graph, Position } from './types';

/** Where an arrow key goes from a node: along its wires (right, left) or to a node beside it (up, down). */
export type Along = 'consumer' | 'producer' | 'previous-sibling' | 'next-sibling';

/**
 * The node the selection moves to from `from`: a consumer (the one nearest in height when there
 * are several), a producer (likewise), or the sibling above or below — a node that shares a
 * producer or a consumer with it, in the order of their heights on the canvas. Null when there is
 * none that way.
 */
export function nextAlongEdges(graph: Graph, from: string, along: Along): string | null {
  const at = new Map(graph.nodes.map((n) => [n.id, n.position ?? { x: 0, y: 0 }]));
  const here = at.get(from);
  if (!here) return null;
  const producers = unique(graph.edges.filter((e) => e.target === from).map((e) => e.source));
  const consumers = unique(graph.edges.filter((e) => e.source === from).map((e) => e.target));
  if (along === 'consumer') return nearestInHeight(consumers, at, here);
  if (along === 'producer') return nearestInHeight(producers, at, here);

  const siblings = new Set<string>();
  for (const e of graph.edges) {
    if (producers.includes(e.source)) siblings.add(e.target);
    if (consumers.includes(e.target)) siblings.add(e.source);
  }
  siblings.delete(from);
  const below = (a: Position, b: Position) => a.y > b.y || (a.y === b.y && a.x > b.x);
  const candidates = [...siblings].filter((id) => {
    const p = at.get(id)!;
    return along === 'next-sibling' ? below(p, here) : below(here, p);
  });
  return nearestInHeight(candidates, at, here);
}

function unique(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}

function nearestInHeight(ids: readonly string[], at: ReadonlyMap<string, Position>, here: Position): string | null {
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const id of ids) {
    const p = at.get(id);
    if (!p) continue;
    const distance = Math.abs(p.y - here.y) + Math.abs(p.x - here.x) / 1e6;
    if (distance < bestDistance) [best, bestDistance] = [id, distance];
  }
  return best;
}
