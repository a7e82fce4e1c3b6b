import { useEffect, useRef } from 'react';
import type { FileProblem } from './file-actions';

/**
 * A modal that says what went wrong with a file, the graph behind it untouched; or, for `notes`,
 * what an import that went through wants the user to know.
 */
export function ErrorDialog({ problem, onClose }: { problem: FileProblem; onClose: () => void }) {
  const ok = useRef<HTMLButtonElement>(null);
  useEffect(() => ok.current?.focus(), []);
  return (
    <div className="dialog-backdrop">
      <div
        className="dialog"
        role={problem.notes ? 'dialog' : 'alertdialog'}
        aria-modal="true"
        aria-labelledby="error-title"
        aria-describedby="error-message"
      >
        <h2 id="error-title" className={problem.notes ? undefined : 'error-title'}>
          {problem.title}
        </h2>
        <p id="error-message">{problem.message}</p>
        {(problem.notes ? problem.details.length > 0 : problem.details.length > 1) && (
          <ul>
            {problem.details.map((d, i) => (
              <li key={i}>{d}</li>
            ))}
          </ul>
        )}
        {!problem.notes && <p className="muted">The current graph is unchanged.</p>}
        <button ref={ok} type="button" onClick={onClose} onKeyDown={(e) => e.key === 'Escape' && onClose()}>
          OK
        </button>
      </div>
    </div>
  );
}
