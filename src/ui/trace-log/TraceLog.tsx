import { useEffect, useState, type KeyboardEvent } from 'react';
import type { TraceLogEntry } from '../../store/run-store';
import { useRun } from '../app-context';
import { useReturnFocus } from '../use-return-focus';
import './trace-log.css';

/**
 * The status bar's trace count, a button that opens the log of every trace of this session. The log
 * opens above the status bar at the window's left, leaving the side panel free: the user edits an
 * input there and watches what it does to tracing.
 */
export function TraceLog() {
  const traceCount = useRun((s) => s.report?.traceCount ?? 0);
  // The button, while the log is open: the log opens just above it.
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const open = anchor !== null;
  const count = `${traceCount} trace${traceCount === 1 ? '' : 's'}`;
  return (
    <>
      <button
        type="button"
        className="trace-log-button"
        aria-haspopup="dialog"
        aria-expanded={open}
        aria-controls={open ? 'trace-log' : undefined}
        title="Every trace of this session, and why it traced or could reuse one"
        onClick={(e) => setAnchor(open ? null : e.currentTarget)}
      >
        Trace log ({count})
      </button>
      {anchor && <TraceLogPopover anchor={anchor} onClose={() => setAnchor(null)} />}
    </>
  );
}

const GAP = 6;

/** The distance from the window's bottom to just above `anchor`'s status bar, kept as the window resizes. */
function useSpaceBelow(anchor: HTMLElement): number {
  const [bottom, setBottom] = useState(() => spaceBelow(anchor));
  useEffect(() => {
    const onResize = () => setBottom(spaceBelow(anchor));
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, [anchor]);
  return bottom;
}

/** Room for the whole status bar (the footer the button sits in), whose figures may wrap above it. */
function spaceBelow(anchor: HTMLElement): number {
  return window.innerHeight - (anchor.closest('footer') ?? anchor).getBoundingClientRect().top + GAP;
}

function TraceLogPopover({ anchor, onClose }: { anchor: HTMLElement; onClose: () => void }) {
  const log = useRun((s) => s.traceLog);
  const bottom = useSpaceBelow(anchor);
  useReturnFocus();
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'Escape') return;
    e.stopPropagation();
    onClose();
  };
  return (
    <div
      id="trace-log"
      className="popover trace-log"
      role="dialog"
      aria-label="Trace log"
      style={{ bottom }}
      onKeyDown={onKeyDown}
    >
      <h3>Trace log</h3>
      <p className="muted">
        A run traces the graph into a plan, as <code>tf.function</code> does, and reuses a plan while the rules of
        tracing allow: a new input shape or dtype, an edited attribute or a changed structure traces again. A
        Placeholder&apos;s <code>signature</code> with unknown sizes (<code>[null, 3]</code>) lets other sizes reuse the
        trace. Newest first; the log starts afresh with the runtime.
      </p>
      {log.length === 0 ? (
        <p>No runs yet.</p>
      ) : (
        <ol className="trace-log-entries" aria-label="Traces, newest first">
          {log.map((entry, i) => (
            <TraceEntry key={log.length - i} entry={entry} />
          ))}
        </ol>
      )}
      <button type="button" onClick={onClose}>
        Close
      </button>
    </div>
  );
}

function TraceEntry({ entry }: { entry: TraceLogEntry }) {
  const what = entry.traced ? `Traced #${entry.number}` : `Reused trace #${entry.number}`;
  return (
    <li className={entry.traced ? 'trace-entry traced' : 'trace-entry reused'}>
      <span className="trace-entry-what">{what}</span> <span className="muted">{entry.mode} run</span>
      {entry.reasons.length > 0 ? (
        <ul className="trace-reasons">
          {entry.reasons.map((reason, i) => (
            <li key={i}>{withCode(reason)}</li>
          ))}
        </ul>
      ) : (
        !entry.traced && <p className="trace-reasons muted">nothing the trace depends on changed</p>
      )}
    </li>
  );
}

/** Reasons name inputs and attributes in backticks, shown as code. */
function withCode(text: string) {
  return text.split('`').map((part, i) => (i % 2 ? <code key={i}>{part}</code> : part));
}
