import { setOwn } from '../graph/own';
import type { Tensor } from '../ops/define-op';
import type { PlanStep } from './plan';

/** The step's input tensors, read from their slots. */
export function gatherInputs(
  step: PlanStep,
  values: readonly (Tensor | undefined)[],
): Record<string, Tensor | Tensor[]> {
  const inputs: Record<string, Tensor | Tensor[]> = {};
  const { inputPorts, inputSlots } = step;
  for (let i = 0; i < inputPorts.length; i++) {
    const v = inputSlots[i]!;
    setOwn(inputs, inputPorts[i]!, typeof v === 'number' ? values[v]! : v.map((s) => values[s]!));
  }
  return inputs;
}
