import { checkAttr, type AttrSpecs } from './attrs';
import type { Diagnostic, DiagnosticKind } from './diagnostics';
import { InferError, type AnyOpSignature, type InferErrorKind } from './op-signature';
import { checkInputPort, parseInputPort } from './ports';
import type { OpRegistry } from './registry';
import { formatType } from './shape';
import { csrFromPairs, topoOrder, type Csr } from './topo';
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
  /** The same graph over node positions, for passes that walk every node (the compiler). */
  readonly index: GraphIndex;
}

/**
 * The validated graph over integer positions. A node's position is its place among the graph's
 * nodes (a repeated id counts once, at its first node). Walking these arrays instead of looking
 * nodes up by id keeps passes over large graphs linear in practice, not just in theory.
 */
export interface GraphIndex {
  readonly positionOf: ReadonlyMap<string, number>;
  /** By position: the node resolved, or undefined when its op is unknown. */
  readonly resolved: readonly (ResolvedNode | undefined)[];
  /** `Validation.order` as positions. */
  readonly order: Int32Array;
  /** The positions of the nodes `Validation.nodes` holds, in the order it lists them. */
  readonly listed: Int32Array;
  /** By position: the positions its accepted edges come from, one per edge, in edge order. */
  readonly producers: Csr;
  /** By position: the positions its accepted edges go to, one per edge, in edge order. */
  readonly consumers: Csr;
}

const INFER_KIND: Record<InferErrorKind, DiagnosticKind> = {
  shape: 'shape-mismatch',
  dtype: 'dtype-mismatch',
  attr: 'invalid-attr',
};

/** The graph's nodes by position, with what can be known of each before wiring. */
interface NodeTable {
  readonly positionOf: Map<string, number>;
  readonly nodes: GraphNode[];
  readonly ops: (AnyOpSignature | undefined)[];
  /** Attributes completed with defaults; null when the op is unknown or an attribute is invalid. */
  readonly attrs: (Readonly<Record<string, AttrValue>> | null)[];
}

/** The edges validation accepted, numbered in edge order, with their ends as node positions. */
interface Wiring {
  readonly count: number;
  readonly edges: GraphEdge[];
  /** Per accepted edge: the port it reads. */
  readonly refs: PortRef[];
  readonly sources: Int32Array;
  readonly targets: Int32Array;
  /** Each node's incoming edges in edge order, as a list: first per position, next per edge; -1 ends it. */
  readonly firstIn: Int32Array;
  readonly nextIn: Int32Array;
}

/** Checks structure, attributes, dtypes and shapes of the whole graph, inferring every output type. */
export function validateGraph(graph: Graph, registry: OpRegistry): Validation {
  const diagnostics: Diagnostic[] = [];
  const table = tableNodes(graph.nodes, registry, diagnostics);
  const wiring = wireEdges(graph.edges, table, diagnostics);
  const count = table.nodes.length;
  const consumers = csrFromPairs(count, wiring.sources, wiring.targets, wiring.count);
  const producers = csrFromPairs(count, wiring.targets, wiring.sources, wiring.count);

  const { order, cycles } = topoOrder(consumers);
  for (const cycle of cycles) diagnostics.push(cycleDiagnostic(cycle.map((p) => table.nodes[p]!.id)));

  const resolved = resolveInOrder(table, wiring, order, diagnostics);
  const index: GraphIndex = {
    positionOf: table.positionOf,
    resolved,
    order,
    listed: listResolved(resolved, order),
    producers,
    consumers,
  };
  return {
    ok: diagnostics.length === 0,
    diagnostics,
    nodes: new NodesById(index),
    order: idsAt(table, order),
    consumersOf: (id) => {
      const p = table.positionOf.get(id);
      return p === undefined
        ? []
        : idsAt(table, consumers.targets.subarray(consumers.start[p], consumers.start[p + 1]));
    },
    index,
  };
}

function idsAt(table: NodeTable, positions: Int32Array): string[] {
  const ids = new Array<string>(positions.length);
  for (let i = 0; i < positions.length; i++) ids[i] = table.nodes[positions[i]!]!.id;
  return ids;
}

function tableNodes(graphNodes: readonly GraphNode[], registry: OpRegistry, diagnostics: Diagnostic[]): NodeTable {
  const table: NodeTable = { positionOf: new Map(), nodes: [], ops: [], attrs: [] };
  for (const node of graphNodes) {
    if (table.positionOf.has(node.id)) {
      diagnostics.push({ kind: 'duplicate-id', nodeId: node.id, message: `two nodes share the id "${node.id}"` });
      continue;
    }
    const op = registry.get(node.op);
    if (!op) diagnostics.push({ kind: 'unknown-op', nodeId: node.id, message: `unknown op "${node.op}"` });
    table.positionOf.set(node.id, table.nodes.length);
    table.nodes.push(node);
    table.ops.push(op);
    table.attrs.push(op ? resolveAttrs(node, op.attrs, diagnostics) : null);
  }
  return table;
}

function wireEdges(graphEdges: readonly GraphEdge[], table: NodeTable, diagnostics: Diagnostic[]): Wiring {
  const size = graphEdges.length;
  const wiring = {
    count: 0,
    edges: [] as GraphEdge[],
    refs: [] as PortRef[],
    sources: new Int32Array(size),
    targets: new Int32Array(size),
    firstIn: new Int32Array(table.nodes.length).fill(-1),
    nextIn: new Int32Array(size).fill(-1),
  };
  const lastIn = new Int32Array(table.nodes.length).fill(-1);
  for (const edge of graphEdges) {
    const source = table.positionOf.get(edge.source);
    const target = table.positionOf.get(edge.target);
    const problem = checkEdge(edge, table, source, target) ?? portTaken(edge, wiring, target!);
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
    const e = wiring.count++;
    wiring.edges.push(edge);
    wiring.refs.push({ node: edge.source, port: edge.sourcePort });
    wiring.sources[e] = source!;
    wiring.targets[e] = target!;
    if (lastIn[target!]! < 0) wiring.firstIn[target!] = e;
    else wiring.nextIn[lastIn[target!]!] = e;
    lastIn[target!] = e;
  }
  return wiring;
}

function cycleDiagnostic(cycle: string[]): Diagnostic {
  return { kind: 'cycle', nodeId: cycle[0], cycle, message: `cycle: ${[...cycle, cycle[0]].join(' → ')}` };
}

/**
 * Resolves the nodes in topological order, so that each one's inputs have their types by then.
 * Nodes left out of the order (on or after a cycle) are resolved without inputs or types.
 */
function resolveInOrder(
  table: NodeTable,
  wiring: Wiring,
  order: Int32Array,
  diagnostics: Diagnostic[],
): (ResolvedNode | undefined)[] {
  const resolved: (ResolvedNode | undefined)[] = new Array(table.nodes.length).fill(undefined);
  for (const p of order) if (table.ops[p]) resolved[p] = resolveNode(p, table, wiring, resolved, diagnostics);
  for (let p = 0; p < resolved.length; p++) {
    const op = table.ops[p];
    if (op && !resolved[p])
      resolved[p] = { node: table.nodes[p]!, op, attrs: table.attrs[p] ?? NO_ATTRS, inputs: {}, inputRefs: [] };
  }
  return resolved;
}

function resolveNode(
  p: number,
  table: NodeTable,
  wiring: Wiring,
  resolved: readonly (ResolvedNode | undefined)[],
  diagnostics: Diagnostic[],
): ResolvedNode {
  const node = table.nodes[p]!;
  const op = table.ops[p]!;
  const attrs = table.attrs[p]!;
  // Types are only inferred where every producer has them: one bad node is reported once, not again downstream.
  let upstreamTyped = true;
  let inputCount = 0;
  for (let e = wiring.firstIn[p]!; e >= 0; e = wiring.nextIn[e]!) {
    inputCount++;
    if (!resolved[wiring.sources[e]!]?.types) upstreamTyped = false;
  }
  const inputTypes: Record<string, TensorType | TensorType[]> | null = upstreamTyped && attrs ? {} : null;
  const inputs = collectInputs(p, node, op, wiring, resolved, inputTypes, diagnostics);
  const types = inputs && inputTypes ? inferNode(node, op, inputs, inputTypes, attrs!, diagnostics) : undefined;
  // Sized up front: arrays grown by push keep spare room, which large graphs pay for many times over.
  const inputRefs: PortRef[] = new Array(inputs ? inputCount : 0);
  for (let e = wiring.firstIn[p]!, k = 0; k < inputRefs.length; e = wiring.nextIn[e]!, k++)
    inputRefs[k] = wiring.refs[e]!;
  return { node, op, attrs: attrs ?? NO_ATTRS, inputs: inputs ?? {}, inputRefs, types };
}

/** The positions of the resolved nodes as `Validation.nodes` lists them: in order, then those left out of it. */
function listResolved(resolved: readonly (ResolvedNode | undefined)[], order: Int32Array): Int32Array {
  const listed = new Int32Array(resolved.length);
  let length = 0;
  const ordered = new Uint8Array(resolved.length);
  for (const p of order) {
    ordered[p] = 1;
    if (resolved[p]) listed[length++] = p;
  }
  for (let p = 0; p < resolved.length; p++) if (!ordered[p] && resolved[p]) listed[length++] = p;
  return listed.subarray(0, length);
}

/**
 * `Validation.nodes`: a read-only map by id that reads the index, so that validating a graph
 * hashes every id once rather than into a second table. A plain object, not a `Map`: it does
 * not survive `structuredClone`.
 */
class NodesById implements ReadonlyMap<string, ResolvedNode> {
  constructor(private readonly index: GraphIndex) {}

  get size(): number {
    return this.index.listed.length;
  }

  get(id: string): ResolvedNode | undefined {
    const p = this.index.positionOf.get(id);
    return p === undefined ? undefined : this.index.resolved[p];
  }

  has(id: string): boolean {
    return this.get(id) !== undefined;
  }

  forEach(
    visit: (node: ResolvedNode, id: string, map: ReadonlyMap<string, ResolvedNode>) => void,
    thisArg?: unknown,
  ): void {
    for (const p of this.index.listed) {
      const node = this.index.resolved[p]!;
      visit.call(thisArg, node, node.node.id, this);
    }
  }

  *entries(): MapIterator<[string, ResolvedNode]> {
    for (const p of this.index.listed) yield [this.index.resolved[p]!.node.id, this.index.resolved[p]!];
  }

  *keys(): MapIterator<string> {
    for (const p of this.index.listed) yield this.index.resolved[p]!.node.id;
  }

  *values(): MapIterator<ResolvedNode> {
    for (const p of this.index.listed) yield this.index.resolved[p]!;
  }

  [Symbol.iterator](): MapIterator<[string, ResolvedNode]> {
    return this.entries();
  }
}

/** Shared by every node without attributes, rather than an empty object each. */
const NO_ATTRS: Readonly<Record<string, AttrValue>> = Object.freeze({});

function resolveAttrs(
  node: GraphNode,
  specs: AttrSpecs,
  diagnostics: Diagnostic[],
): Readonly<Record<string, AttrValue>> | null {
  let out: Record<string, AttrValue> | undefined;
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
    (out ??= {})[name] = value;
  }
  return ok ? (out ?? NO_ATTRS) : null;
}

function checkEdge(
  edge: GraphEdge,
  table: NodeTable,
  source: number | undefined,
  target: number | undefined,
): string | null {
  if (source === undefined) return `edge ${edge.id} comes from a node that does not exist: "${edge.source}"`;
  if (target === undefined) return `edge ${edge.id} goes to a node that does not exist: "${edge.target}"`;
  const sourceOp = table.ops[source];
  if (sourceOp && !sourceOp.outputs.includes(edge.sourcePort))
    return `${sourceOp.name} has no output "${edge.sourcePort}" (outputs: ${sourceOp.outputs.join(', ')})`;
  const targetOp = table.ops[target];
  if (!targetOp) return null;
  // The common case, a single-valued input by its plain name, needs no parsing of the port name.
  const spec = targetOp.inputs[edge.targetPort];
  if (spec && !spec.variadic) return null;
  return checkInputPort(targetOp, edge.targetPort);
}

/** Why `edge` cannot be wired because an accepted edge already feeds its input port, or null. */
function portTaken(edge: GraphEdge, wiring: Wiring, target: number): string | null {
  for (let e = wiring.firstIn[target]!; e >= 0; e = wiring.nextIn[e]!)
    if (wiring.edges[e]!.targetPort === edge.targetPort)
      return `input ${edge.targetPort} already has a value from ${wiring.refs[e]!.node}`;
  return null;
}

/**
 * The node's inputs by port, from its incoming edges, or null (reporting it) when one is not
 * connected. Fills `types`, when given, with the inputs' types under the same keys in the same order.
 */
function collectInputs(
  p: number,
  node: GraphNode,
  op: AnyOpSignature,
  wiring: Wiring,
  resolved: readonly (ResolvedNode | undefined)[],
  types: Record<string, TensorType | TensorType[]> | null,
  diagnostics: Diagnostic[],
): Record<string, PortRef | PortRef[]> | null {
  const inputs: Record<string, PortRef | PortRef[]> = {};
  // Variadic inputs by name: the edge for each position.
  let variadic: Map<string, number[]> | undefined;
  for (let e = wiring.firstIn[p]!; e >= 0; e = wiring.nextIn[e]!) {
    const port = wiring.edges[e]!.targetPort;
    // Only variadic ports (`values:2`) need parsing; most are plain input names.
    const { input, index } = port.includes(':') ? parseInputPort(port) : { input: port, index: null };
    if (index === null) {
      inputs[input] = wiring.refs[e]!;
      if (types) types[input] = typeAt(e, wiring, resolved);
    } else {
      variadic ??= new Map();
      let list = variadic.get(input);
      if (!list) variadic.set(input, (list = []));
      list[index] = e;
    }
  }
  let ok = true;
  for (const name in op.inputs) {
    const spec = op.inputs[name]!;
    if (spec.variadic) {
      const list = variadic?.get(name) ?? [];
      const gap = firstGap(list);
      if (gap !== undefined) {
        ok = false;
        diagnostics.push({
          kind: 'missing-input',
          nodeId: node.id,
          port: `${name}:${gap}`,
          message: `input ${name}:${gap} is not connected`,
        });
        continue;
      }
      inputs[name] = list.map((e) => wiring.refs[e]!);
      if (types) types[name] = list.map((e) => typeAt(e, wiring, resolved));
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

/** The type of the value edge `e` carries; its producer has types. */
function typeAt(e: number, wiring: Wiring, resolved: readonly (ResolvedNode | undefined)[]): TensorType {
  return resolved[wiring.sources[e]!]!.types![wiring.refs[e]!.port]!;
}

/** The first position a variadic input lacks a value at (it needs at least one), if any. */
function firstGap(list: readonly (number | undefined)[]): number | undefined {
  for (let i = 0; i < Math.max(list.length, 1); i++) if (list[i] === undefined) return i;
  return undefined;
}

function inferNode(
  node: GraphNode,
  op: AnyOpSignature,
  inputs: Record<string, PortRef | PortRef[]>,
  inputTypes: Record<string, TensorType | TensorType[]>,
  attrs: Readonly<Record<string, AttrValue>>,
  diagnostics: Diagnostic[],
): Record<string, TensorType> | undefined {
  const mismatch = dtypeMismatch(node, op, inputs, inputTypes);
  if (mismatch) {
    diagnostics.push(mismatch);
    return undefined;
  }
  try {
    return op.infer(inputTypes as never, attrs as never);
  } catch (e) {
    if (!(e instanceof InferError)) throw e;
    diagnostics.push({ kind: INFER_KIND[e.kind], nodeId: node.id, ...e.where, message: `${op.name}: ${e.message}` });
    return undefined;
  }
}

/** The first input (in port order) of a dtype its port does not take, as a diagnostic; null when none. */
function dtypeMismatch(
  node: GraphNode,
  op: AnyOpSignature,
  inputs: Record<string, PortRef | PortRef[]>,
  inputTypes: Record<string, TensorType | TensorType[]>,
): Diagnostic | null {
  for (const name in inputTypes) {
    const allowed = op.inputs[name]!.dtypes;
    const types = inputTypes[name]!;
    const refs = inputs[name]!;
    if (!Array.isArray(types)) {
      if (!allowed.includes(types.dtype)) return mismatch(node, op, name, name, refs as PortRef, types);
      continue;
    }
    for (let i = 0; i < types.length; i++)
      if (!allowed.includes(types[i]!.dtype))
        return mismatch(node, op, name, `${name}:${i}`, (refs as PortRef[])[i]!, types[i]!);
  }
  return null;
}

function mismatch(
  node: GraphNode,
  op: AnyOpSignature,
  input: string,
  port: string,
  ref: PortRef,
  t: TensorType,
): Diagnostic {
  return {
    kind: 'dtype-mismatch',
    nodeId: node.id,
    port,
    message: `${op.name}.${port} takes ${op.inputs[input]!.dtypes.join(' or ')}, but ${ref.node}.${ref.port} is ${formatType(t)}`,
  };
}
