import { lazy, Suspense } from 'react';
import type { ScriptProblem } from './problem-range';

// CodeMirror and sucrase load with the first script a user opens, not with the editor.
const ScriptEditor = lazy(() => import('./ScriptEditor'));

/** A script body attribute: its label, and the code editor once it has loaded (the source until then). */
export function CodeAttr({
  id,
  name,
  doc,
  source,
  problems,
  onCommit,
}: {
  id: string;
  name: string;
  doc: string | undefined;
  source: string;
  problems: readonly ScriptProblem[];
  onCommit: (source: string) => void;
}) {
  const labelId = `${id}-label`;
  return (
    <div className="attr attr-code">
      <span id={labelId} className="attr-label" title={doc}>
        {name}
      </span>
      <Suspense
        fallback={
          <pre className="script-editor-loading" aria-labelledby={labelId} aria-busy="true">
            {source}
          </pre>
        }
      >
        <ScriptEditor
          name={name}
          labelId={labelId}
          source={source}
          runProblems={problems}
          onCommit={onCommit}
          hint={doc}
        />
      </Suspense>
    </div>
  );
}
