import { Panel } from '@xyflow/react';
import { useId } from 'react';
import { useRun } from '../app-context';
import './plan.css';

const EAGER_REASON = 'The plan is what graph mode compiles: switch to Graph';

interface PlanPanelProps {
  readonly shown: boolean;
  readonly onToggle: () => void;
}

/** "Show plan", in a corner of the canvas, and the key to the marks it draws. */
export function PlanPanel({ shown, onToggle }: PlanPanelProps) {
  const mode = useRun((s) => s.mode);
  const planned = useRun((s) => s.report?.optimization != null);
  const reasonId = useId();
  const disabled = mode === 'eager';
  return (
    <Panel position="top-left" className="plan-panel">
      <button
        type="button"
        aria-pressed={shown && !disabled}
        aria-disabled={disabled || undefined}
        aria-describedby={disabled ? reasonId : undefined}
        title={disabled ? `Show plan: ${EAGER_REASON}` : 'Draw what the optimizer did and the order the plan runs in'}
        onClick={() => !disabled && onToggle()}
      >
        Show plan
      </button>
      {disabled && (
        <span id={reasonId} hidden>
          {EAGER_REASON}
        </span>
      )}
      {shown && !disabled && (
        <div className="plan-key" role="region" aria-label="Plan key">
          {planned ? (
            <>
              <span className="plan-chip plan-chip-step">step n</span> runs n-th,{' '}
              <span className="plan-chip plan-chip-frees">frees</span> values dropped after it,{' '}
              <span className="plan-chip plan-chip-folded">folded</span> a constant now,{' '}
              <span className="plan-chip plan-chip-merged">merged</span> a duplicate (dashed link),{' '}
              <span className="plan-chip plan-chip-simplified">simplified</span> rewritten; faded nodes are pruned.
              Hover a node for why.
            </>
          ) : (
            'The plan appears once the graph has run in graph mode.'
          )}
        </div>
      )}
    </Panel>
  );
}
