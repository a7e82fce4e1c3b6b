import { useEffect, useRef } from 'react';
import { nodeLabel } from '../../graph/types';
import type { Comparison } from '../../runtime/host/runtime-host';
import { useDoc, useRun } from '../app-context';
import { TimelineLanes, TimelineLegend, type Lane } from './TimelineLanes';
import { TimelineTable } from './TimelineTable';
import { formatMs } from './timeline-format';
import './timeline.css';

/**
 * The last comparison's timelines: where each step's time went in eager and in graph mode, side
 * by side, with the kernels it ran and its syncs with the host.
 */
export function TimelinePanel({ onClose }: { onClose: () => void }) {
  const comparison = useRun((s) => s.comparison);
  const running = useRun((s) => s.running);
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => close.current?.focus(), []);

  return (
    <div className="dialog-backdrop" onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <div className="dialog timeline-panel" role="dialog" aria-modal="true" aria-labelledby="timeline-title">
        <h2 id="timeline-title">Timeline: eager and graph</h2>
        {comparison?.eager.timeline && comparison.graph.timeline ? (
          <TimelineFigures comparison={comparison} />
        ) : (
          <p role="status">{running ? 'Running the graph in both modes, profiled…' : 'No timeline yet.'}</p>
        )}
        <div className="dialog-buttons">
          <button ref={close} type="button" onClick={onClose}>
            Close
          </button>
        </div>
      </div>
    </div>
  );
}

function TimelineFigures({ comparison }: { comparison: Comparison }) {
  const nodes = useDoc((s) => s.graph.nodes);
  const names = new Map(nodes.map((n) => [n.id, nodeLabel(n)]));
  const lanes: Lane[] = [
    { mode: 'eager', timeline: comparison.eager.timeline! },
    { mode: 'graph', timeline: comparison.graph.timeline! },
  ];
  const backend = comparison.graph.backend?.name ?? 'the current backend';
  const timed = lanes.some((l) => l.timeline.nodes.some((n) => n.kernels.some((k) => k.ms !== null)));
  return (
    <>
      <p className="timeline-summary">
        On {backend}: eager {formatMs(comparison.eager.timeline!.totalMs)}, graph{' '}
        {formatMs(comparison.graph.timeline!.totalMs)}.{' '}
        {timed
          ? 'Kernel times are measured by tf.profile.'
          : 'This backend does not time kernels (WebGPU without timestamp queries): only their names are listed.'}{' '}
        Graph mode's step times on a GPU are the time to queue its kernels; it waits once, for its outputs. Profiled
        runs take longer than Compare's: each kernel is timed on its own.
      </p>
      <TimelineLanes lanes={lanes} names={names} />
      <TimelineLegend />
      <details className="timeline-table-details">
        <summary>Every step as a table</summary>
        <TimelineTable lanes={lanes} names={names} />
      </details>
    </>
  );
}
