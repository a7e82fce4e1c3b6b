import { own } from '../graph/own';
import type { Tensor, TF } from '../ops/define-op';
import { gatherInputs } from './gather-inputs';
import { emptyOutputs, runStep, type ScriptWatch } from './forward';
import type { Execution, Feeds, StepRecord } from './execution';
import { now } from './execution';
import type { Plan, PlanStep } from './plan';
import type { StepProfiler } from './profiler';

/**
 * Graph mode: the whole plan in one pass. Each intermediate is freed as soon as its last reader
 * has run, so only the requested outputs survive the run. A `profiler` marks each step's bounds.
 */
export async function runGraph(
  tf: TF,
  plan: Plan,
  feeds: Feeds,
  watch?: ScriptWatch,
  profiler?: StepProfiler,
): Promise<Execution> {
  const state = tf.engine().state;
  const baseTensors = state.numTensors;
  const baseBytes = state.numBytes;
  let peakTensors = 0;
  let peakBytes = 0;
  const values: (Tensor | undefined)[] = new Array(plan.slots.length);
  for (const [slot, t] of plan.constants) values[slot] = t;
  let error: Execution['error'] = null;
  // Only after a failure: per slot left without a value, the label of the node whose failure caused it.
  let poisoned: (string | undefined)[] | null = null;
  const outcomes = new Map<number, Pick<StepRecord, 'status' | 'error'>>();

  const start = now();
  const { steps, freeAfter } = plan;
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i]!;
    const { outputPorts, outputSlots } = step;
    const blocker = poisoned ? failedUpstream(step, poisoned) : null;
    profiler?.begin();
    if (blocker !== null) {
      outcomes.set(i, { status: 'skipped', error: `skipped because ${blocker} failed` });
      for (const slot of outputSlots) poisoned![slot] = blocker;
    } else {
      try {
        if (step.refusal !== null) throw new Error(step.refusal);
        const result = step.empty
          ? emptyOutputs(tf, outputPorts, step.empty)
          : runStep(tf, step.op, gatherInputs(step, values), step.feed ? feeds.get(step.nodeId)! : step.attrs, {
              nodeId: step.nodeId,
              watch,
              maxBytes: plan.maxBytes,
              sized: step.sized,
              costs: profiler?.counts,
            });
        // Only ops that await, and reads of values from the device, are asynchronous; the rest of
        // the loop never waits.
        const outs = result instanceof Promise ? await result : result;
        for (let k = 0; k < outputPorts.length; k++) values[outputSlots[k]!] = own(outs, outputPorts[k]!);
      } catch (e) {
        const message = (e as Error).message;
        error ??= { nodeId: step.nodeId, message };
        outcomes.set(i, { status: 'error', error: message });
        poisoned ??= new Array<string | undefined>(plan.slots.length);
        for (const slot of outputSlots) poisoned[slot] = step.label;
      }
    }
    profiler?.end(step.nodeId);
    const free = freeAfter[i];
    if (free)
      for (const slot of free) {
        values[slot]?.dispose();
        values[slot] = undefined;
      }
    if (state.numTensors - baseTensors > peakTensors) peakTensors = state.numTensors - baseTensors;
    if (state.numBytes - baseBytes > peakBytes) peakBytes = state.numBytes - baseBytes;
  }

  const kept = new Set(plan.outputs.map((o) => o.slot));
  // A sync point: on asynchronous backends the run is not over until its outputs exist.
  await Promise.all(plan.outputs.map((o) => values[o.slot]?.data()));
  profiler?.outputsRead(plan, (slot) => values[slot] !== undefined && !plan.constants.has(slot));
  const totalMs = now() - start;

  return {
    mode: 'graph',
    plan,
    // Built on demand: graph mode keeps its inner loop free of bookkeeping.
    get records(): StepRecord[] {
      return steps.map((s, i) => ({ nodeId: s.nodeId, status: 'ok', ms: null, ...outcomes.get(i) }));
    },
    error,
    value: (slot) => (kept.has(slot) ? values[slot] : undefined),
    totalMs,
    peakTensors,
    peakBytes,
    dispose: () => {
      for (const o of plan.outputs) if (!plan.constants.has(o.slot)) values[o.slot]?.dispose();
      values.fill(undefined);
    },
  };
}

/** The label of the failed node upstream of one of the step's inputs, if any. */
export function failedUpstream(step: PlanStep, poisoned: readonly (string | undefined)[]): string | null {
  for (const slots of step.inputSlots)
    for (const slot of typeof slots === 'number' ? [slots] : slots) if (poisoned[slot]) return poisoned[slot]!;
  return null;
}
