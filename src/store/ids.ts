/** A short id for a new node, derived from its op and unique in the graph: `matmul`, `matmul2`, … */
export function freshNodeId(op: string, taken: ReadonlySet<string>): string {
  const base = op.replace(/V\d+$/, '').toLowerCase();
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}${i}`)) return `${base}${i}`;
}

export function freshEdgeId(taken: ReadonlySet<string>): string {
  for (let i = taken.size + 1; ; i++) if (!taken.has(`e${i}`)) return `e${i}`;
}
