import { lazy, Suspense } from 'react';
import type { ScriptProblem } from './problem-range';
import type { ScriptScope } from './script-scope';

/** What a code attribute's editor knows of its node: the last run's problems and the body's scope. */
export interface CodeContext {
  readonly problems: readonly ScriptProblem[];
  readonly scope: ScriptScope;
}

// CodeMirror and sucrase load with the first script a user opens, not with the editor.
const ScriptEditor = lazy(() => import('./ScriptEditor'));

/** A script body attribute: its label, and the code editor once it has loaded (the source until then). */
export function CodeAttr({
  id,
  name,
  doc,
  source,
  context,
  onCommit,
}: {
  id: string;
  name: string;
  doc: string | undefined;
  source: string;
  context: CodeContext;
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
          runProblems={context.problems}
          scope={context.scope}
          onCommit={onCommit}
          hint={doc}
        />
      </Suspense>
    </div>
  );
}
