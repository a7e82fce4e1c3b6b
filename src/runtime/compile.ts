import type { Diagnostic } from '../graph/diagnostics';
import type { OpRegistry } from '../graph/registry';
import { formatType } from '../graph/shape';
import type { AttrValue, Graph, PortRef } from '../graph/types';
import type { Csr } from '../graph/topo';
import { validateGraph, type GraphIndex, type ResolvedNode, type Validation } from '../graph/validate';
import type { AnyOpDef, Tensor, TF } from '../ops/define-op';
import type { CompileResult, Plan, PlanStep, Slot } from './plan';
import { runForward } from './forward';

export interface CompileOptions {
  /** Node ids or names (every output port of the node), or single ports; default: every sink node. */
  readonly outputs?: readonly (string | PortRef)[];
  /** Evaluate all-constant subgraphs at compile time. Default true. */
  readonly fold?: boolean;
}

/** What is known before tracing: the pruned, ordered, valid subgraph and its trace key. */
export interface Prepared {
  readonly ok: true;
  readonly key: string;
  readonly validation: Validation;
  readonly order: readonly ResolvedNode[];
  /** By node position (see `Validation.index`): the node's place in `order`, or -1. */
  readonly places: Int32Array;
  readonly outputs: readonly PortRef[];
  readonly pruned: readonly string[];
  readonly fold: boolean;
  readonly diagnostics: readonly Diagnostic[];
}

export function compile(
  tf: TF,
  graph: Graph,
  registry: OpRegistry<AnyOpDef>,
  options: CompileOptions = {},
): CompileResult {
  const prepared = prepare(validateGraph(graph, registry), options);
  return prepared.ok ? trace(tf, prepared) : prepared;
}

/** Validates, resolves the requested outputs, prunes and orders: everything short of running ops. */
export function prepare(
  validation: Validation,
  options: CompileOptions = {},
): Prepared | { ok: false; diagnostics: readonly Diagnostic[] } {
  const fold = options.fold ?? true;
  const resolved = resolveOutputs(validation, options.outputs);
  if ('diagnostics' in resolved) return { ok: false, diagnostics: resolved.diagnostics };
  const outputs = resolved.refs;
  const index = validation.index;

  const { inCone, size } = upstreamCone(index, outputs);
  const order = new Array<ResolvedNode>(size);
  const places = new Int32Array(index.resolved.length).fill(-1);
  let placed = 0;
  let complete = true;
  for (const p of index.order) {
    if (!inCone[p]) continue;
    const n = index.resolved[p];
    if (!n?.types) complete = false;
    else {
      places[p] = placed;
      order[placed++] = n;
    }
  }
  // Cone nodes missing from the order are on or after a cycle.
  if (!complete || placed < size) {
    const relevant = validation.diagnostics.filter(
      (d) => d.nodeId === undefined || inCone[index.positionOf.get(d.nodeId) ?? -1] === 1,
    );
    return { ok: false, diagnostics: relevant.length ? relevant : validation.diagnostics };
  }

  const pruned: string[] = [];
  for (const p of index.listed) if (!inCone[p]) pruned.push(index.resolved[p]!.node.id);
  const key = traceKey(order, outputs, fold);
  return { ok: true, key, validation, order, places, outputs, pruned, fold, diagnostics: validation.diagnostics };
}

/** The nodes the outputs depend on, as flags by position, and how many there are. */
function upstreamCone(index: GraphIndex, outputs: readonly PortRef[]): { inCone: Uint8Array; size: number } {
  const { start, targets } = index.producers;
  const inCone = new Uint8Array(index.resolved.length);
  let size = 0;
  const stack = outputs.map((r) => index.positionOf.get(r.node)!);
  while (stack.length) {
    const p = stack.pop()!;
    if (inCone[p]) continue;
    inCone[p] = 1;
    size++;
    // A node whose inputs could not be collected lists no inputRefs: it reads nothing.
    if (!index.resolved[p]?.inputRefs.length) continue;
    for (let k = start[p]!; k < start[p + 1]!; k++) stack.push(targets[k]!);
  }
  return { inCone, size };
}

function resolveOutputs(
  validation: Validation,
  requested: CompileOptions['outputs'],
): { refs: PortRef[] } | { diagnostics: Diagnostic[] } {
  const index = validation.index;
  let byName: Map<string, number> | undefined;
  // A node id, else a node name (the first node listed with it).
  const positionNamed = (name: string): number | undefined => {
    const p = index.positionOf.get(name);
    if (p !== undefined && index.resolved[p]) return p;
    byName ??= positionsByName(index);
    return byName.get(name);
  };

  const refs: PortRef[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const w of requested ?? sinks(index)) {
    const ref = typeof w === 'string' ? { node: w, port: null } : w;
    const p = positionNamed(ref.node);
    const node = p === undefined ? undefined : index.resolved[p]!;
    if (!node) {
      diagnostics.push({ kind: 'invalid-target', message: `no node with id or name "${ref.node}"` });
    } else if (ref.port !== null && !node.op.outputs.includes(ref.port)) {
      diagnostics.push({
        kind: 'invalid-target',
        nodeId: node.node.id,
        port: ref.port,
        message: `${node.op.name} has no output "${ref.port}"`,
      });
    } else {
      for (const port of ref.port === null ? node.op.outputs : [ref.port]) refs.push({ node: node.node.id, port });
    }
  }
  if (diagnostics.length) return { diagnostics };
  if (!refs.length)
    return { diagnostics: [{ kind: 'invalid-target', message: 'the graph has no outputs to compute' }] };
  return { refs };
}

/** Ids of the ordered nodes with a known op that nothing reads: the default outputs. */
function sinks(index: GraphIndex): string[] {
  const { start } = index.consumers;
  const ids: string[] = [];
  for (const p of index.order) if (index.resolved[p] && start[p] === start[p + 1]) ids.push(index.resolved[p]!.node.id);
  return ids;
}

function positionsByName(index: GraphIndex): Map<string, number> {
  const byName = new Map<string, number>();
  for (const p of index.listed) {
    const name = index.resolved[p]!.node.name;
    if (name !== undefined && !byName.has(name)) byName.set(name, p);
  }
  return byName;
}

/**
 * Equal keys mean the same trace: the ordered nodes with their ops, attributes and wiring, the
 * outputs and folding. A fed value changes without re-tracing, so only its type is part of it.
 * Attribute values are written in the op's attribute order (resolved attributes list every one,
 * in that order), so their names need not be.
 */
function traceKey(order: readonly ResolvedNode[], outputs: readonly PortRef[], fold: boolean): string {
  const key = new TextBuffer();
  key.add(`fold=${fold}\n`);
  for (const r of outputs) key.add(r.node).add('.').add(r.port).add(',');
  for (const n of order) {
    key.add('\n').add(n.node.id).add('=').add(n.op.name).add('(');
    const feed = n.op.kind === 'feed';
    for (const name in n.attrs) if (!(feed && name === 'value')) key.add(attrKey(n.attrs[name]!)).add(',');
    if (feed) for (const port in n.types) key.add(port).add(':').add(formatType(n.types[port]!)).add(',');
    key.add(')');
    for (const port in n.inputs) {
      const v = n.inputs[port]!;
      key.add(' ').add(port).add('<');
      if (!Array.isArray(v))
        key
          .add((v as PortRef).node)
          .add('.')
          .add((v as PortRef).port);
      else for (const r of v as readonly PortRef[]) key.add(r.node).add('.').add(r.port).add('|');
    }
  }
  return key.toString();
}

/** An attribute value as key text; distinct values give distinct text. */
function attrKey(value: AttrValue): string {
  switch (typeof value) {
    case 'number':
    case 'boolean':
      return String(value);
    default:
      return JSON.stringify(value);
  }
}

/**
 * Text gathered as UTF-16 code units in one growing buffer and decoded once. The keys of large
 * graphs run to hundreds of thousands of characters: gathered as many small strings (joined from
 * an array, or concatenated) they cost several times more per piece once they outgrow the caches.
 */
class TextBuffer {
  private codes = new Uint16Array(1024);
  private length = 0;

  add(text: string): this {
    if (this.length + text.length > this.codes.length) this.grow(this.length + text.length);
    for (let i = 0; i < text.length; i++) this.codes[this.length++] = text.charCodeAt(i);
    return this;
  }

  toString(): string {
    const codes = this.codes.subarray(0, this.length);
    try {
      return UTF16.decode(codes);
    } catch {
      // A lone surrogate (in some node id): the decoder would not keep it, so copy unit by unit.
      let text = '';
      for (let i = 0; i < codes.length; i += 4096)
        text += String.fromCharCode.apply(null, codes.subarray(i, i + 4096) as unknown as number[]);
      return text;
    }
  }

  private grow(needed: number): void {
    const codes = new Uint16Array(Math.max(needed, 2 * this.codes.length));
    codes.set(this.codes.subarray(0, this.length));
    this.codes = codes;
  }
}

/** Decodes code units as the platform lays out a Uint16Array; throws rather than alter a lone surrogate. */
const UTF16 = new TextDecoder(new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 'utf-16le' : 'utf-16be', {
  fatal: true,
});

/** Turns a prepared graph into a plan, running the constant subgraphs once. */
export function trace(tf: TF, prepared: Prepared): CompileResult {
  const { order, outputs, fold } = prepared;
  const layout = layOut(prepared);
  const constant = fold ? foldable(order, layout) : new Uint8Array(order.length);
  const outputSlots = outputs.map((r) => ({ ...r, slot: layout.slotOf(r) }));
  const kept = keptSlots(layout, constant, outputSlots);

  const constants = new Map<number, Tensor>();
  try {
    evaluateConstants(tf, order, constant, layout, kept, constants);
  } catch (e) {
    tf.dispose([...constants.values()]);
    return { ok: false, diagnostics: [(e as ConstantError).diagnostic] };
  }

  const steps: PlanStep[] = [];
  for (let i = 0; i < order.length; i++) {
    if (constant[i]) continue;
    const n = order[i]!;
    steps.push({
      index: steps.length,
      nodeId: n.node.id,
      op: n.op as AnyOpDef,
      attrs: n.attrs,
      inputPorts: layout.inputPorts[i]!,
      inputSlots: layout.inputSlots[i]!,
      outputPorts: n.op.outputs,
      outputSlots: slotRange(layout.firstSlot[i]!, n.op.outputs.length),
      feed: n.op.kind === 'feed',
    });
  }
  const freeAfter = lastUses(layout, constant, steps, kept);

  const folded: string[] = [];
  for (let i = 0; i < order.length; i++)
    if (constant[i] && order[i]!.op.kind === 'pure') folded.push(order[i]!.node.id);
  const { slots } = layout;
  let text: string | undefined;
  const plan: Plan = {
    key: prepared.key,
    steps,
    slots,
    constants,
    outputs: outputSlots,
    freeAfter,
    folded,
    pruned: prepared.pruned,
    get text() {
      return (text ??= planText(prepared, steps, slots, constants, folded));
    },
    dispose: () => tf.dispose([...constants.values()]),
  };
  return { ok: true, plan, diagnostics: prepared.diagnostics };
}

/**
 * Where every value of the prepared graph lives and where each node reads from, by the node's
 * place in the order. Arrays are made at their final size where it is known: arrays grown by push
 * keep spare room, which large graphs pay for in memory and collection time.
 */
interface Layout {
  readonly slots: Slot[];
  /** By place: the node's first output slot; the others follow in output order. */
  readonly firstSlot: Int32Array;
  /** By slot: the place of the node it belongs to. */
  readonly ownerOf: Int32Array;
  /** By place: the node's input ports and their slots, in the order of its `inputs`. */
  readonly inputPorts: string[][];
  readonly inputSlots: (number | number[])[][];
  /** By place: every slot the node reads, flattened. */
  readonly reads: Csr;
  slotOf(ref: PortRef): number;
}

function layOut(prepared: Prepared): Layout {
  const { order, places } = prepared;
  const { positionOf } = prepared.validation.index;
  let slotCount = 0;
  for (const n of order) slotCount += n.op.outputs.length;
  const slots: Slot[] = new Array(slotCount);
  const ownerOf = new Int32Array(slotCount);
  const firstSlot = new Int32Array(order.length);
  const slotOf = (ref: PortRef) => {
    const place = places[positionOf.get(ref.node)!]!;
    return firstSlot[place]! + order[place]!.op.outputs.indexOf(ref.port);
  };
  const inputPorts: string[][] = new Array(order.length);
  const inputSlots: (number | number[])[][] = new Array(order.length);
  const readStart = new Int32Array(order.length + 1);
  const reads: number[] = [];

  let slot = 0;
  for (let i = 0; i < order.length; i++) {
    const n = order[i]!;
    firstSlot[i] = slot;
    for (const port of n.op.outputs) {
      slots[slot] = { node: n.node.id, port, type: n.types![port]! };
      ownerOf[slot++] = i;
    }
    // Producers come first in the order, so their slots are known by now.
    const ports = Object.keys(n.inputs);
    const from: (number | number[])[] = new Array(ports.length);
    for (let k = 0; k < ports.length; k++) {
      const v = n.inputs[ports[k]!]!;
      if (Array.isArray(v)) {
        const list = v.map(slotOf);
        for (const s of list) reads.push(s);
        from[k] = list;
      } else reads.push((from[k] = slotOf(v as PortRef)));
    }
    inputPorts[i] = ports;
    inputSlots[i] = from;
    readStart[i + 1] = reads.length;
  }
  return {
    slots,
    firstSlot,
    ownerOf,
    inputPorts,
    inputSlots,
    reads: { start: readStart, targets: Int32Array.from(reads) },
    slotOf,
  };
}

/** Flags (by place) the nodes to evaluate at compile time: constants, and pure nodes reading only those. */
function foldable(order: readonly ResolvedNode[], layout: Layout): Uint8Array {
  const { start, targets } = layout.reads;
  const constant = new Uint8Array(order.length);
  for (let i = 0; i < order.length; i++) {
    const kind = order[i]!.op.kind;
    if (kind === 'const') constant[i] = 1;
    else if (kind === 'pure' && start[i + 1]! > start[i]!) {
      let all = true;
      for (let k = start[i]!; k < start[i + 1]! && all; k++) all = constant[layout.ownerOf[targets[k]!]!] === 1;
      if (all) constant[i] = 1;
    }
  }
  return constant;
}

/** Flags (by slot) the values the plan holds on to: the outputs, and the constants steps read. */
function keptSlots(layout: Layout, constant: Uint8Array, outputs: readonly { slot: number }[]): Uint8Array {
  const { start, targets } = layout.reads;
  const kept = new Uint8Array(layout.slots.length);
  for (const o of outputs) kept[o.slot] = 1;
  for (let i = 0; i < constant.length; i++) {
    if (constant[i]) continue;
    for (let k = start[i]!; k < start[i + 1]!; k++) if (constant[layout.ownerOf[targets[k]!]!]) kept[targets[k]!] = 1;
  }
  return kept;
}

function slotRange(first: number, count: number): number[] {
  const range = new Array<number>(count);
  for (let k = 0; k < count; k++) range[k] = first + k;
  return range;
}

/** Per step, the slots to free after it: those it is the last reader of, and its outputs nobody reads. */
function lastUses(
  layout: Layout,
  constant: Uint8Array,
  steps: readonly PlanStep[],
  kept: Uint8Array,
): (number[] | undefined)[] {
  const { start, targets } = layout.reads;
  const lastReader = new Int32Array(layout.slots.length).fill(-1);
  for (let i = 0, step = 0; i < constant.length; i++) {
    if (constant[i]) continue;
    for (let k = start[i]!; k < start[i + 1]!; k++) lastReader[targets[k]!] = step;
    step++;
  }
  const freeAfter: (number[] | undefined)[] = new Array(steps.length);
  for (const step of steps)
    for (const s of step.outputSlots) {
      if (kept[s]) continue;
      // An output nobody reads is freed right after the step that made it.
      const at = lastReader[s]! < 0 ? step.index : lastReader[s]!;
      if (freeAfter[at]) freeAfter[at].push(s);
      else freeAfter[at] = [s];
    }
  return freeAfter;
}

class ConstantError extends Error {
  constructor(readonly diagnostic: Diagnostic) {
    super(diagnostic.message);
  }
}

function evaluateConstants(
  tf: TF,
  order: readonly ResolvedNode[],
  constant: Uint8Array,
  layout: Layout,
  kept: Uint8Array,
  into: Map<number, Tensor>,
): void {
  if (!constant.includes(1)) return;
  const values: (Tensor | undefined)[] = new Array(layout.slots.length);
  tf.tidy(() => {
    for (let i = 0; i < order.length; i++) {
      if (!constant[i]) continue;
      const n = order[i]!;
      const inputs: Record<string, Tensor | Tensor[]> = {};
      const ports = layout.inputPorts[i]!;
      for (let k = 0; k < ports.length; k++) {
        const v = layout.inputSlots[i]![k]!;
        inputs[ports[k]!] = typeof v === 'number' ? values[v]! : v.map((s) => values[s]!);
      }
      let outs: Readonly<Record<string, Tensor>>;
      try {
        outs = runForward(tf, n.op as AnyOpDef, inputs, n.attrs);
      } catch (e) {
        throw new ConstantError({
          kind: 'runtime-error',
          nodeId: n.node.id,
          message: `${n.op.name} failed: ${(e as Error).message}`,
        });
      }
      const outputs = n.op.outputs;
      for (let k = 0; k < outputs.length; k++) {
        const slot = layout.firstSlot[i]! + k;
        values[slot] = outs[outputs[k]!]!;
        if (kept[slot]) into.set(slot, tf.keep(values[slot]));
      }
    }
  });
}

function planText(
  prepared: Prepared,
  steps: readonly PlanStep[],
  slots: readonly Slot[],
  constants: ReadonlyMap<number, Tensor>,
  folded: readonly string[],
): string {
  const ref = (s: number) => `%${s}`;
  const lines = [
    `plan: ${steps.length} steps, ${constants.size} constants, ${folded.length} folded, ${prepared.pruned.length} pruned`,
  ];
  for (const [slot] of [...constants].sort((a, b) => a[0] - b[0])) {
    const s = slots[slot]!;
    lines.push(`  ${ref(slot)} = constant ${s.node}.${s.port}  : ${formatType(s.type)}`);
  }
  for (const step of steps) {
    const args = step.inputPorts
      .map((name, i) => {
        const v = step.inputSlots[i]!;
        return `${name}=${typeof v === 'number' ? ref(v) : `[${v.map(ref).join(', ')}]`}`;
      })
      .join(', ');
    const outs = step.outputSlots.map(ref).join(', ');
    const types = step.outputSlots.map((s) => formatType(slots[s]!.type)).join(', ');
    lines.push(`  ${outs} = ${step.op.name}(${args})  # ${step.nodeId}${step.feed ? ' (fed)' : ''}  : ${types}`);
  }
  lines.push(`outputs: ${prepared.outputs.map((r) => `${r.node}.${r.port}`).join(', ')}`);
  if (folded.length) lines.push(`folded: ${folded.join(', ')}`);
  if (prepared.pruned.length) lines.push(`pruned: ${prepared.pruned.join(', ')}`);
  return lines.join('\n');
}
