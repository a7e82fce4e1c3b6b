import { useReactFlow } from '@xyflow/react';
import { useId, useState, type KeyboardEvent } from 'react';
import { withPass, enabledPasses } from '../../graph/settings-edits';
import { nodeLabel } from '../../graph/types';
import { useApp, useDoc, useRun } from '../app-context';
import type { OpFlowNode } from '../canvas/OpNode';
import { useReturnFocus } from '../use-return-focus';
import { passOutcome, SWITCHABLE_PASSES } from './pass-info';
import { selectOnCanvas } from './select-on-canvas';
import './plan.css';

const EAGER_REASON = 'The optimizer runs in graph mode: switch to Graph';

/** The toolbar's "Passes" button: graph mode's optimizer passes, each switchable, with what it did. */
export function PassesMenu() {
  const mode = useRun((s) => s.mode);
  const [open, setOpen] = useState(false);
  const reasonId = useId();
  const disabled = mode === 'eager';
  const shown = open && !disabled;
  return (
    <>
      <button
        type="button"
        className="passes-button"
        aria-haspopup="dialog"
        aria-expanded={shown}
        aria-controls={shown ? 'passes-menu' : undefined}
        aria-disabled={disabled || undefined}
        aria-describedby={disabled ? reasonId : undefined}
        title={disabled ? `Optimizer passes: ${EAGER_REASON}` : "Graph mode's optimizer passes"}
        onClick={() => !disabled && setOpen((v) => !v)}
      >
        Passes
      </button>
      {disabled && (
        <span id={reasonId} hidden>
          {EAGER_REASON}
        </span>
      )}
      {shown && <PassesPopover onClose={() => setOpen(false)} />}
    </>
  );
}

function PassesPopover({ onClose }: { onClose: () => void }) {
  const app = useApp();
  const flow = useReactFlow<OpFlowNode>();
  const settings = useDoc((s) => s.settings);
  const graph = useDoc((s) => s.graph);
  const optimization = useRun((s) => (s.report?.mode === 'graph' ? s.report.optimization : null));
  const stale = useRun((s) => s.stale);
  useReturnFocus();
  const enabled = enabledPasses(settings);
  const labels = new Map(graph.nodes.map((n) => [n.id, nodeLabel(n)]));
  const name = (id: string) => labels.get(id) ?? id;

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'Escape') return;
    e.stopPropagation();
    onClose();
  };

  return (
    <div
      id="passes-menu"
      className="popover passes-menu"
      role="dialog"
      aria-label="Optimizer passes"
      onKeyDown={onKeyDown}
    >
      <h3>Optimizer passes</h3>
      <p className="muted">
        Graph mode rewrites the graph before it runs, pass by pass in this order, as TensorFlow&apos;s Grappler does.
        Switch one off to see what it changes.
      </p>
      <ul className="passes-list">
        {SWITCHABLE_PASSES.map((info) => {
          const result = optimization?.passes.find((p) => p.pass === info.pass);
          const outcome = result && passOutcome(result, name);
          const on = enabled.includes(info.pass);
          return (
            <li key={info.pass}>
              <label className="passes-switch">
                <input
                  // The popover takes the focus when it opens, so that Esc closes it.
                  autoFocus={info === SWITCHABLE_PASSES[0]}
                  type="checkbox"
                  checked={on}
                  aria-describedby={`pass-${info.pass}-explains`}
                  onChange={(e) => app.doc.getState().setSettings(withPass(settings, info.pass, e.target.checked))}
                />
                {info.label}
              </label>
              <p id={`pass-${info.pass}-explains`} className="passes-explains muted">
                {info.explains}
              </p>
              {outcome && (
                <p className="passes-outcome" role="note" aria-label={`${info.label}: ${outcome.summary}`}>
                  <span className={stale ? 'muted' : undefined}>
                    Last run: {outcome.summary}
                    {outcome.nodes.length > 0 && ':'}
                  </span>
                  {outcome.nodes.map((node) => (
                    <button
                      key={node.id}
                      type="button"
                      className="passes-node"
                      title={`Select ${name(node.id)} on the canvas`}
                      onClick={() => selectOnCanvas(app, flow, node.id)}
                    >
                      {node.text}
                    </button>
                  ))}
                </p>
              )}
            </li>
          );
        })}
      </ul>
      <button type="button" onClick={onClose}>
        Close
      </button>
    </div>
  );
}
