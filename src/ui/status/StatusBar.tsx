import { nodeLabel } from '../../graph/types';
import { useDoc, useRun } from '../app-context';
import { TraceLog } from '../trace-log/TraceLog';
import { runFigures } from './run-figures';

/** The backend and why, the last run's figures, and passing notices; Compare shows its own panel. */
export function StatusBar() {
  const backend = useRun((s) => s.backend);
  const hostError = useRun((s) => s.hostError);
  const report = useRun((s) => s.report);
  const running = useRun((s) => s.running);
  const stale = useRun((s) => s.stale);
  const notice = useRun((s) => s.notice);
  const failedNode = useDoc((s) => s.graph.nodes.find((n) => n.id === report?.error?.nodeId));

  return (
    <footer className="status-bar">
      <div role="status" aria-label="Run status" className="status-main">
        {hostError ? (
          <span className="error">Runtime host failed: {hostError}</span>
        ) : backend ? (
          <span className={`backend backend-${backend.name}`}>
            Backend: {backend.name}
            {backend.name !== 'webgpu' && <span className="muted"> ({backend.reason})</span>}
          </span>
        ) : (
          <span className="muted">Starting the runtime…</span>
        )}
        {report && <span className="figures">{runFigures(report)}</span>}
        {running ? <span className="muted">running…</span> : stale ? <span className="muted">stale</span> : null}
        {report?.error && (
          <span className="error">{failedNode ? nodeLabel(failedNode) : report.error.nodeId} failed</span>
        )}
      </div>
      {report && <TraceLog />}
      {notice && (
        <div
          className={`notice notice-${notice.tone}`}
          role={notice.tone === 'error' ? 'alert' : 'status'}
          aria-label="Notice"
        >
          {notice.text}
        </div>
      )}
    </footer>
  );
}
