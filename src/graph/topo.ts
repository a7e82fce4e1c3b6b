/**
 * Kahn's topological sort over node ids. Returns the order, or the cycles found among the
 * nodes that could not be ordered (each cycle in edge order, reported once).
 */
export function topoSort(
  ids: readonly string[],
  successorsOf: (id: string) => readonly string[],
): { order: string[]; cycles: string[][] } {
  const indegree = new Map<string, number>();
  for (const id of ids) indegree.set(id, 0);
  for (const id of ids) for (const s of successorsOf(id)) indegree.set(s, indegree.get(s)! + 1);

  const order: string[] = [];
  const ready = ids.filter((id) => indegree.get(id) === 0);
  for (let i = 0; i < ready.length; i++) {
    const id = ready[i]!;
    order.push(id);
    for (const s of successorsOf(id)) {
      const d = indegree.get(s)! - 1;
      indegree.set(s, d);
      if (d === 0) ready.push(s);
    }
  }
  if (order.length === ids.length) return { order, cycles: [] };
  return { order, cycles: findCycles(ids, successorsOf, new Set(order)) };
}

function findCycles(
  ids: readonly string[],
  successorsOf: (id: string) => readonly string[],
  ordered: ReadonlySet<string>,
): string[][] {
  const predecessor = new Map<string, string>();
  for (const id of ids) {
    if (ordered.has(id)) continue;
    for (const s of successorsOf(id)) if (!ordered.has(s) && !predecessor.has(s)) predecessor.set(s, id);
  }
  // Every unordered node has an unordered predecessor, so walking back always closes a loop.
  const cycles: string[][] = [];
  const seen = new Set<string>();
  for (const start of ids) {
    if (ordered.has(start) || seen.has(start)) continue;
    const path: string[] = [];
    const onPath = new Map<string, number>();
    let at = start;
    while (!onPath.has(at) && !seen.has(at)) {
      onPath.set(at, path.length);
      path.push(at);
      at = predecessor.get(at)!;
    }
    if (onPath.has(at)) cycles.push(rotateToFirst(path.slice(onPath.get(at)).reverse(), ids));
    for (const id of path) seen.add(id);
  }
  return cycles;
}

/** Starts a cycle at its node listed first in the graph, so the same cycle always reads the same. */
function rotateToFirst(cycle: string[], ids: readonly string[]): string[] {
  const rank = (id: string) => ids.indexOf(id);
  let start = 0;
  for (let i = 1; i < cycle.length; i++) if (rank(cycle[i]!) < rank(cycle[start]!)) start = i;
  return [...cycle.slice(start), ...cycle.slice(0, start)];
}
