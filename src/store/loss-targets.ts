import type { Graph, GraphNode, PortRef } from '../graph/types';
import type { ResolvedNode } from '../graph/validate';
import { validationOf } from './document-store';

/**
 * The nodes a gradient can be taken of: those with exactly one float32 scalar output (a loss),
 * a script's output declared with shape [] among them.
 */
export function lossTargets(graph: Graph): GraphNode[] {
  return [...validationOf(graph).nodes.values()].filter((n) => lossPort(n) !== null).map((n) => n.node);
}

/** Why node `id` cannot be the loss target of `graph`, or null when it can. */
export function lossTargetProblem(graph: Graph, id: string): string | null {
  const resolved = validationOf(graph).nodes.get(id);
  if (!resolved) return 'is not in the graph';
  return lossPort(resolved) !== null ? null : 'has no scalar float32 output';
}

/** The output of node `id` that is the loss, or null when it has none. */
export function lossTargetRef(graph: Graph, id: string): PortRef | null {
  const resolved = validationOf(graph).nodes.get(id);
  const port = resolved ? lossPort(resolved) : null;
  return port === null ? null : { node: id, port };
}

/** The node's one float32 scalar output; null when it has none, or several (which one would be the loss?). */
function lossPort({ op, types }: ResolvedNode): string | null {
  const scalars = op.outputs.filter((port) => {
    const type = types?.[port];
    return type?.dtype === 'float32' && type.shape?.length === 0;
  });
  return scalars.length === 1 ? scalars[0]! : null;
}
