import { own } from '../../graph/own';
import type { Tensor, TF } from '../../ops/define-op';
import { emptyOutputs, runStep, type ScriptWatch } from '../forward';
import { gatherInputs } from '../gather-inputs';
import type { Plan, PlanStep } from '../plan';

/** Values fed in place of some steps' outputs (a dataset node's batch). */
export type Fed = (step: PlanStep) => Record<string, Tensor> | undefined;

/** A step of the graph failed in a training step: training stops there, on that node. */
export class TrainingStepError extends Error {
  constructor(
    readonly nodeId: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The plan's slots with the constants and the input pipeline's outputs filled in: the `data` steps
 * (which no trained variable reaches) run here, in order and off the gradient tape, so that a
 * generator script may await. `dispose` frees what they made; the plan's constants stay.
 */
export async function runDataPass(
  tf: TF,
  plan: Plan,
  data: readonly PlanStep[],
  fed: Fed,
  attrsOf: (step: PlanStep) => PlanStep['attrs'],
  watch: ScriptWatch | undefined,
): Promise<{ values: (Tensor | undefined)[]; dispose: () => void }> {
  const values: (Tensor | undefined)[] = new Array(plan.slots.length);
  for (const [slot, t] of plan.constants) values[slot] = t;
  const constants = new Set(plan.constants.values());
  const made: Tensor[] = [];
  const dispose = () => tf.dispose(made.filter((t) => !constants.has(t)));
  try {
    for (const step of data) {
      const outs = fed(step) ?? (await run(tf, step, gatherInputs(step, values), attrsOf(step), plan.maxBytes, watch));
      step.outputPorts.forEach((port, k) => {
        const t = own(outs, port)!;
        values[step.outputSlots[k]!] = t;
        made.push(t);
      });
    }
  } catch (e) {
    dispose();
    throw e;
  }
  return { values, dispose };
}

async function run(
  tf: TF,
  step: PlanStep,
  inputs: ReturnType<typeof gatherInputs>,
  attrs: PlanStep['attrs'],
  maxBytes: number,
  watch: ScriptWatch | undefined,
): Promise<Record<string, Tensor>> {
  try {
    if (step.refusal !== null) throw new Error(step.refusal);
    if (step.empty) return emptyOutputs(tf, step.outputPorts, step.empty);
    const options = { nodeId: step.nodeId, maxBytes, sized: step.sized, ...(watch && { watch }) };
    return await runStep(tf, step.op, inputs, attrs, options);
  } catch (e) {
    throw new TrainingStepError(step.nodeId, `${step.nodeId} failed: ${(e as Error).message}`);
  }
}
