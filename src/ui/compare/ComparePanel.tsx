import { useEffect, useRef } from 'react';
import { nodeLabel } from '../../graph/types';
import type { Comparison } from '../../runtime/host/runtime-host';
import { useDoc, useRun } from '../app-context';
import { formatBytes } from '../format-bytes';
import { BarChart, type Bar } from './BarChart';
import './compare.css';

const MODES = ['eager', 'graph'] as const;
/** The slowest nodes shown: the ones worth a look; the rest are in the eager run's panel timings. */
const SLOWEST_NODES = 12;

/**
 * Compare's answer: the same graph run eagerly and as a compiled graph, side by side — a table of
 * time, peak tensors and memory, steps and traces (and a training step, where the graph trains),
 * bars of time and peak memory, and the eager run's slowest nodes; Timeline shows both runs step by step.
 */
export function ComparePanel({ onClose, onTimeline }: { onClose: () => void; onTimeline: () => void }) {
  const comparison = useRun((s) => s.comparison);
  const running = useRun((s) => s.running);
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => close.current?.focus(), []);

  return (
    <div className="dialog-backdrop" onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <div className="dialog compare-panel" role="dialog" aria-modal="true" aria-labelledby="compare-title">
        <h2 id="compare-title">Eager and graph compared</h2>
        {comparison ? (
          <ComparisonFigures comparison={comparison} />
        ) : (
          <p role="status">{running ? 'Running the graph eagerly, then compiled…' : 'No comparison yet.'}</p>
        )}
        <div className="dialog-buttons">
          <button
            type="button"
            onClick={onTimeline}
            title="Run both modes again, profiled: each node's steps on one time axis"
          >
            Show timeline
          </button>
          <button ref={close} type="button" onClick={onClose}>
            Close
          </button>
        </div>
      </div>
    </div>
  );
}

function ComparisonFigures({ comparison }: { comparison: Comparison }) {
  const nodes = useDoc((s) => s.graph.nodes);
  const names = new Map(nodes.map((n) => [n.id, nodeLabel(n)]));
  const training = comparison.training;
  const bars = (value: (mode: (typeof MODES)[number]) => number, shown: (n: number) => string): Bar[] =>
    MODES.map((m) => ({ label: m, value: value(m), shown: shown(value(m)), tone: `bar-${m}` }));
  const slowest = comparison.eager.nodes
    .filter((n) => n.ms != null)
    .sort((a, b) => b.ms! - a.ms!)
    .slice(0, SLOWEST_NODES)
    .map((n) => ({ label: names.get(n.nodeId) ?? n.nodeId, value: n.ms!, shown: ms(n.ms!), tone: 'bar-eager' }));

  return (
    <>
      <table className="comparison" aria-label="Eager and graph compared">
        {training && !training.ok && <caption className="muted">Training steps not compared: {training.error}</caption>}
        <thead>
          <tr>
            <th />
            <th>time</th>
            <th>peak tensors</th>
            <th>peak memory</th>
            <th>steps</th>
            <th>traces</th>
            {training?.ok && <th title={`the mean of ${training.steps} training steps in each mode`}>training step</th>}
          </tr>
        </thead>
        <tbody>
          {MODES.map((m) => {
            const r = comparison[m];
            return (
              <tr key={m}>
                <th scope="row">{m}</th>
                <td>{r.totalMs.toFixed(2)} ms</td>
                <td>{r.peakTensors}</td>
                <td>{formatBytes(r.peakBytes)}</td>
                <td>{r.stepsTotal}</td>
                <td>{r.traceCount}</td>
                {training?.ok && <td>{training[m].toFixed(2)} ms</td>}
              </tr>
            );
          })}
        </tbody>
      </table>
      <div className="compare-charts">
        <BarChart title="Time" bars={bars((m) => comparison[m].totalMs, ms)} />
        <BarChart title="Peak memory" bars={bars((m) => comparison[m].peakBytes, formatBytes)} />
        {training?.ok && <BarChart title="Training step" bars={bars((m) => training[m], ms)} />}
      </div>
      {slowest.length > 0 && (
        <BarChart
          title={`Time per node, eager (graph mode times the whole plan only)${slowest.length < comparison.eager.nodes.length ? `: the ${slowest.length} slowest` : ''}`}
          bars={slowest}
        />
      )}
    </>
  );
}

const ms = (n: number) => `${n < 10 ? n.toFixed(2) : n.toFixed(1)} ms`;
