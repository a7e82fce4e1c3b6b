import type { Diagnostic } from '../graph/diagnostics';
import type { AnyOpSignature } from '../graph/op-signature';
import type { OpRegistry } from '../graph/registry';
import type { Csr } from '../graph/topo';
import { nodeLabel, type Graph, type PortRef, type TensorType } from '../graph/types';
import { validateGraph, type GraphIndex, type ResolvedNode, type Validation } from '../graph/validate';
import { own, setOwn } from '../graph/own';
import { upstreamCone } from '../graph/upstream-cone';
import type { AnyOpDef, Tensor, TF } from '../ops/define-op';
import { outputsOverBudget } from '../ops/over-budget';
import {
  PASS_NAMES,
  type CompileResult,
  type PassChange,
  type PassName,
  type PassResult,
  type Plan,
  type PlanStep,
  type Slot,
} from './plan';
import { emptyOutputs, emptyTypes, runForward } from './forward';
import { planText } from './plan-text';
import { traceKey } from './trace-key';
import { eliminateCommonSubexpressions } from './passes/cse';
import { resolvedInputs, Rewrites, type InputSlots, type PassLayout } from './passes/rewrites';
import { simplifyArithmetic } from './passes/simplify';

// The functions here that loop over every node of a graph create no closures (callbacks included).
// A closure makes its function keep its variables in a heap context, and V8 compiles a long loop
// while it runs (on-stack replacement) into code specialised to that context, which then holds
// the context, and everything it reaches, through the next young-generation collections. For a
// 10,000-node graph that kept about 7 MB alive past every compile and made collections several
// times slower. Arrays and objects are also made at their final size where it is known: arrays
// grown by push keep spare room, which large graphs pay for in memory and collection time.

export interface CompileOptions {
  /** Node ids or names (every output port of the node), or single ports; default: every sink node. */
  readonly outputs?: readonly (string | PortRef)[];
  /**
   * The optimizer passes to run (see `PASS_NAMES`); default: all. Pruning off runs every node of
   * `keep` too, not only what the outputs need.
   */
  readonly passes?: readonly PassName[];
  /** With pruning off, the nodes to run although no output needs them; default: every node. */
  readonly keep?: readonly string[];
  /**
   * The most bytes one value may take: a node inference says would pass it is refused (and not
   * folded); the others are checked as they run. Default: no limit but the element count.
   */
  readonly maxBytes?: number;
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
  readonly passes: ReadonlySet<PassName>;
  readonly maxBytes: number;
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
  const passes = new Set(options.passes ?? PASS_NAMES);
  const maxBytes = options.maxBytes ?? Infinity;
  const resolved = resolveOutputs(validation, options.outputs);
  if ('diagnostics' in resolved) return { ok: false, diagnostics: resolved.diagnostics };
  const outputs = resolved.refs;
  const index = validation.index;

  const prune = passes.has('prune');
  const { inCone, size } = upstreamCone(
    index,
    prune ? positionsOf(index, outputs) : unprunedRoots(index, outputs, options.keep),
  );
  const order = new Array<ResolvedNode>(size);
  const places = new Int32Array(index.resolved.length).fill(-1);
  let placed = 0;
  let complete = true;
  for (const p of index.order) {
    if (!inCone[p]) continue;
    if (!index.typed[p]) complete = false;
    else {
      places[p] = placed;
      order[placed++] = index.resolved[p]!;
    }
  }
  // Cone nodes missing from the order are on or after a cycle.
  if (!complete || placed < size) return { ok: false, diagnostics: diagnosticsUpstream(validation, outputs) };

  const pruned: string[] = [];
  if (prune) for (const p of index.listed) if (!inCone[p]) pruned.push(index.resolved[p]!.node.id);
  const key = traceKey(order, outputs, passes, maxBytes);
  return {
    ok: true,
    key,
    validation,
    order,
    places,
    outputs,
    pruned,
    passes,
    maxBytes,
    diagnostics: validation.diagnostics,
  };
}

/** The diagnostics on the nodes the outputs depend on (or on none), else all of them. */
function diagnosticsUpstream(validation: Validation, outputs: readonly PortRef[]): readonly Diagnostic[] {
  const { positionOf } = validation.index;
  const { inCone } = upstreamCone(validation.index, positionsOf(validation.index, outputs), true);
  const relevant = validation.diagnostics.filter(
    (d) => d.nodeId === undefined || inCone[positionOf.get(d.nodeId) ?? -1] === 1,
  );
  return relevant.length ? relevant : validation.diagnostics;
}

/** Without pruning: the outputs, and every node of `keep` (default: all) that can run. */
function unprunedRoots(index: GraphIndex, outputs: readonly PortRef[], keep: readonly string[] | undefined): number[] {
  const roots = positionsOf(index, outputs);
  if (keep === undefined) {
    for (const p of index.listed) if (index.typed[p]) roots.push(p);
  } else
    for (const id of keep) {
      const p = index.positionOf.get(id);
      if (p !== undefined && index.typed[p]) roots.push(p);
    }
  return roots;
}

function positionsOf(index: GraphIndex, outputs: readonly PortRef[]): number[] {
  return outputs.map((r) => index.positionOf.get(r.node)!);
}

function resolveOutputs(
  validation: Validation,
  requested: CompileOptions['outputs'],
): { refs: PortRef[] } | { diagnostics: Diagnostic[] } {
  const index = validation.index;
  let byName: Map<string, number> | undefined;
  const refs: PortRef[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const w of requested ?? sinks(index)) {
    const ref = typeof w === 'string' ? { node: w, port: null } : w;
    // A node id, else a node name (the first node listed with it).
    let p = index.positionOf.get(ref.node);
    if (p === undefined || !index.resolved[p]) p = (byName ??= positionsByName(index)).get(ref.node);
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
  for (const p of index.order) if (start[p] === start[p + 1] && index.resolved[p]) ids.push(index.resolved[p]!.node.id);
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

/** Turns a prepared graph into a plan: folds the constant subgraphs, runs the passes after folding. */
export function trace(tf: TF, prepared: Prepared): CompileResult {
  const { order, outputs, passes } = prepared;
  const layout = layOut(prepared);
  const { constant } = layout;
  const unrewritten = asWritten(layout);
  const constants = new Map<number, Tensor>();
  try {
    evaluateConstants(tf, order, constant, layout, keptSlots(layout, unrewritten), constants, prepared.maxBytes);
  } catch (e) {
    tf.dispose([...constants.values()]);
    return { ok: false, diagnostics: [(e as ConstantError).diagnostic] };
  }

  const rewrites = new Rewrites(layout.slots.length, order.length);
  const passLayout: PassLayout = { order, ...layout };
  if (passes.has('cse')) eliminateCommonSubexpressions(passLayout, rewrites);
  if (passes.has('simplify')) simplifyArithmetic(passLayout, rewrites, constants, layout.outputSlots);
  const final = rewrites.changed ? asRewritten(layout, rewrites) : unrewritten;
  const kept = keptSlots(layout, final);
  if (rewrites.changed) dropUnkept(tf, constants, kept);

  const outputSlots: (PortRef & { slot: number })[] = [];
  for (let k = 0; k < outputs.length; k++) outputSlots.push({ ...outputs[k]!, slot: final.outputSlots[k]! });
  const steps = new Array<PlanStep>(countFlagged(final.live));
  for (let i = 0, step = 0; i < order.length; i++) {
    if (!final.live[i]) continue;
    const n = order[i]!;
    const outputSlots = slotRange(layout.firstSlot[i]!, n.op.outputs.length);
    steps[step] = {
      index: step++,
      nodeId: n.node.id,
      label: nodeLabel(n.node),
      op: n.op as AnyOpDef,
      attrs: rewrites.attrs.get(i) ?? n.attrs,
      inputPorts: layout.inputPorts[i]!,
      inputSlots: final.inputSlots[i]!,
      outputPorts: n.op.outputs,
      outputSlots,
      feed: n.op.kind === 'feed',
      empty: emptyTypes(n.op as AnyOpDef, slotTypes(layout.slots, layout.firstSlot[i]!, outputSlots.length)),
      sized: layout.sized[i] === 1,
      refusal: layout.refusals[i]!,
    };
  }
  const freeAfter = lastUses(layout, final, steps.length, kept);

  const folded: string[] = [];
  for (let i = 0; i < order.length; i++)
    if (constant[i] && order[i]!.op.kind === 'pure') folded.push(order[i]!.node.id);
  const plan = new TracedPlan(tf, prepared, steps, layout.slots, constants, outputSlots, freeAfter, folded, rewrites);
  return { ok: true, plan, diagnostics: prepared.diagnostics };
}

/** Where the plan's steps read from, once the passes after folding have run. */
interface Final {
  /** By place: 1 for the nodes that run as steps. */
  readonly live: Uint8Array;
  /** By place: the slots each input reads. */
  readonly inputSlots: readonly InputSlots[];
  /** By place: every slot the node reads, flattened. */
  readonly reads: Csr;
  /** The slots of the requested outputs, in their order. */
  readonly outputSlots: readonly number[];
}

/** The layout as folding left it: every node not folded runs, reading what it is wired to. */
function asWritten(layout: Layout): Final {
  const live = new Uint8Array(layout.constant.length);
  for (let i = 0; i < live.length; i++) live[i] = 1 - layout.constant[i]!;
  return { live, inputSlots: layout.inputSlots, reads: layout.reads, outputSlots: layout.outputSlots };
}

/** The layout after CSE and simplification: the nodes they removed do not run, and reads go where they redirect. */
function asRewritten(layout: Layout, rewrites: Rewrites): Final {
  const count = layout.constant.length;
  const live = new Uint8Array(count);
  const inputSlots: InputSlots[] = new Array(count);
  const reads = { start: new Int32Array(count + 1), targets: new Int32Array(layout.reads.targets.length) };
  let read = 0;
  for (let i = 0; i < count; i++) {
    if (!layout.constant[i] && !rewrites.removed[i]) {
      live[i] = 1;
      const inputs = (inputSlots[i] = resolvedInputs(rewrites.inputs.get(i) ?? layout.inputSlots[i]!, rewrites));
      for (const v of inputs)
        if (typeof v === 'number') reads.targets[read++] = v;
        else for (const s of v) reads.targets[read++] = s;
    } else inputSlots[i] = layout.inputSlots[i]!;
    reads.start[i + 1] = read;
  }
  const outputSlots = new Array<number>(layout.outputSlots.length);
  for (let k = 0; k < outputSlots.length; k++) outputSlots[k] = rewrites.resolve(layout.outputSlots[k]!);
  return { live, inputSlots, reads, outputSlots };
}

/** Frees the folded values no step or output reads once the passes have run (a `1` that `x·1` multiplied by). */
function dropUnkept(tf: TF, constants: Map<number, Tensor>, kept: Uint8Array): void {
  for (const [slot, tensor] of constants)
    if (!kept[slot]) {
      tf.dispose(tensor);
      constants.delete(slot);
    }
}

/**
 * A plan as `trace` makes it. A class rather than an object literal with a getter and a closure
 * for `text` and `dispose`: those would close over `trace`'s variables (see the note on closures
 * at the top of this file).
 */
class TracedPlan implements Plan {
  readonly key: string;
  readonly pruned: readonly string[];
  readonly maxBytes: number;
  private written: string | undefined;
  private results: readonly PassResult[] | undefined;

  constructor(
    private readonly tf: TF,
    private readonly prepared: Prepared,
    readonly steps: readonly PlanStep[],
    readonly slots: readonly Slot[],
    readonly constants: ReadonlyMap<number, Tensor>,
    readonly outputs: readonly (PortRef & { slot: number })[],
    readonly freeAfter: readonly (readonly number[] | undefined)[],
    readonly folded: readonly string[],
    private readonly rewrites: Rewrites,
  ) {
    this.key = prepared.key;
    this.pruned = prepared.pruned;
    this.maxBytes = prepared.maxBytes;
  }

  get passes(): readonly PassResult[] {
    return (this.results ??= passResults(this.prepared, this.folded, this.rewrites));
  }

  get text(): string {
    return (this.written ??= planText(this.prepared.outputs, this.steps, this.slots, this.constants, this.passes));
  }

  readonly dispose = (): void => this.tf.dispose([...this.constants.values()]);
}

/** Every pass in order, with the nodes each removed, merged or rewrote. */
function passResults(prepared: Prepared, folded: readonly string[], rewrites: Rewrites): PassResult[] {
  const changes: Record<PassName, readonly PassChange[]> = {
    prune: prepared.pruned.map((node) => ({ kind: 'pruned', node })),
    fold: folded.map((node) => ({ kind: 'folded', node })),
    cse: rewrites.cse,
    simplify: rewrites.simplify,
    fuse: [],
  };
  return PASS_NAMES.map((pass) => ({ pass, enabled: prepared.passes.has(pass), changes: changes[pass] }));
}

/**
 * Where every value of the prepared graph lives, where each node reads from and which nodes fold,
 * by the node's place in the order.
 */
interface Layout {
  readonly slots: Slot[];
  /** By place: the node's first output slot; the others follow in output order. */
  readonly firstSlot: Int32Array;
  /** By slot: the place of the node it belongs to. */
  readonly ownerOf: number[];
  /** By place: the node's input ports and their slots, in the order of its `inputs`. */
  readonly inputPorts: (readonly string[])[];
  readonly inputSlots: (number | number[])[][];
  /** By place: every slot the node reads, flattened. */
  readonly reads: Csr;
  /** By place: 1 for the nodes to evaluate at compile time. */
  readonly constant: Uint8Array;
  /** By place: 1 for the nodes whose output sizes are all known before running. */
  readonly sized: Uint8Array;
  /** By place: why the node may not run (an output that would pass the budget), or null. */
  readonly refusals: (string | null)[];
  /** The slots of the requested outputs, in their order. */
  readonly outputSlots: number[];
}

function layOut(prepared: Prepared): Layout {
  const { order, places, maxBytes } = prepared;
  const fold = prepared.passes.has('fold');
  const { producers, inputSources } = prepared.validation.index;
  const positions = new Int32Array(order.length);
  for (let p = 0; p < places.length; p++) if (places[p]! >= 0) positions[places[p]!] = p;
  let readCount = 0; // at most one read per input edge
  for (const p of positions) readCount += producers.start[p + 1]! - producers.start[p]!;
  // Sized for one output per node, the usual case; assigning past the end still grows them.
  const slots = new Array<Slot>(order.length);
  const ownerOf = new Array<number>(order.length);
  const firstSlot = new Int32Array(order.length);
  const inputPorts: (readonly string[])[] = new Array(order.length);
  const inputSlots: (number | number[])[][] = new Array(order.length);
  const reads = { start: new Int32Array(order.length + 1), targets: new Int32Array(readCount) };
  const constant = new Uint8Array(order.length);
  const sized = new Uint8Array(order.length);
  const refusals = new Array<string | null>(order.length);

  let slot = 0;
  let read = 0;
  for (let i = 0; i < order.length; i++) {
    const n = order[i]!;
    firstSlot[i] = slot;
    for (const port of n.op.outputs) {
      slots[slot] = { node: n.node.id, port, type: own(n.types!, port)! };
      ownerOf[slot++] = i;
    }
    // Producers come first in the order, so their slots are known by now; the index lists where
    // each input value comes from in the order of `inputs`.
    let source = producers.start[positions[i]!]!;
    const ports = inputNames(n);
    const from: (number | number[])[] = new Array(ports.length);
    for (let k = 0; k < ports.length; k++) {
      const v = own(n.inputs, ports[k]!)!;
      if (!Array.isArray(v))
        from[k] = reads.targets[read++] = slotAt(prepared, firstSlot, inputSources[source++]!, (v as PortRef).port);
      else {
        const list = new Array<number>(v.length);
        for (let j = 0; j < v.length; j++)
          list[j] = reads.targets[read++] = slotAt(prepared, firstSlot, inputSources[source++]!, v[j]!.port);
        from[k] = list;
      }
    }
    inputPorts[i] = ports;
    inputSlots[i] = from;
    reads.start[i + 1] = read;
    const types = slotTypes(slots, firstSlot[i]!, n.op.outputs.length);
    sized[i] = allSized(types);
    refusals[i] = outputsOverBudget(n.op.name, n.op.outputs, types, maxBytes);
    if (fold && refusals[i] === null && folds(n, i, reads, ownerOf, constant)) constant[i] = 1;
  }
  slots.length = ownerOf.length = slot;
  const outputSlots: number[] = [];
  for (const r of prepared.outputs)
    outputSlots.push(slotAt(prepared, firstSlot, prepared.validation.index.positionOf.get(r.node)!, r.port));
  return { slots, firstSlot, ownerOf, inputPorts, inputSlots, reads, constant, sized, refusals, outputSlots };
}

/** The slot of output `port` of the node at position `p`, once its first slot is known. */
function slotAt(prepared: Prepared, firstSlot: Int32Array, p: number, port: string): number {
  const place = prepared.places[p]!;
  return firstSlot[place]! + prepared.order[place]!.op.outputs.indexOf(port);
}

/**
 * Whether the node at `place` is evaluated at compile time: a constant, or a pure node that does
 * not await and reads only values so evaluated (its producers, earlier in the order, are flagged
 * in `constant` by now).
 */
function folds(n: ResolvedNode, place: number, reads: Csr, ownerOf: readonly number[], constant: Uint8Array): boolean {
  if (n.op.kind === 'const') return true;
  const { start, targets } = reads;
  // Compiling cannot wait: not for an op that awaits, nor for value checks and inputs that supply
  // attributes, which are read asynchronously (on WebGPU).
  const op = n.op as AnyOpDef;
  if (op.kind !== 'pure' || start[place + 1] === start[place] || op.awaits || op.checks) return false;
  for (const port in n.inputs) if (own(op.inputs, port)?.attr) return false;
  for (let k = start[place]!; k < start[place + 1]!; k++) if (!constant[ownerOf[targets[k]!]!]) return false;
  return true;
}

/** Each op's input names in declared order, shared by the steps whose inputs are listed so. */
const declaredInputs = new WeakMap<AnyOpSignature, readonly string[]>();

/** The names of a node's inputs, in the order of its `inputs`. */
function inputNames(n: ResolvedNode): readonly string[] {
  let declared = declaredInputs.get(n.op);
  if (!declared) declaredInputs.set(n.op, (declared = Object.freeze(Object.keys(n.op.inputs))));
  let k = 0;
  for (const name in n.inputs) if (declared[k++] !== name) return Object.keys(n.inputs);
  return k === declared.length ? declared : Object.keys(n.inputs);
}

/** Flags (by slot) the values the plan holds on to: the outputs, and the constants steps read. */
function keptSlots(layout: Layout, final: Final): Uint8Array {
  const { start, targets } = final.reads;
  const kept = new Uint8Array(layout.slots.length);
  for (const slot of final.outputSlots) kept[slot] = 1;
  for (let i = 0; i < final.live.length; i++) {
    if (!final.live[i]) continue;
    for (let k = start[i]!; k < start[i + 1]!; k++)
      if (layout.constant[layout.ownerOf[targets[k]!]!]) kept[targets[k]!] = 1;
  }
  return kept;
}

/** 1 when every type's shape is fully known. */
function allSized(types: readonly TensorType[]): 1 | 0 {
  for (const { shape } of types) if (shape === null || shape.includes(null)) return 0;
  return 1;
}

function countFlagged(flags: Uint8Array): number {
  let count = 0;
  for (const flag of flags) count += flag;
  return count;
}

/** The types of `count` slots from `first`: a node's outputs. */
function slotTypes(slots: readonly Slot[], first: number, count: number): TensorType[] {
  const types = new Array<TensorType>(count);
  for (let k = 0; k < count; k++) types[k] = slots[first + k]!.type;
  return types;
}

function slotRange(first: number, count: number): number[] {
  const range = new Array<number>(count);
  for (let k = 0; k < count; k++) range[k] = first + k;
  return range;
}

/** Per step, the slots to free after it: those it is the last reader of, and its outputs nobody reads. */
function lastUses(layout: Layout, final: Final, stepCount: number, kept: Uint8Array): (number[] | undefined)[] {
  const { start, targets } = final.reads;
  const { firstSlot } = layout;
  const { live } = final;
  const slotCount = layout.slots.length;
  const lastReader = new Int32Array(slotCount).fill(-1);
  for (let i = 0, step = 0; i < live.length; i++) {
    if (!live[i]) continue;
    for (let k = start[i]!; k < start[i + 1]!; k++) lastReader[targets[k]!] = step;
    step++;
  }
  const freeAfter: (number[] | undefined)[] = new Array(stepCount);
  for (let i = 0, step = 0; i < live.length; i++) {
    if (!live[i]) continue;
    const end = i + 1 < live.length ? firstSlot[i + 1]! : slotCount;
    for (let s = firstSlot[i]!; s < end; s++) {
      if (kept[s]) continue;
      // An output nobody reads is freed right after the step that made it.
      const at = lastReader[s]! < 0 ? step : lastReader[s]!;
      if (freeAfter[at]) freeAfter[at].push(s);
      else freeAfter[at] = [s];
    }
    step++;
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
  maxBytes: number,
): void {
  if (constant.includes(1)) tf.tidy(() => evaluateInOrder(tf, order, constant, layout, kept, into, maxBytes));
}

function evaluateInOrder(
  tf: TF,
  order: readonly ResolvedNode[],
  constant: Uint8Array,
  layout: Layout,
  kept: Uint8Array,
  into: Map<number, Tensor>,
  maxBytes: number,
): void {
  const values: (Tensor | undefined)[] = new Array(layout.slots.length);
  for (let i = 0; i < order.length; i++) {
    if (!constant[i]) continue;
    const n = order[i]!;
    const inputs: Record<string, Tensor | Tensor[]> = {};
    const ports = layout.inputPorts[i]!;
    for (let k = 0; k < ports.length; k++) {
      const v = layout.inputSlots[i]![k]!;
      if (typeof v === 'number') setOwn(inputs, ports[k]!, values[v]!);
      else {
        const list: Tensor[] = [];
        for (const s of v) list.push(values[s]!);
        setOwn(inputs, ports[k]!, list);
      }
    }
    let outs: Readonly<Record<string, Tensor>>;
    const outputs = n.op.outputs;
    const empty = emptyTypes(n.op as AnyOpDef, slotTypes(layout.slots, layout.firstSlot[i]!, outputs.length));
    try {
      outs = empty
        ? emptyOutputs(tf, outputs, empty)
        : runForward(tf, n.op as AnyOpDef, inputs, n.attrs, {
            nodeId: n.node.id,
            maxBytes,
            sized: layout.sized[i] === 1,
          });
    } catch (e) {
      throw new ConstantError({
        kind: 'runtime-error',
        nodeId: n.node.id,
        message: `${n.op.name} failed: ${(e as Error).message}`,
      });
    }
    for (let k = 0; k < outputs.length; k++) {
      const slot = layout.firstSlot[i]! + k;
      values[slot] = own(outs, outputs[k]!)!;
      if (kept[slot]) into.set(slot, tf.keep(values[slot]));
    }
  }
}
