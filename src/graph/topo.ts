/**
 * Adjacency lists in compressed sparse row form, over nodes numbered 0…n-1: the neighbours of
 * node i are `targets[start[i]]` up to (not including) `targets[start[i + 1]]`. Large graphs are
 * walked many times; flat integer arrays keep those walks free of hashing and allocation.
 */
export interface Csr {
  /** n + 1 offsets into `targets`. */
  readonly start: Int32Array;
  readonly targets: Int32Array;
}

/** Builds the lists of `to[k]` per `from[k]` for k < edgeCount, each list in the order of k. */
export function csrFromPairs(nodeCount: number, from: Int32Array, to: Int32Array, edgeCount = from.length): Csr {
  const start = new Int32Array(nodeCount + 1);
  for (let k = 0; k < edgeCount; k++) start[from[k]! + 1]!++;
  for (let i = 0; i < nodeCount; i++) start[i + 1]! += start[i]!;
  const next = start.slice(0, nodeCount);
  const targets = new Int32Array(edgeCount);
  for (let k = 0; k < edgeCount; k++) targets[next[from[k]!]!++] = to[k]!;
  return { start, targets };
}

/**
 * Kahn's topological sort of nodes 0…n-1 (ties go to the lower number). Returns the order, or
 * the cycles found among the nodes that could not be ordered: each in edge order, starting at
 * its lowest-numbered node, reported once.
 */
export function topoOrder(successors: Csr): { order: Int32Array; cycles: number[][] } {
  const { start, targets } = successors;
  const count = start.length - 1;
  const indegree = new Int32Array(count);
  for (let k = 0; k < targets.length; k++) indegree[targets[k]!]!++;

  // The order doubles as Kahn's queue: ready nodes are appended, and taken in turn.
  const order = new Int32Array(count);
  let length = 0;
  for (let i = 0; i < count; i++) if (indegree[i] === 0) order[length++] = i;
  for (let taken = 0; taken < length; taken++) {
    const node = order[taken]!;
    for (let k = start[node]!; k < start[node + 1]!; k++)
      if (--indegree[targets[k]!]! === 0) order[length++] = targets[k]!;
  }
  if (length === count) return { order, cycles: [] };
  return { order: order.subarray(0, length), cycles: findCycles(successors, order.subarray(0, length)) };
}

function findCycles(successors: Csr, order: Int32Array): number[][] {
  const { start, targets } = successors;
  const count = start.length - 1;
  const ordered = new Uint8Array(count);
  for (const node of order) ordered[node] = 1;
  // Each unordered node's first unordered predecessor (in node, then edge order).
  const predecessor = new Int32Array(count).fill(-1);
  for (let node = 0; node < count; node++) {
    if (ordered[node]) continue;
    for (let k = start[node]!; k < start[node + 1]!; k++) {
      const s = targets[k]!;
      if (!ordered[s] && predecessor[s]! < 0) predecessor[s] = node;
    }
  }
  // Every unordered node has an unordered predecessor, so walking back always closes a loop.
  const cycles: number[][] = [];
  const seen = new Uint8Array(count);
  const onPath = new Int32Array(count).fill(-1); // a node's place on the current walk, or -1
  for (let first = 0; first < count; first++) {
    if (ordered[first] || seen[first]) continue;
    const path: number[] = [];
    let at = first;
    while (onPath[at]! < 0 && !seen[at]) {
      onPath[at] = path.length;
      path.push(at);
      at = predecessor[at]!;
    }
    if (onPath[at]! >= 0) cycles.push(rotateToLowest(path.slice(onPath[at]).reverse()));
    for (const node of path) {
      seen[node] = 1;
      onPath[node] = -1;
    }
  }
  return cycles;
}

/** Starts a cycle at its lowest-numbered node, so the same cycle always reads the same. */
function rotateToLowest(cycle: number[]): number[] {
  let lowest = 0;
  for (let i = 1; i < cycle.length; i++) if (cycle[i]! < cycle[lowest]!) lowest = i;
  return [...cycle.slice(lowest), ...cycle.slice(0, lowest)];
}

/**
 * `topoOrder` over string ids (successors that are not in `ids` are ignored). Returns the order,
 * or the cycles found among the nodes that could not be ordered, each starting at its node
 * listed first in `ids`.
 */
export function topoSort(
  ids: readonly string[],
  successorsOf: (id: string) => readonly string[],
): { order: string[]; cycles: string[][] } {
  const position = new Map<string, number>();
  for (let i = 0; i < ids.length; i++) if (!position.has(ids[i]!)) position.set(ids[i]!, i);
  const from: number[] = [];
  const to: number[] = [];
  for (let i = 0; i < ids.length; i++) {
    if (position.get(ids[i]!) !== i) continue;
    for (const s of successorsOf(ids[i]!)) {
      const target = position.get(s);
      if (target === undefined) continue;
      from.push(i);
      to.push(target);
    }
  }
  const { order, cycles } = topoOrder(csrFromPairs(ids.length, Int32Array.from(from), Int32Array.from(to)));
  return { order: idsAt(ids, order), cycles: cycles.map((cycle) => idsAt(ids, cycle)) };
}

function idsAt(ids: readonly string[], positions: ArrayLike<number>): string[] {
  const out = new Array<string>(positions.length);
  for (let i = 0; i < positions.length; i++) out[i] = ids[positions[i]!]!;
  return out;
}
