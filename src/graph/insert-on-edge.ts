import { connect, removeEdges } from './edits';
import type { AnyOpSignature } from './op-signature';
import { shownInputPorts } from './ports';
import type { OpRegistry } from './registry';
import type { Graph, GraphEdge } from './types';
import type { Validation } from './validate';

/**
 * Splits edge `edgeId` with node `nodeId`: the edge's source feeds the node's first input, and the
 * node's first output feeds the edge's old target. Only a node with no wires yet goes onto an edge.
 * Returns the reason when it cannot: the node is wired, has no input or no output, or a wire would
 * be refused (dtype, cycle).
 */
export function insertOnEdge(
  graph: Graph,
  edgeId: string,
  nodeId: string,
  registry: OpRegistry,
  validationOf: (graph: Graph) => Validation,
  freshEdgeIds: readonly [string, string],
): { ok: true; graph: Graph } | { ok: false; reason: string } {
  const edge = graph.edges.find((e) => e.id === edgeId);
  const node = graph.nodes.find((n) => n.id === nodeId);
  if (!edge || !node) return { ok: false, reason: 'the edge or the node is gone' };
  if (graph.edges.some((e) => e.source === nodeId || e.target === nodeId))
    return { ok: false, reason: `${nodeId} is wired already` };
  const op: AnyOpSignature | undefined = validationOf(graph).nodes.get(nodeId)?.op ?? registry.get(node.op);
  const input = op && shownInputPorts(op.inputs, {})[0];
  const output = op?.outputs[0];
  if (!input || !output) return { ok: false, reason: `${node.op} needs an input and an output to sit on an edge` };

  const without = removeEdges(graph, new Set([edgeId]));
  const wires: GraphEdge[] = [
    { id: freshEdgeIds[0], source: edge.source, sourcePort: edge.sourcePort, target: nodeId, targetPort: input.id },
    { id: freshEdgeIds[1], source: nodeId, sourcePort: output, target: edge.target, targetPort: edge.targetPort },
  ];
  let result: Graph = without;
  for (const wire of wires) {
    const connected = connect(result, wire, registry, validationOf(result));
    if (!connected.ok) return connected;
    result = connected.graph;
  }
  return { ok: true, graph: result };
}
