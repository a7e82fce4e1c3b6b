import type { GraphIndex } from './validate';

/**
 * The nodes that the nodes at positions `from` depend on, themselves included, as flags by
 * position, and how many there are. Taken `exact`ly, a node whose inputs could not be collected (it
 * lists no inputRefs) reads nothing; the quick way follows every edge, without looking at the
 * nodes. Where every node found has types, as compiling needs, both find the same nodes; where one
 * lacks them, so does one that the exact way finds.
 */
export function upstreamCone(
  index: GraphIndex,
  from: Iterable<number>,
  exact = false,
): { inCone: Uint8Array; size: number } {
  const { start, targets } = index.producers;
  const inCone = new Uint8Array(index.resolved.length);
  let size = 0;
  const stack = [...from];
  while (stack.length) {
    const p = stack.pop()!;
    if (inCone[p]) continue;
    inCone[p] = 1;
    size++;
    if (exact && !index.resolved[p]?.inputRefs.length) continue;
    for (let k = start[p]!; k < start[p + 1]!; k++) stack.push(targets[k]!);
  }
  return { inCone, size };
}
