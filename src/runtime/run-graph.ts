import type { Tensor, TF } from '../ops/define-op';
import { gatherInputs } from './gather-inputs';
import { runForward } from './forward';
import type { Execution, Feeds, StepRecord } from './execution';
import { now } from './execution';
import type { Plan } from './plan';

/**
 * Graph mode: the whole plan in one pass. Each intermediate is freed as soon as its last reader
 * has run, so only the requested outputs survive the run.
 */
export async function runGraph(tf: TF, plan: Plan, feeds: Feeds): Promise<Execution> {
  const state = tf.engine().state;
  const baseTensors = state.numTensors;
  const baseBytes = state.numBytes;
  let peakTensors = 0;
  let peakBytes = 0;
  const values: (Tensor | undefined)[] = new Array(plan.slots.length);
  for (const [slot, t] of plan.constants) values[slot] = t;
  let error: Execution['error'] = null;
  let failedAt = -1;

  const start = now();
  const { steps, freeAfter } = plan;
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i]!;
    let outs: Readonly<Record<string, Tensor>>;
    try {
      outs = runForward(tf, step.op, gatherInputs(step, values), step.feed ? feeds.get(step.nodeId)! : step.attrs);
    } catch (e) {
      error = { nodeId: step.nodeId, message: (e as Error).message };
      failedAt = i;
      break;
    }
    const { outputPorts, outputSlots } = step;
    for (let k = 0; k < outputPorts.length; k++) values[outputSlots[k]!] = outs[outputPorts[k]!];
    const free = freeAfter[i];
    if (free)
      for (const slot of free) {
        values[slot]!.dispose();
        values[slot] = undefined;
      }
    if (state.numTensors - baseTensors > peakTensors) peakTensors = state.numTensors - baseTensors;
    if (state.numBytes - baseBytes > peakBytes) peakBytes = state.numBytes - baseBytes;
  }

  const kept = new Set(plan.outputs.map((o) => o.slot));
  if (error) {
    for (let s = 0; s < values.length; s++) if (values[s] && !plan.constants.has(s)) values[s]!.dispose();
    values.fill(undefined);
  } else {
    // A sync point: on asynchronous backends the run is not over until its outputs exist.
    await Promise.all(plan.outputs.map((o) => values[o.slot]!.data()));
  }
  const totalMs = now() - start;

  return {
    mode: 'graph',
    plan,
    // Built on demand: graph mode keeps its inner loop free of bookkeeping.
    get records(): StepRecord[] {
      return steps.map((s, i) => {
        const record: StepRecord = {
          nodeId: s.nodeId,
          status: failedAt < 0 || i < failedAt ? 'ok' : i === failedAt ? 'error' : 'skipped',
          ms: null,
        };
        if (i === failedAt) record.error = error!.message;
        return record;
      });
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
