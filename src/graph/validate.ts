import { checkAttr, type AttrSpecs } from './attrs';
import type { Diagnostic, DiagnosticKind } from './diagnostics';
import { InferError, type AnyOpSignature, type InferErrorKind } from './op-signature';
import { checkInputPort, parseInputPort } from './ports';
import type { OpRegistry } from './registry';
import { formatType } from './shape';
import { topoSort } from './topo';
import type { AttrValue, Graph, GraphNode, PortRef, TensorType } from './types';

/** A node with its op resolved, its attributes completed with defaults and its inputs wired. */
export interface ResolvedNode {
  readonly node: GraphNode;
  readonly op: AnyOpSignature;
  readonly attrs: Readonly<Record<string, AttrValue>>;
  /** Per input: the producing port, or the ordered list of them for a variadic input. */
  readonly inputs: Readonly<Record<string, PortRef | readonly PortRef[]>>;
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
  /** Node id → ids of nodes that read one of its outputs. */
  readonly consumers: ReadonlyMap<string, readonly string[]>;
}

const INFER_KIND: Record<InferErrorKind, DiagnosticKind> = {
  shape: 'shape-mismatch',
  dtype: 'dtype-mismatch',
  attr: 'invalid-attr',
};

/** Checks structure, attributes, dtypes and shapes of the whole graph, inferring every output type. */
export function validateGraph(graph: Graph, registry: OpRegistry): Validation {
  const diagnostics: Diagnostic[] = [];
  const byId = new Map<string, GraphNode>();
  for (const node of graph.nodes) {
    if (byId.has(node.id))
      diagnostics.push({ kind: 'duplicate-id', nodeId: node.id, message: `two nodes share the id "${node.id}"` });
    else byId.set(node.id, node);
  }

  const ops = new Map<string, AnyOpSignature>();
  const attrs = new Map<string, Record<string, AttrValue>>();
  for (const node of byId.values()) {
    const op = registry.get(node.op);
    if (!op) {
      diagnostics.push({ kind: 'unknown-op', nodeId: node.id, message: `unknown op "${node.op}"` });
      continue;
    }
    ops.set(node.id, op);
    const resolved = resolveAttrs(node, op.attrs, diagnostics);
    if (resolved) attrs.set(node.id, resolved);
  }

  const wiring = new Map<string, Map<string, PortRef>>();
  const successors = new Map<string, string[]>();
  for (const edge of graph.edges) {
    const problem = checkEdge(edge, byId, ops);
    if (problem) {
      diagnostics.push({
        kind: 'invalid-edge',
        nodeId: edge.target,
        port: edge.targetPort,
        edgeId: edge.id,
        message: problem,
      });
      continue;
    }
    let ports = wiring.get(edge.target);
    if (!ports) wiring.set(edge.target, (ports = new Map()));
    if (ports.has(edge.targetPort)) {
      diagnostics.push({
        kind: 'invalid-edge',
        nodeId: edge.target,
        port: edge.targetPort,
        edgeId: edge.id,
        message: `input ${edge.targetPort} already has a value from ${ports.get(edge.targetPort)!.node}`,
      });
      continue;
    }
    ports.set(edge.targetPort, { node: edge.source, port: edge.sourcePort });
    let next = successors.get(edge.source);
    if (!next) successors.set(edge.source, (next = []));
    next.push(edge.target);
  }

  const ids = [...byId.keys()];
  const { order, cycles } = topoSort(ids, successors);
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
    const op = ops.get(id);
    if (!op) continue;
    const node = byId.get(id)!;
    const inputs = collectInputs(node, op, wiring.get(id), diagnostics);
    const nodeAttrs = attrs.get(id);
    const types =
      inputs && nodeAttrs && !dependsOn(inputs, failed)
        ? inferNode(node, op, inputs, nodeAttrs, nodes, diagnostics)
        : undefined;
    if (!types) failed.add(id);
    nodes.set(id, { node, op, attrs: nodeAttrs ?? {}, inputs: inputs ?? {}, ...(types && { types }) });
  }
  for (const id of ids) {
    const op = ops.get(id);
    if (op && !nodes.has(id)) nodes.set(id, { node: byId.get(id)!, op, attrs: attrs.get(id) ?? {}, inputs: {} });
  }

  const consumers = new Map<string, string[]>();
  for (const [source, targets] of successors) consumers.set(source, [...new Set(targets)]);
  return { ok: diagnostics.length === 0, diagnostics, nodes, order, consumers };
}

function resolveAttrs(node: GraphNode, specs: AttrSpecs, diagnostics: Diagnostic[]): Record<string, AttrValue> | null {
  const out: Record<string, AttrValue> = {};
  let ok = true;
  for (const name of Object.keys(node.attrs)) {
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
  for (const [name, spec] of Object.entries(specs)) {
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

function checkEdge(
  edge: Graph['edges'][number],
  byId: ReadonlyMap<string, GraphNode>,
  ops: ReadonlyMap<string, AnyOpSignature>,
): string | null {
  if (!byId.has(edge.source)) return `edge ${edge.id} comes from a node that does not exist: "${edge.source}"`;
  if (!byId.has(edge.target)) return `edge ${edge.id} goes to a node that does not exist: "${edge.target}"`;
  const source = ops.get(edge.source);
  if (source && !source.outputs.includes(edge.sourcePort))
    return `${source.name} has no output "${edge.sourcePort}" (outputs: ${source.outputs.join(', ')})`;
  const target = ops.get(edge.target);
  return target ? checkInputPort(target, edge.targetPort) : null;
}

function collectInputs(
  node: GraphNode,
  op: AnyOpSignature,
  wired: ReadonlyMap<string, PortRef> | undefined,
  diagnostics: Diagnostic[],
): Record<string, PortRef | PortRef[]> | null {
  const inputs: Record<string, PortRef | PortRef[]> = {};
  const variadic = new Map<string, PortRef[]>();
  for (const [port, ref] of wired ?? []) {
    const { input, index } = parseInputPort(port);
    if (index === null) inputs[input] = ref;
    else {
      let list = variadic.get(input);
      if (!list) variadic.set(input, (list = []));
      list[index] = ref;
    }
  }
  let ok = true;
  for (const [name, spec] of Object.entries(op.inputs)) {
    if (spec.variadic) {
      const list = variadic.get(name) ?? [];
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

function dependsOn(inputs: Record<string, PortRef | PortRef[]>, failed: ReadonlySet<string>): boolean {
  return Object.values(inputs).some((v) => (Array.isArray(v) ? v : [v as PortRef]).some((r) => failed.has(r.node)));
}

function inferNode(
  node: GraphNode,
  op: AnyOpSignature,
  inputs: Record<string, PortRef | PortRef[]>,
  attrs: Record<string, AttrValue>,
  resolved: ReadonlyMap<string, ResolvedNode>,
  diagnostics: Diagnostic[],
): Record<string, TensorType> | undefined {
  const typeOf = (ref: PortRef): TensorType => resolved.get(ref.node)!.types![ref.port]!;
  const inputTypes: Record<string, TensorType | TensorType[]> = {};
  for (const [name, value] of Object.entries(inputs)) {
    const refs = Array.isArray(value) ? value : [value as PortRef];
    const allowed = op.inputs[name]!.dtypes;
    for (const [i, ref] of refs.entries()) {
      const t = typeOf(ref);
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
    inputTypes[name] = Array.isArray(value) ? value.map(typeOf) : typeOf(value as PortRef);
  }
  try {
    return op.infer(inputTypes as never, attrs as never);
  } catch (e) {
    if (!(e instanceof InferError)) throw e;
    diagnostics.push({ kind: INFER_KIND[e.kind], nodeId: node.id, ...e.where, message: `${op.name}: ${e.message}` });
    return undefined;
  }
}
