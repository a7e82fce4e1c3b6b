import { own } from './own';
import { checkInputPort, parseInputPort } from './ports';
import type { OpRegistry } from './registry';
import { formatType } from './shape';
import type { TrainingSpec } from './training';
import type { AttrValue, Graph, GraphEdge, GraphNode, Position, TensorLiteral } from './types';
import type { Validation } from './validate';

/** Pure edits of a graph: each returns a new graph and leaves its argument alone. */

export function addNode(graph: Graph, node: GraphNode): Graph {
  return { ...graph, nodes: [...graph.nodes, node] };
}

export function removeNodes(graph: Graph, ids: ReadonlySet<string>): Graph {
  return {
    ...graph,
    nodes: graph.nodes.filter((n) => !ids.has(n.id)),
    edges: graph.edges.filter((e) => !ids.has(e.source) && !ids.has(e.target)),
  };
}

export function removeEdges(graph: Graph, ids: ReadonlySet<string>): Graph {
  return { ...graph, edges: graph.edges.filter((e) => !ids.has(e.id)) };
}

export function setAttrs(graph: Graph, id: string, attrs: Readonly<Record<string, AttrValue>>): Graph {
  return { ...graph, nodes: graph.nodes.map((n) => (n.id === id ? { ...n, attrs: { ...n.attrs, ...attrs } } : n)) };
}

/** Several nodes' `value` attributes at once (trained weights kept). */
export function setValues(graph: Graph, values: ReadonlyMap<string, TensorLiteral>): Graph {
  return {
    ...graph,
    nodes: graph.nodes.map((n) => {
      const value = values.get(n.id);
      return value ? { ...n, attrs: { ...n.attrs, value } } : n;
    }),
  };
}

/** The graph's training setup, or none. */
export function setTraining(graph: Graph, training: TrainingSpec | null): Graph {
  const { training: _, ...rest } = graph;
  return training ? { ...rest, training } : rest;
}

/** The graph's own name and description; an empty one (after trimming) is left out. */
export function describeGraph(graph: Graph, about: { readonly name: string; readonly description: string }): Graph {
  const { name: _, description: __, ...rest } = graph;
  const name = about.name.trim();
  const description = about.description.trim();
  return { ...rest, ...(name && { name }), ...(description && { description }) };
}

export function renameNode(graph: Graph, id: string, name: string): Graph {
  return {
    ...graph,
    nodes: graph.nodes.map((n) => {
      if (n.id !== id) return n;
      const { name: _, ...rest } = n;
      return name.trim() ? { ...rest, name: name.trim() } : rest;
    }),
  };
}

export function moveNodes(graph: Graph, positions: ReadonlyMap<string, Position>): Graph {
  return {
    ...graph,
    nodes: graph.nodes.map((n) => {
      const position = positions.get(n.id);
      return position ? { ...n, position } : n;
    }),
  };
}

/**
 * Adds an edge, replacing whatever fed that input before. Returns the reason when the edge
 * cannot exist: unknown ports, a dtype the input does not take, or a cycle.
 */
export function connect(
  graph: Graph,
  edge: GraphEdge,
  registry: OpRegistry,
  validation: Validation,
): { ok: true; graph: Graph } | { ok: false; reason: string } {
  const source = graph.nodes.find((n) => n.id === edge.source);
  const target = graph.nodes.find((n) => n.id === edge.target);
  // A node's op as validation resolved it carries the ports a script node declares.
  const sourceOp = source && (validation.nodes.get(source.id)?.op ?? registry.get(source.op));
  const targetOp = target && (validation.nodes.get(target.id)?.op ?? registry.get(target.op));
  if (!source || !target || !sourceOp || !targetOp) return { ok: false, reason: 'both ends must be known nodes' };
  if (!sourceOp.outputs.includes(edge.sourcePort))
    return { ok: false, reason: `${sourceOp.name} has no output ${edge.sourcePort}` };
  const portProblem = checkInputPort(targetOp, edge.targetPort);
  if (portProblem) return { ok: false, reason: portProblem };
  if (edge.source === edge.target || reaches(graph, edge.target, edge.source))
    return { ok: false, reason: `connecting ${edge.source} to ${edge.target} would make a cycle` };

  const types = validation.nodes.get(edge.source)?.types;
  const type = types && own(types, edge.sourcePort);
  const accepted = own(targetOp.inputs, parseInputPort(edge.targetPort).input)!.dtypes;
  if (type && !accepted.includes(type.dtype))
    return {
      ok: false,
      reason: `${targetOp.name}.${edge.targetPort} takes ${accepted.join(' or ')}, but ${edge.source}.${edge.sourcePort} is ${formatType(type)}`,
    };

  const edges = graph.edges.filter((e) => !(e.target === edge.target && e.targetPort === edge.targetPort));
  return { ok: true, graph: { ...graph, edges: [...edges, edge] } };
}

/** Whether data flows (over one or more edges) from `from` to `to`. */
function reaches(graph: Graph, from: string, to: string): boolean {
  const next = new Map<string, string[]>();
  for (const e of graph.edges) {
    const targets = next.get(e.source);
    if (targets) targets.push(e.target);
    else next.set(e.source, [e.target]);
  }
  const seen = new Set<string>();
  const stack = [from];
  while (stack.length) {
    const id = stack.pop()!;
    if (id === to) return true;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const target of next.get(id) ?? []) stack.push(target);
  }
  return false;
}
