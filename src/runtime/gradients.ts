import { own } from '../graph/own';
import { gradientPathOf, type Tensor, type TF } from '../ops/define-op';
import type { Feeds } from './execution';
import { gatherInputs } from './gather-inputs';
import { onHost } from '../ops/host-int32';
import { emptyOutputs, runForward, type StepOptions } from './forward';
import { EagerExecution } from './eager-execution';
import { withOpGradient } from './op-gradient';
import type { Plan, PlanStep } from './plan';

/** dTarget/dOutput for every node output upstream of a scalar target, from one backward pass. */
export interface Gradients {
  readonly targetSlot: number;
  /** Slot → gradient of the target with respect to the value in that slot. */
  readonly grads: ReadonlyMap<number, Tensor>;
  /** Slot → why no gradient reaches it. */
  readonly blocked: ReadonlyMap<number, string>;
  dispose(): void;
}

const isFloat = (t: { dtype: string }) => t.dtype === 'float32';

/**
 * Runs `plan` (compiled without folding, for the target alone) under a gradient tape. Every
 * computed value passes through an identity "probe" whose gradient function records the incoming
 * gradient, so one backward pass yields the gradient at every node. Inputs of non-differentiable
 * ops are detached from the tape, so no gradient is invented through them.
 */
export async function computeGradients(tf: TF, plan: Plan, feeds: Feeds): Promise<Gradients> {
  if (plan.constants.size) throw new Error('computeGradients needs a plan compiled without folding');
  const target = plan.outputs[0]!;
  const targetType = plan.slots[target.slot]!.type;
  if (targetType.dtype !== 'float32' || targetType.shape === null || targetType.shape.length !== 0)
    throw new TargetError(
      `the gradient target must be a float32 scalar; ${target.node}.${target.port} is ${targetType.dtype}${targetType.shape === null ? '[…]' : `[${targetType.shape.join(', ')}]`}: reduce it with Sum or Mean first`,
    );

  const recorded = new Map<number, Tensor>();
  const values: (Tensor | undefined)[] = new Array(plan.slots.length);
  const leaves = plan.steps.filter((s) => s.inputPorts.length === 0);
  const inner = plan.steps.filter((s) => s.inputPorts.length > 0);
  const attrsOf = (s: PlanStep) => (s.feed ? feeds.get(s.nodeId)! : s.attrs);
  const refused = plan.steps.find((s) => s.refusal !== null);
  if (refused) throw new Error(`${refused.nodeId} failed: ${refused.refusal}`);

  // Ops that await (scripts, Where) cannot run on the tape: their values come from a plain run
  // first. So do value checks away from host memory (read asynchronously there): that run makes
  // them, the tape skips them.
  const verified = !onHost(tf) && plan.steps.some((s) => s.op.checks);
  const optionsOf = (s: PlanStep): StepOptions => ({
    nodeId: s.nodeId,
    verified,
    maxBytes: plan.maxBytes,
    sized: s.sized,
  });
  const awaited = await runAwaiting(tf, plan, feeds, verified);
  const leafTensors: Tensor[] = [...awaited.values()].flatMap((outs) => Object.values(outs));
  try {
    for (const step of leaves) {
      const outs =
        awaited.get(step.index) ??
        (step.empty
          ? emptyOutputs(tf, step.outputPorts, step.empty)
          : runForward(tf, step.op, {}, attrsOf(step), optionsOf(step)));
      step.outputPorts.forEach((port, k) => {
        const out = own(outs, port)!;
        values[step.outputSlots[k]!] = out;
        leafTensors.push(out);
      });
    }
    const xSlots = leaves.flatMap((s) => s.outputSlots).filter((slot) => isFloat(values[slot]!));
    const xs = xSlots.map((slot) => values[slot]!);

    // Every probe also reads `seed`, a zero-cost extra source, so that the tape keeps each probe
    // on a path to the target even when no leaf value feeds it (e.g. below an ArgMax).
    const seed = tf.scalar(0);
    leafTensors.push(seed);
    const probe = (slot: number) =>
      tf.customGrad((...args) => ({
        value: (args[0] as Tensor).clone(),
        gradFunc: (dy: Tensor) => {
          recorded.set(slot, tf.keep(dy.clone()));
          return [dy, tf.zerosLike(seed)];
        },
      }));
    const forward = () => {
      for (const step of inner) {
        const outs = stepOnTape(
          tf,
          step,
          gatherInputs(step, values),
          attrsOf(step),
          optionsOf(step),
          awaited.get(step.index),
        );
        for (const [k, port] of step.outputPorts.entries()) {
          const slot = step.outputSlots[k]!;
          // An empty value carries no gradient: it stays off the tape (tfjs kernels fail on them).
          const out = own(outs, port)!;
          values[slot] = isFloat(out) && out.size > 0 ? probe(slot)(out, seed) : out;
        }
      }
      return values[target.slot]!;
    };

    const result = gradientsFreedOnFailure(tf, forward, [...xs, seed]);
    result.value.dispose();
    xSlots.forEach((slot, i) => {
      const g = result.grads[i];
      if (g) recorded.set(slot, g);
    });
    result.grads[xs.length]?.dispose();
    // A target that is itself a leaf never passes through a probe.
    if (!recorded.has(target.slot)) recorded.set(target.slot, tf.onesLike(values[target.slot]!));
  } catch (e) {
    tf.dispose([...recorded.values()]);
    throw e;
  } finally {
    tf.dispose(leafTensors);
  }

  const blocked = new Map<number, string>();
  for (let slot = 0; slot < plan.slots.length; slot++)
    if (!recorded.has(slot)) blocked.set(slot, whyBlocked(plan, slot));
  return {
    targetSlot: target.slot,
    grads: recorded,
    blocked,
    dispose: () => tf.dispose([...recorded.values()]),
  };
}

/**
 * Runs one step on a gradient tape as TensorFlow differentiates it: through tfjs's own gradient,
 * through the op's where it declares one, or not at all (its inputs detached, so that no gradient
 * is invented through it). `precomputed`: the outputs of an op that awaits, from a plain run.
 */
export function stepOnTape(
  tf: TF,
  step: PlanStep,
  inputs: Record<string, Tensor | Tensor[]>,
  attrs: PlanStep['attrs'],
  options: StepOptions,
  precomputed?: Record<string, Tensor>,
): Record<string, Tensor> {
  if (step.empty) return emptyOutputs(tf, step.outputPorts, step.empty);
  const through = gradientPath(step);
  if (through === 'own') return withOpGradient(tf, step.op, inputs, attrs, step.outputPorts, options, precomputed);
  if (through === 'tape' || !precomputed) {
    const detached =
      through === 'none'
        ? Object.fromEntries(
            Object.entries(inputs).map(([k, v]) => [k, Array.isArray(v) ? v.map((t) => detach(tf, t)) : detach(tf, v)]),
          )
        : inputs;
    return runForward(tf, step.op, detached, attrs, options);
  }
  return Object.fromEntries(Object.entries(precomputed).map(([k, t]) => [k, detach(tf, t)]));
}

/** A new tensor over the same data, unknown to the tape; the backend counts the extra reference. */
function detach(tf: TF, t: Tensor): Tensor {
  const engine = tf.engine();
  const copy = engine.makeTensorFromTensorInfo({ dataId: t.dataId, shape: t.shape, dtype: t.dtype });
  engine.backend.incRef(t.dataId);
  return copy;
}

/**
 * tfjs's engine.gradients, which, when a gradient function throws (a user's gradient body), leaves
 * the forward result and the tensors its tape saved behind: a scope frees the one, the tape the rest.
 */
export function gradientsFreedOnFailure(tf: TF, forward: () => Tensor, xs: Tensor[]) {
  const engine = tf.engine();
  engine.startScope();
  try {
    const result = engine.gradients(forward, xs, undefined, true);
    engine.endScope([result.value, ...result.grads.filter((g): g is Tensor => g != null)]);
    return result;
  } catch (e) {
    for (const node of engine.state.activeTape ?? []) for (const t of node.saved ?? []) t.dispose();
    engine.state.activeTape = [];
    engine.endScope();
    throw e;
  }
}

export class TargetError extends Error {}

function whyBlocked(plan: Plan, slot: number): string {
  const type = plan.slots[slot]!.type;
  if (type.dtype !== 'float32') return `${type.dtype} values carry no gradient`;
  const readers = (s: number) =>
    plan.steps.filter((step) => step.inputSlots.some((v) => (typeof v === 'number' ? v === s : v.includes(s))));
  const stoppers = new Set<string>();
  const seen = new Set<number>();
  const stack = [slot];
  while (stack.length) {
    const s = stack.pop()!;
    if (seen.has(s)) continue;
    seen.add(s);
    for (const step of readers(s)) {
      if (gradientPath(step) === 'none') stoppers.add(`${step.op.name} (${step.nodeId})`);
      else stack.push(...step.outputSlots);
    }
  }
  return stoppers.size
    ? `no gradient flows back through ${[...stoppers].join(', ')}`
    : 'no differentiable path leads from here to the target';
}

const gradientPath = (step: PlanStep) => gradientPathOf(step.op, step.attrs, step.nodeId);

/**
 * The outputs of every step whose op awaits, from a plain eager run (made also when `always`),
 * kept for the taped pass.
 */
async function runAwaiting(
  tf: TF,
  plan: Plan,
  feeds: Feeds,
  always: boolean,
): Promise<Map<number, Record<string, Tensor>>> {
  const awaiting = plan.steps.filter((s) => s.op.awaits);
  const values = new Map<number, Record<string, Tensor>>();
  if (!awaiting.length && !always) return values;
  const run = await new EagerExecution(tf, plan, feeds).runUntil();
  try {
    if (run.error) throw new Error(`${run.error.nodeId} failed: ${run.error.message}`);
    for (const step of awaiting)
      values.set(
        step.index,
        Object.fromEntries(step.outputPorts.map((port, k) => [port, run.value(step.outputSlots[k]!)!.clone()])),
      );
    return values;
  } finally {
    run.dispose();
  }
}
