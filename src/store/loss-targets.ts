import type { Graph, GraphNode } from '../graph/types';
import type { ResolvedNode } from '../graph/validate';
import { validationOf } from './document-store';

/**
 * The nodes a gradient can be taken of: those whose one output is a float32 scalar (a loss),
 * a script's output declared with shape [] among them.
 */
export function lossTargets(graph: Graph): GraphNode[] {
  return [...validationOf(graph).nodes.values()].filter(isScalarLoss).map((n) => n.node);
}

/** Why node `id` cannot be the loss target of `graph`, or null when it can. */
export function lossTargetProblem(graph: Graph, id: string): string | null {
  const resolved = validationOf(graph).nodes.get(id);
  if (!resolved) return 'is not in the graph';
  return isScalarLoss(resolved) ? null : 'has no scalar float32 output';
}

function isScalarLoss({ op, types }: ResolvedNode): boolean {
  const type = op.outputs.length === 1 ? types?.[op.outputs[0]!] : undefined;
  return type?.dtype === 'float32' && type.shape?.length === 0;
}
