import { useId } from 'react';
import type { NodePlan } from './plan-marks';

/**
 * A node's marks under the plan overlay, above its top left corner: its step, what the optimizer
 * did to it, what is freed after it. Hovering them, or focusing the node, shows why.
 */
export function PlanChips({ plan }: { plan: NodePlan }) {
  const explainId = useId();
  return (
    <div
      className="plan-chips"
      role="note"
      aria-label={`Plan: ${plan.chips.map((c) => c.text).join('; ')}`}
      aria-describedby={explainId}
    >
      {plan.chips.map((chip) => (
        <span key={`${chip.kind}:${chip.text}`} className={`plan-chip plan-chip-${chip.kind}`}>
          {chip.text}
        </span>
      ))}
      <span id={explainId} className="plan-explain" role="tooltip">
        {plan.chips.map((c) => c.explain).join(' ')}
      </span>
    </div>
  );
}
