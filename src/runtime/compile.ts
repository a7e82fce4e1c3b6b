import type { Diagnostic } from '../graph/diagnostics';
import type { OpRegistry } from '../graph/registry';
import { formatType } from '../graph/shape';
import type { Graph, PortRef } from '../graph/types';
import { validateGraph, type ResolvedNode, type Validation } from '../graph/validate';
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

  const cone = new Set<string>();
  const stack = [...new Set(outputs.map((r) => r.node))];
  while (stack.length) {
    const id = stack.pop()!;
    if (cone.has(id)) continue;
    cone.add(id);
    for (const ref of validation.nodes.get(id)!.inputRefs) stack.push(ref.node);
  }

  const order = validation.order.filter((id) => cone.has(id)).map((id) => validation.nodes.get(id)!);
  const incomplete = order.length < cone.size || order.some((n) => !n.types);
  const relevant = validation.diagnostics.filter((d) => d.nodeId === undefined || cone.has(d.nodeId));
  if (incomplete) return { ok: false, diagnostics: relevant.length ? relevant : validation.diagnostics };

  const pruned = [...validation.nodes.keys()].filter((id) => !cone.has(id));
  const key = traceKey(order, outputs, fold);
  return { ok: true, key, validation, order, outputs, pruned, fold, diagnostics: validation.diagnostics };
}

function resolveOutputs(
  validation: Validation,
  requested: CompileOptions['outputs'],
): { refs: PortRef[] } | { diagnostics: Diagnostic[] } {
  const nodes = validation.nodes;
  const wanted = requested ?? validation.order.filter((id) => nodes.has(id) && !validation.consumersOf(id).length);
  const byName = new Map<string, string>();
  for (const n of nodes.values())
    if (n.node.name !== undefined && !byName.has(n.node.name)) byName.set(n.node.name, n.node.id);

  const refs: PortRef[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const w of wanted) {
    const ref = typeof w === 'string' ? { node: w, port: null } : w;
    const id = nodes.has(ref.node) ? ref.node : byName.get(ref.node);
    const node = id === undefined ? undefined : nodes.get(id);
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

function traceKey(order: readonly ResolvedNode[], outputs: readonly PortRef[], fold: boolean): string {
  const parts = [`fold=${fold}`, outputs.map((r) => `${r.node}.${r.port}`).join(',')];
  for (const n of order) {
    // A fed value changes without re-tracing; only its type is part of the trace.
    const attrs = n.op.kind === 'feed' ? { ...n.attrs, value: n.types } : n.attrs;
    let line = `${n.node.id}=${n.op.name}${JSON.stringify(attrs)}`;
    for (const port in n.inputs) {
      const v = n.inputs[port]!;
      line += Array.isArray(v)
        ? ` ${port}<${v.map((r) => `${r.node}.${r.port}`).join('|')}`
        : ` ${port}<${(v as PortRef).node}.${(v as PortRef).port}`;
    }
    parts.push(line);
  }
  return parts.join('\n');
}

/** Turns a prepared graph into a plan, running the constant subgraphs once. */
export function trace(tf: TF, prepared: Prepared): CompileResult {
  const { order, outputs, fold } = prepared;
  const constant = new Set<string>();
  if (fold) {
    for (const n of order) {
      const refs = n.inputRefs;
      if (n.op.kind === 'const' || (n.op.kind === 'pure' && refs.length > 0 && refs.every((r) => constant.has(r.node))))
        constant.add(n.node.id);
    }
  }

  const slots: Slot[] = [];
  const slotsOf = new Map<string, Record<string, number>>();
  for (const n of order) {
    const bySlot: Record<string, number> = {};
    for (const port of n.op.outputs) {
      bySlot[port] = slots.length;
      slots.push({ node: n.node.id, port, type: n.types![port]! });
    }
    slotsOf.set(n.node.id, bySlot);
  }
  const slotFor = (ref: PortRef) => slotsOf.get(ref.node)![ref.port]!;
  const outputSlots = outputs.map((r) => ({ ...r, slot: slotFor(r) }));

  const kept = new Set(outputSlots.map((o) => o.slot));
  for (const n of order)
    if (!constant.has(n.node.id)) for (const ref of n.inputRefs) if (constant.has(ref.node)) kept.add(slotFor(ref));

  const constants = new Map<number, Tensor>();
  try {
    evaluateConstants(tf, order, constant, slotFor, kept, constants);
  } catch (e) {
    tf.dispose([...constants.values()]);
    return { ok: false, diagnostics: [(e as ConstantError).diagnostic] };
  }

  const steps: PlanStep[] = [];
  for (const n of order) {
    if (constant.has(n.node.id)) continue;
    const inputPorts: string[] = [];
    const inputSlots: (number | number[])[] = [];
    for (const name in n.inputs) {
      const v = n.inputs[name]!;
      inputPorts.push(name);
      inputSlots.push(Array.isArray(v) ? v.map(slotFor) : slotFor(v as PortRef));
    }
    const bySlot = slotsOf.get(n.node.id)!;
    steps.push({
      index: steps.length,
      nodeId: n.node.id,
      op: n.op as AnyOpDef,
      attrs: n.attrs,
      inputPorts,
      inputSlots,
      outputPorts: n.op.outputs,
      outputSlots: n.op.outputs.map((port) => bySlot[port]!),
      feed: n.op.kind === 'feed',
    });
  }

  const lastReader = new Int32Array(slots.length).fill(-1);
  for (const step of steps)
    for (const slot of step.inputSlots)
      if (typeof slot === 'number') lastReader[slot] = step.index;
      else for (const s of slot) lastReader[s] = step.index;
  const freeAfter: (number[] | undefined)[] = new Array(steps.length);
  for (const step of steps)
    for (const s of step.outputSlots) {
      if (kept.has(s)) continue;
      // An output nobody reads is freed right after the step that made it.
      const at = lastReader[s]! < 0 ? step.index : lastReader[s]!;
      (freeAfter[at] ??= []).push(s);
    }

  const folded = order.filter((n) => constant.has(n.node.id) && n.op.kind === 'pure').map((n) => n.node.id);
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

class ConstantError extends Error {
  constructor(readonly diagnostic: Diagnostic) {
    super(diagnostic.message);
  }
}

function evaluateConstants(
  tf: TF,
  order: readonly ResolvedNode[],
  constant: ReadonlySet<string>,
  slotFor: (ref: PortRef) => number,
  kept: ReadonlySet<number>,
  into: Map<number, Tensor>,
): void {
  const values = new Map<number, Tensor>();
  tf.tidy(() => {
    for (const n of order) {
      if (!constant.has(n.node.id)) continue;
      const inputs: Record<string, Tensor | Tensor[]> = {};
      for (const [name, v] of Object.entries(n.inputs))
        inputs[name] = Array.isArray(v) ? v.map((r) => values.get(slotFor(r))!) : values.get(slotFor(v as PortRef))!;
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
      for (const port of n.op.outputs) {
        const slot = slotFor({ node: n.node.id, port });
        values.set(slot, outs[port]!);
        if (kept.has(slot)) into.set(slot, tf.keep(outs[port]!));
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
