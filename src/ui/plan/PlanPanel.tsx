import { Panel } from '@xyflow/react';
import { useId } from 'react';
import { useRun } from '../app-context';
import './plan.css';

const EAGER_REASON = 'The plan is what graph mode compiles: switch to Graph';

interface PlanPanelProps {
  readonly shown: boolean;
  readonly onToggle: () => void;
}

/** "Show plan", in a corner of the canvas: the marks it draws on nodes say what they mean. */
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
        title={
          disabled
            ? `Show plan: ${EAGER_REASON}`
            : "Draw what the optimizer did and the order the plan runs in; hover a node's marks for why"
        }
        onClick={() => !disabled && onToggle()}
      >
        Show plan
      </button>
      {disabled && (
        <span id={reasonId} hidden>
          {EAGER_REASON}
        </span>
      )}
      {shown && !disabled && !planned && (
        <p className="plan-note" role="status">
          The plan appears once the graph has run in graph mode.
        </p>
      )}
    </Panel>
  );
}
