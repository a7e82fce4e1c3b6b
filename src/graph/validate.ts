import { checkAttr, type AttrSpecs } from './attrs';
import type { Diagnostic, DiagnosticKind } from './diagnostics';
import { InferError, type AnyOpSignature, type InferErrorKind } from './op-signature';
import { checkInputPort, parseInputPort } from './ports';
import type { OpRegistry } from './registry';
import { formatType } from './shape';
import { topoSort } from './topo';
import type { AttrValue, Graph, GraphEdge, GraphNode, PortRef, TensorType } from './types';

/** A node with its op resolved, its attributes completed with defaults and its inputs wired. */
export interface ResolvedNode {
  readonly node: GraphNode;
  readonly op: AnyOpSignature;
  readonly attrs: Readonly<Record<string, AttrValue>>;
  /** Per input: the producing port, or the ordered list of them for a variadic input. */
  readonly inputs: Readonly<Record<string, PortRef | readonly PortRef[]>>;
  /** Every producing port, flattened. */
  readonly inputRefs: readonly PortRef[];
  /** Inferred output types; absent when the node or something upstream is invalid. */
  readonly types?: Readonly<Record<string, TensorType>>;
}

export interface Validation {
  readonly ok: boolean;
  readonly diagnostics: readonly Diagnostic[];
  /** Nodes whose op is known, by id. */
  readonly nodes: ReadonlyMap<string, ResolvedNode>;
  /** Every node id, producers before consumers; only complete when there is no cycle. */
  readonly order: readonly string[];
  /** Ids of the nodes that read one of this node's outputs (once per edge). */
  consumersOf(id: string): readonly string[];
}

const INFER_KIND: Record<InferErrorKind, DiagnosticKind> = {
  shape: 'shape-mismatch',
  dtype: 'dtype-mismatch',
  attr: 'invalid-attr',
};

/** What validation gathers about one node before inferring its types. */
interface Entry {
  readonly node: GraphNode;
  readonly op: AnyOpSignature | undefined;
  readonly attrs: Record<string, AttrValue> | null;
  /** Incoming edges, in edge order. */
  readonly wired: { readonly port: string; readonly ref: PortRef }[];
  /** Ids of the nodes its edges lead to (repeated when several edges do). */
  readonly successors: string[];
}

/** Checks structure, attributes, dtypes and shapes of the whole graph, inferring every output type. */
export function validateGraph(graph: Graph, registry: OpRegistry): Validation {
  const diagnostics: Diagnostic[] = [];
  // One map for everything per node: large graphs make many maps of every node costly.
  const entries = new Map<string, Entry>();
  for (const node of graph.nodes) {
    if (entries.has(node.id)) {
      diagnostics.push({ kind: 'duplicate-id', nodeId: node.id, message: `two nodes share the id "${node.id}"` });
      continue;
    }
    const op = registry.get(node.op);
    if (!op) diagnostics.push({ kind: 'unknown-op', nodeId: node.id, message: `unknown op "${node.op}"` });
    const attrs = op ? resolveAttrs(node, op.attrs, diagnostics) : null;
    entries.set(node.id, { node, op, attrs, wired: [], successors: [] });
  }

  for (const edge of graph.edges) {
    const target = entries.get(edge.target);
    const problem = checkEdge(edge, entries.get(edge.source), target);
    const taken = problem ? undefined : target!.wired.find((w) => w.port === edge.targetPort);
    if (problem || taken) {
      diagnostics.push({
        kind: 'invalid-edge',
        nodeId: edge.target,
        port: edge.targetPort,
        edgeId: edge.id,
        message: problem ?? `input ${edge.targetPort} already has a value from ${taken!.ref.node}`,
      });
      continue;
    }
    target!.wired.push({ port: edge.targetPort, ref: { node: edge.source, port: edge.sourcePort } });
    entries.get(edge.source)!.successors.push(edge.target);
  }

  const ids = [...entries.keys()];
  const { order, cycles } = topoSort(ids, (id) => entries.get(id)!.successors);
  for (const cycle of cycles)
    diagnostics.push({
      kind: 'cycle',
      nodeId: cycle[0],
      cycle,
      message: `cycle: ${[...cycle, cycle[0]].join(' → ')}`,
    });

  const nodes = new Map<string, ResolvedNode>();
  const failed = new Set<string>();
  for (const id of order) {
    const { node, op, attrs, wired } = entries.get(id)!;
    if (!op) continue;
    const inputs = collectInputs(node, op, wired, diagnostics);
    const types =
      inputs && attrs && !wired.some((w) => failed.has(w.ref.node))
        ? inferNode(node, op, inputs, attrs, nodes, diagnostics)
        : undefined;
    if (!types) failed.add(id);
    const inputRefs = inputs ? wired.map((w) => w.ref) : [];
    nodes.set(id, { node, op, attrs: attrs ?? {}, inputs: inputs ?? {}, inputRefs, types });
  }
  for (const { node, op, attrs } of entries.values())
    if (op && !nodes.has(node.id)) nodes.set(node.id, { node, op, attrs: attrs ?? {}, inputs: {}, inputRefs: [] });

  return {
    ok: diagnostics.length === 0,
    diagnostics,
    nodes,
    order,
    consumersOf: (id) => entries.get(id)?.successors ?? [],
  };
}

function resolveAttrs(node: GraphNode, specs: AttrSpecs, diagnostics: Diagnostic[]): Record<string, AttrValue> | null {
  const out: Record<string, AttrValue> = {};
  let ok = true;
  for (const name in node.attrs) {
    if (!(name in specs)) {
      ok = false;
      diagnostics.push({
        kind: 'invalid-attr',
        nodeId: node.id,
        attr: name,
        message: `${node.op} has no attribute "${name}"`,
      });
    }
  }
  for (const name in specs) {
    const spec = specs[name]!;
    const value = name in node.attrs ? node.attrs[name]! : spec.default;
    const problem = checkAttr(spec, value);
    if (problem) {
      ok = false;
      diagnostics.push({ kind: 'invalid-attr', nodeId: node.id, attr: name, message: `${name}: ${problem}` });
    }
    out[name] = value;
  }
  return ok ? out : null;
}

function checkEdge(edge: GraphEdge, source: Entry | undefined, target: Entry | undefined): string | null {
  if (!source) return `edge ${edge.id} comes from a node that does not exist: "${edge.source}"`;
  if (!target) return `edge ${edge.id} goes to a node that does not exist: "${edge.target}"`;
  if (source.op && !source.op.outputs.includes(edge.sourcePort))
    return `${source.op.name} has no output "${edge.sourcePort}" (outputs: ${source.op.outputs.join(', ')})`;
  return target.op ? checkInputPort(target.op, edge.targetPort) : null;
}

function collectInputs(
  node: GraphNode,
  op: AnyOpSignature,
  wired: Entry['wired'],
  diagnostics: Diagnostic[],
): Record<string, PortRef | PortRef[]> | null {
  const inputs: Record<string, PortRef | PortRef[]> = {};
  let variadic: Map<string, PortRef[]> | undefined;
  for (const { port, ref } of wired) {
    const { input, index } = parseInputPort(port);
    if (index === null) inputs[input] = ref;
    else {
      variadic ??= new Map();
      let list = variadic.get(input);
      if (!list) variadic.set(input, (list = []));
      list[index] = ref;
    }
  }
  let ok = true;
  for (const name in op.inputs) {
    const spec = op.inputs[name]!;
    if (spec.variadic) {
      const list = variadic?.get(name) ?? [];
      const gap = Array.from({ length: Math.max(list.length, 1) }, (_, i) => i).find((i) => !list[i]);
      if (gap !== undefined) {
        ok = false;
        diagnostics.push({
          kind: 'missing-input',
          nodeId: node.id,
          port: `${name}:${gap}`,
          message: `input ${name}:${gap} is not connected`,
        });
      }
      inputs[name] = list;
    } else if (!inputs[name]) {
      ok = false;
      diagnostics.push({
        kind: 'missing-input',
        nodeId: node.id,
        port: name,
        message: `input ${name} is not connected`,
      });
    }
  }
  return ok ? inputs : null;
}

function inferNode(
  node: GraphNode,
  op: AnyOpSignature,
  inputs: Record<string, PortRef | PortRef[]>,
  attrs: Record<string, AttrValue>,
  resolved: ReadonlyMap<string, ResolvedNode>,
  diagnostics: Diagnostic[],
): Record<string, TensorType> | undefined {
  const inputTypes: Record<string, TensorType | TensorType[]> = {};
  for (const name in inputs) {
    const value = inputs[name]!;
    const refs = Array.isArray(value) ? value : [value as PortRef];
    const allowed = op.inputs[name]!.dtypes;
    for (let i = 0; i < refs.length; i++) {
      const ref = refs[i]!;
      const t = typeOf(resolved, ref);
      if (!allowed.includes(t.dtype)) {
        const port = Array.isArray(value) ? `${name}:${i}` : name;
        diagnostics.push({
          kind: 'dtype-mismatch',
          nodeId: node.id,
          port,
          message: `${op.name}.${port} takes ${allowed.join(' or ')}, but ${ref.node}.${ref.port} is ${formatType(t)}`,
        });
        return undefined;
      }
    }
    inputTypes[name] = Array.isArray(value)
      ? value.map((r) => typeOf(resolved, r))
      : typeOf(resolved, value as PortRef);
  }
  try {
    return op.infer(inputTypes as never, attrs as never);
  } catch (e) {
    if (!(e instanceof InferError)) throw e;
    diagnostics.push({ kind: INFER_KIND[e.kind], nodeId: node.id, ...e.where, message: `${op.name}: ${e.message}` });
    return undefined;
  }
}

function typeOf(resolved: ReadonlyMap<string, ResolvedNode>, ref: PortRef): TensorType {
  return resolved.get(ref.node)!.types![ref.port]!;
}
