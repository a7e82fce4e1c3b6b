import { formatType } from '../graph/shape';
import type { PortRef } from '../graph/types';
import type { Tensor } from '../ops/define-op';
import type { PassChange, PassName, PassResult, PlanStep, Slot } from './plan';

/** The plan as text (the CLI's --plan): passes, constants, steps over numbered slots, what each pass did. */
export function planText(
  outputs: readonly PortRef[],
  steps: readonly PlanStep[],
  slots: readonly Slot[],
  constants: ReadonlyMap<number, Tensor>,
  passes: readonly PassResult[],
): string {
  const lines = [`plan: ${steps.length} steps, ${constants.size} constants`];
  for (const { pass, enabled, changes } of passes)
    lines.push(`  ${pass}: ${enabled ? `${changes.length} node${changes.length === 1 ? '' : 's'}` : 'off'}`);
  for (const [slot] of [...constants].sort((a, b) => a[0] - b[0])) {
    const s = slots[slot]!;
    lines.push(`  ${slotText(slot)} = constant ${s.node}.${s.port}  : ${formatType(s.type)}`);
  }
  for (const step of steps) lines.push(stepText(step, slots));
  lines.push(`outputs: ${outputs.map((r) => `${r.node}.${r.port}`).join(', ')}`);
  for (const { pass, changes } of passes)
    if (changes.length) lines.push(`${PAST[pass]}: ${changes.map(changeText).join(', ')}`);
  return lines.join('\n');
}

const PAST: Record<PassName, string> = {
  prune: 'pruned',
  fold: 'folded',
  cse: 'merged',
  simplify: 'simplified',
  fuse: 'fused',
};

function changeText(change: PassChange): string {
  switch (change.kind) {
    case 'merged':
      return `${change.node} → ${change.into}`;
    case 'simplified':
      return `${change.node} (${change.rule})`;
    default:
      return change.node;
  }
}

const slotText = (s: number) => `%${s}`;

function stepText(step: PlanStep, slots: readonly Slot[]): string {
  const args = step.inputPorts
    .map((name, i) => {
      const v = step.inputSlots[i]!;
      return `${name}=${typeof v === 'number' ? slotText(v) : `[${v.map(slotText).join(', ')}]`}`;
    })
    .join(', ');
  const outs = step.outputSlots.map(slotText).join(', ');
  const types = step.outputSlots.map((s) => formatType(slots[s]!.type)).join(', ');
  return `  ${outs} = ${step.op.name}(${args})  # ${step.nodeId}${step.feed ? ' (fed)' : ''}  : ${types}`;
}
