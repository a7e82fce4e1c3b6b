import { useRef, type KeyboardEvent } from 'react';
import type { ExecutionMode } from '../../runtime/execution';
import { useApp, useRun } from '../app-context';

const MODES: readonly { mode: ExecutionMode; label: string; title: string }[] = [
  { mode: 'eager', label: 'Eager', title: 'Node by node; every value kept' },
  { mode: 'graph', label: 'Graph', title: 'Compiled plan; intermediates freed' },
];

/** Eager or graph execution: one tab stop, arrow keys choose (the WAI-ARIA radio group pattern). */
export function ModeRadioGroup() {
  const app = useApp();
  const mode = useRun((s) => s.mode);
  const radios = useRef<(HTMLButtonElement | null)[]>([]);

  const onKeyDown = (e: KeyboardEvent) => {
    const step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[e.key];
    if (step === undefined) return;
    e.preventDefault();
    const at = MODES.findIndex((m) => m.mode === mode);
    const next = (at + step + MODES.length) % MODES.length;
    app.runner.setMode(MODES[next]!.mode);
    radios.current[next]?.focus();
  };

  return (
    <div role="radiogroup" aria-label="Execution mode" className="segmented" onKeyDown={onKeyDown}>
      {MODES.map((m, i) => (
        <button
          key={m.mode}
          ref={(el) => {
            radios.current[i] = el;
          }}
          type="button"
          role="radio"
          aria-checked={mode === m.mode}
          tabIndex={mode === m.mode ? 0 : -1}
          onClick={() => app.runner.setMode(m.mode)}
          title={m.title}
        >
          {m.label}
        </button>
      ))}
    </div>
  );
}
