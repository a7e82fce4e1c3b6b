import { attrFromTensor, checkAttr, isTensorLiteral, type AttrSpecs } from './attrs';
import type { Diagnostic, DiagnosticKind } from './diagnostics';
import { listText } from './list-text';
import { InferError, type AnyOpSignature, type InferErrorKind } from './op-signature';
import { own, setOwn } from './own';
import { checkInputPort, parseInputPort, portsOf } from './ports';
import type { OpRegistry } from './registry';
import { formatType } from './shape';
import { csrFromPairs, topoOrder, type Csr } from './topo';
import type { AttrValue, Graph, GraphEdge, GraphNode, PortRef, TensorType } from './types';

/** A node with its op resolved, its attributes completed with defaults and its inputs wired. */
export interface ResolvedNode {
  readonly node: GraphNode;
  /** The op as this node has it: with the inputs and outputs its attributes declare, for a script. */
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
  /** By position: 1 where the node has types (its op is known and it and everything upstream are valid). */
  readonly typed: Uint8Array;
  /** `Validation.order` as positions. */
  readonly order: Int32Array;
  /** The positions of the nodes `Validation.nodes` holds, in the order it lists them. */
  readonly listed: Int32Array;
  /** By position: the positions its accepted edges come from, one per edge, in edge order. */
  readonly producers: Csr;
  /**
   * By position: the positions of the nodes its `inputs` values come from, in the order of
   * `inputs` (a variadic list in place), from `producers.start[p]` on. Only for nodes that have
   * types; a node never has more input values than edges.
   */
  readonly inputSources: Int32Array;
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
  /** How many were accepted: the arrays have room for every edge. */
  readonly count: number;
  readonly edges: GraphEdge[];
  /** Per accepted edge: the port it reads. */
  readonly refs: PortRef[];
  readonly sources: Int32Array;
  readonly targets: Int32Array;
  /** Each node's incoming edges in edge order, as a list: first per position, next per edge; -1 ends it. */
  readonly firstIn: Int32Array;
  readonly nextIn: Int32Array;
  /** Per position: how many accepted edges go to it. */
  readonly inCount: Int32Array;
  /** Per position with many inputs (AddN, ConcatV2): its accepted edges by target port, so that each edge checks its port at once. */
  readonly byPort: Map<number, Map<string, number>>;
}

/** What resolving the nodes one by one reads and fills in. */
interface Resolution {
  readonly table: NodeTable;
  readonly wiring: Wiring;
  readonly producers: Csr;
  /** By position, filled in topological order. */
  readonly resolved: (ResolvedNode | undefined)[];
  /** `GraphIndex.typed`, filled alongside. */
  readonly typed: Uint8Array;
  /** `GraphIndex.inputSources`, filled alongside. */
  readonly inputSources: Int32Array;
  readonly diagnostics: Diagnostic[];
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
  for (const cycle of cycles) diagnostics.push(cycleDiagnostic(idsAt(table.nodes, cycle)));

  const resolution: Resolution = {
    table,
    wiring,
    producers,
    resolved: new Array(count).fill(undefined),
    typed: new Uint8Array(count),
    inputSources: new Int32Array(wiring.count),
    diagnostics,
  };
  resolveInOrder(resolution, order);
  const { resolved, typed, inputSources } = resolution;
  const index: GraphIndex = {
    positionOf: table.positionOf,
    resolved,
    typed,
    order,
    listed: listResolved(resolved, order),
    producers,
    inputSources,
    consumers,
  };
  return {
    ok: diagnostics.length === 0,
    diagnostics,
    nodes: new NodesById(index),
    order: idsAt(table.nodes, order),
    consumersOf: consumersOf(table.positionOf, table.nodes, consumers),
    index,
  };
}

// Apart, so that the function keeps only what it reads, not everything validation made.
function consumersOf(
  positionOf: ReadonlyMap<string, number>,
  nodes: readonly GraphNode[],
  consumers: Csr,
): (id: string) => readonly string[] {
  return (id) => {
    const p = positionOf.get(id);
    return p === undefined ? [] : idsAt(nodes, consumers.targets.subarray(consumers.start[p], consumers.start[p + 1]));
  };
}

function idsAt(nodes: readonly GraphNode[], positions: ArrayLike<number>): string[] {
  const ids = new Array<string>(positions.length);
  for (let i = 0; i < positions.length; i++) ids[i] = nodes[positions[i]!]!.id;
  return ids;
}

function tableNodes(graphNodes: readonly GraphNode[], registry: OpRegistry, diagnostics: Diagnostic[]): NodeTable {
  // Sized for every node up front (arrays grown by push keep spare room), cut back if ids repeat.
  const size = graphNodes.length;
  const unique = positionsOfUniqueIds(graphNodes);
  const table: NodeTable = {
    positionOf: unique ?? new Map(),
    nodes: new Array(size),
    ops: new Array(size),
    attrs: new Array(size),
  };
  let count = 0;
  for (const node of graphNodes) {
    if (!unique) {
      if (table.positionOf.has(node.id)) {
        diagnostics.push({ kind: 'duplicate-id', nodeId: node.id, message: `two nodes share the id "${node.id}"` });
        continue;
      }
      table.positionOf.set(node.id, count);
    }
    const op = registry.get(node.op);
    if (!op) diagnostics.push({ kind: 'unknown-op', nodeId: node.id, message: `unknown op "${node.op}"` });
    const attrs = op ? resolveAttrs(node, op.attrs, diagnostics) : null;
    const declared = op && withDeclaredPorts(node, op, attrs, diagnostics);
    table.nodes[count] = node;
    table.ops[count] = declared ?? op;
    table.attrs[count++] = declared === null ? null : attrs;
  }
  if (count < size) table.nodes.length = table.ops.length = table.attrs.length = count;
  return table;
}

/**
 * Each node's place in the graph by id, or null when some id repeats. Ids rarely do, so this
 * hashes each id once, and only the map's size tells whether one did.
 */
function positionsOfUniqueIds(graphNodes: readonly GraphNode[]): Map<string, number> | null {
  const positionOf = new Map<string, number>();
  for (let i = 0; i < graphNodes.length; i++) positionOf.set(graphNodes[i]!.id, i);
  return positionOf.size === graphNodes.length ? positionOf : null;
}

function wireEdges(graphEdges: readonly GraphEdge[], table: NodeTable, diagnostics: Diagnostic[]): Wiring {
  const size = graphEdges.length;
  const wiring = {
    count: 0,
    edges: new Array<GraphEdge>(size),
    refs: new Array<PortRef>(size),
    sources: new Int32Array(size),
    targets: new Int32Array(size),
    firstIn: new Int32Array(table.nodes.length).fill(-1),
    nextIn: new Int32Array(size).fill(-1),
    inCount: new Int32Array(table.nodes.length),
    byPort: new Map<number, Map<string, number>>(),
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
    wiring.edges[e] = edge;
    wiring.refs[e] = { node: edge.source, port: edge.sourcePort };
    wiring.sources[e] = source!;
    wiring.targets[e] = target!;
    if (lastIn[target!]! < 0) wiring.firstIn[target!] = e;
    else wiring.nextIn[lastIn[target!]!] = e;
    lastIn[target!] = e;
    wiring.inCount[target!]!++;
    wiring.byPort.get(target!)?.set(edge.targetPort, e);
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
function resolveInOrder(r: Resolution, order: Int32Array): void {
  const { table, resolved } = r;
  for (const p of order) {
    if (!table.ops[p]) continue;
    resolved[p] = resolveNode(p, r);
    if (resolved[p].types) r.typed[p] = 1;
  }
  for (let p = 0; p < resolved.length; p++) {
    const op = table.ops[p];
    if (op && !resolved[p])
      resolved[p] = { node: table.nodes[p]!, op, attrs: table.attrs[p] ?? NO_ATTRS, inputs: {}, inputRefs: [] };
  }
}

function resolveNode(p: number, r: Resolution): ResolvedNode {
  const { table, wiring } = r;
  const node = table.nodes[p]!;
  const op = table.ops[p]!;
  const attrs = table.attrs[p]!;
  // Types are only inferred where every producer has them: one bad node is reported once, not again downstream.
  let upstreamTyped = true;
  let inputCount = 0;
  for (let e = wiring.firstIn[p]!; e >= 0; e = wiring.nextIn[e]!) {
    inputCount++;
    if (!r.typed[wiring.sources[e]!]) upstreamTyped = false;
  }
  const inputTypes: Record<string, TensorType | TensorType[]> | null = upstreamTyped && attrs ? {} : null;
  const inputs = collectInputs(p, node, op, r, inputTypes);
  const inferAttrs = inputs && inputTypes ? suppliedAttrs(p, node, op, attrs!, r) : null;
  const types = inferAttrs ? inferNode(node, op, inputs!, inputTypes!, inferAttrs, r.diagnostics) : undefined;
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
 * hashes every id once rather than into a second table. Not a `Map` (`instanceof Map` is false,
 * and `structuredClone` does not copy its entries).
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
  for (const name of Object.keys(node.attrs)) {
    if (!Object.hasOwn(specs, name)) {
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
    const value = Object.hasOwn(node.attrs, name) ? own(node.attrs, name)! : spec.default;
    const problem = checkAttr(spec, value);
    if (problem) {
      ok = false;
      diagnostics.push({ kind: 'invalid-attr', nodeId: node.id, attr: name, message: `${name}: ${problem}` });
    }
    setOwn((out ??= {}), name, value);
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
  if (sourceOp && !hasOutput(sourceOp, edge.sourcePort))
    return `${sourceOp.name} has no output "${edge.sourcePort}" (outputs: ${listText(sourceOp.outputs)})`;
  const targetOp = table.ops[target];
  if (!targetOp) return null;
  // The common case, a single-valued input by its plain name, needs no parsing of the port name.
  const spec = own(targetOp.inputs, edge.targetPort);
  if (spec && !spec.variadic) return null;
  return checkInputPort(targetOp, edge.targetPort);
}

/**
 * Past this many, a node's ports are looked up in a set or map rather than walked: validation stays
 * linear in edges however many go into one node (an AddN of 100,000) or out of one (a script's outputs).
 */
const WALKED_PORTS = 8;

/** Output names of the ops with many (a script's declared outputs). */
const outputSets = new WeakMap<AnyOpSignature, ReadonlySet<string>>();

function hasOutput(op: AnyOpSignature, port: string): boolean {
  if (op.outputs.length <= WALKED_PORTS) return op.outputs.includes(port);
  let names = outputSets.get(op);
  if (!names) outputSets.set(op, (names = new Set(op.outputs)));
  return names.has(port);
}

/**
 * Why `edge` cannot be wired because an accepted edge already feeds its input port, or null. A
 * node's few inputs are walked; one with many (an AddN of thousands) has them indexed by port.
 */
function portTaken(edge: GraphEdge, wiring: Wiring, target: number): string | null {
  const taken = feederOf(edge.targetPort, wiring, target);
  return taken < 0 ? null : `input ${edge.targetPort} already has a value from ${wiring.refs[taken]!.node}`;
}

/** The accepted edge that feeds `port` of the node at `target`, or -1. */
function feederOf(port: string, wiring: Wiring, target: number): number {
  let index = wiring.byPort.get(target);
  if (!index) {
    if (wiring.inCount[target]! < WALKED_PORTS) {
      for (let e = wiring.firstIn[target]!; e >= 0; e = wiring.nextIn[e]!)
        if (wiring.edges[e]!.targetPort === port) return e;
      return -1;
    }
    index = new Map();
    for (let e = wiring.firstIn[target]!; e >= 0; e = wiring.nextIn[e]!) index.set(wiring.edges[e]!.targetPort, e);
    wiring.byPort.set(target, index);
  }
  return index.get(port) ?? -1;
}

/**
 * The node's inputs by port, from its incoming edges, or null (reporting it) when one is not
 * connected. Fills `types`, when given, with the inputs' types under the same keys, and
 * `r.inputSources` with where each value comes from, in the same order: single-valued inputs in
 * edge order, then variadic ones in the op's order.
 */
function collectInputs(
  p: number,
  node: GraphNode,
  op: AnyOpSignature,
  r: Resolution,
  types: Record<string, TensorType | TensorType[]> | null,
): Record<string, PortRef | PortRef[]> | null {
  const { wiring, inputSources } = r;
  let source = r.producers.start[p]!;
  const inputs: Record<string, PortRef | PortRef[]> = {};
  // Variadic inputs by name: the edge for each position.
  let variadic: Map<string, number[]> | undefined;
  for (let e = wiring.firstIn[p]!; e >= 0; e = wiring.nextIn[e]!) {
    const port = wiring.edges[e]!.targetPort;
    // Only variadic ports (`values:2`) need parsing; most are plain input names.
    const { input, index } = port.includes(':') ? parseInputPort(port) : { input: port, index: null };
    if (index === null) {
      setOwn(inputs, input, wiring.refs[e]!);
      inputSources[source++] = wiring.sources[e]!;
      if (types) setOwn(types, input, typeAt(e, r));
    } else {
      variadic ??= new Map();
      let list = variadic.get(input);
      if (!list) variadic.set(input, (list = []));
      list[index] = e;
    }
  }
  let ok = true;
  for (const [name, spec] of Object.entries(op.inputs)) {
    if (spec.variadic) {
      const list = variadic?.get(name) ?? [];
      const gap = firstGap(list);
      if (gap !== undefined) {
        ok = false;
        r.diagnostics.push({
          kind: 'missing-input',
          nodeId: node.id,
          port: `${name}:${gap}`,
          message: `input ${name}:${gap} is not connected`,
        });
        continue;
      }
      const refs = new Array<PortRef>(list.length);
      const listTypes = types ? new Array<TensorType>(list.length) : null;
      for (let i = 0; i < list.length; i++) {
        refs[i] = wiring.refs[list[i]!]!;
        inputSources[source++] = wiring.sources[list[i]!]!;
        if (listTypes) listTypes[i] = typeAt(list[i]!, r);
      }
      setOwn(inputs, name, refs);
      if (types) setOwn(types, name, listTypes!);
    } else if (!Object.hasOwn(inputs, name) && !spec.attr) {
      ok = false;
      r.diagnostics.push({
        kind: 'missing-input',
        nodeId: node.id,
        port: name,
        message: `input ${name} is not connected`,
      });
    }
  }
  return ok ? inputs : null;
}

/**
 * The attributes as inference sees them: each that a connected input supplies (Reshape's `shape`)
 * takes that input's value when a Const holds it, and is undefined (known only when running)
 * otherwise. Null, reported, when a Const holds a value the attribute cannot take.
 */
function suppliedAttrs(
  p: number,
  node: GraphNode,
  op: AnyOpSignature,
  attrs: Readonly<Record<string, AttrValue>>,
  r: Resolution,
): Readonly<Record<string, AttrValue | undefined>> | null {
  let out: Record<string, AttrValue | undefined> | null = null;
  for (let e = r.wiring.firstIn[p]!; e >= 0; e = r.wiring.nextIn[e]!) {
    const port = r.wiring.edges[e]!.targetPort;
    const name = own(op.inputs, port)?.attr;
    if (!name) continue;
    out ??= { ...attrs };
    const source = r.wiring.sources[e]!;
    const literal = r.table.ops[source]?.kind === 'const' ? r.table.attrs[source]?.['value'] : undefined;
    if (!literal || !isTensorLiteral(literal)) {
      setOwn(out, name, undefined);
      continue;
    }
    const supplied = attrFromTensor(own(op.attrs, name)!, literal.values, literal.shape);
    if (!supplied.ok) {
      r.diagnostics.push({
        kind: 'invalid-attr',
        nodeId: node.id,
        port,
        attr: name,
        message: `${port}: ${supplied.problem}`,
      });
      return null;
    }
    setOwn(out, name, supplied.value);
  }
  return out ?? attrs;
}

/** The type of the value edge `e` carries; its producer has types. */
function typeAt(e: number, r: Resolution): TensorType {
  return own(r.resolved[r.wiring.sources[e]!]!.types!, r.wiring.refs[e]!.port)!;
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
  attrs: Readonly<Record<string, AttrValue | undefined>>,
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
    // An op's inference that fails otherwise than it means to still fails on this node alone: the
    // editor validates on every edit, and must not stop for one node.
    if (!(e instanceof InferError))
      diagnostics.push({
        kind: 'shape-mismatch',
        nodeId: node.id,
        message: `${op.name}: its output types could not be worked out (${String(e)})`,
      });
    else
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
  for (const [name, types] of Object.entries(inputTypes)) {
    const allowed = own(op.inputs, name)!.dtypes;
    const refs = own(inputs, name)!;
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
    message: `${op.name}.${port} takes ${own(op.inputs, input)!.dtypes.join(' or ')}, but ${ref.node}.${ref.port} is ${formatType(t)}`,
  };
}

/**
 * The op as this node sees it: with the ports its attributes declare (script nodes), so that every
 * later stage (edges, inference, the compiled plan) works with them. Other ops are returned as they
 * are. Null, reported, when the attributes declare ports that cannot be made.
 */
function withDeclaredPorts(
  node: GraphNode,
  op: AnyOpSignature,
  attrs: Readonly<Record<string, AttrValue>> | null,
  diagnostics: Diagnostic[],
): AnyOpSignature | null {
  if (!op.ports || !attrs) return op;
  try {
    const { inputs, outputs } = portsOf(op, attrs);
    return { ...op, inputs, outputs };
  } catch (e) {
    // The attributes passed their checks, yet the op cannot make ports of them (a count past what
    // fits in memory): the node's attributes are at fault, and only this node is.
    diagnostics.push({
      kind: 'invalid-attr',
      nodeId: node.id,
      message: `${op.name}: its ports cannot be made from its attributes (${String(e)})`,
    });
    return null;
  }
}
