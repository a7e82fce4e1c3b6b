import type { ValueRange } from '../ops/backend-limits';
import type { BackendName } from './backend';
import type { Plan } from './plan';
import type { TensorSummary } from './summary';

/**
 * Per node, the backend limits of its op that the values it reads and makes meet on this backend:
 * what the user is warned of, since that node may not give TensorFlow's values here. Values the run
 * kept (every one in eager mode) are judged by what they hold, the others by their dtype alone.
 */
export function limitWarnings(
  plan: Plan,
  backend: BackendName,
  summaryOf: (slot: number) => TensorSummary | undefined,
): Map<string, string[]> {
  const warnings = new Map<string, string[]>();
  for (const step of plan.steps) {
    const limits = step.op.limits.filter((l) => l.backend === backend);
    if (!limits.length) continue;
    const slots = [...step.inputSlots.flat(), ...step.outputSlots];
    const ranges = slots.map((slot) => rangeOf(plan.slots[slot]!.type.dtype, summaryOf(slot)));
    const met = limits.filter((l) => l.meets(ranges)).map((l) => l.note);
    if (met.length) warnings.set(step.nodeId, met);
  }
  return warnings;
}

function rangeOf(dtype: ValueRange['dtype'], summary: TensorSummary | undefined): ValueRange {
  if (!summary) return { dtype, absMax: null, nonFinite: null, ties: null };
  const absMax = summary.min === null ? 0 : Math.max(Math.abs(summary.min), Math.abs(summary.max!));
  return { dtype, absMax, nonFinite: summary.nanCount + summary.infCount > 0, ties: null };
}
