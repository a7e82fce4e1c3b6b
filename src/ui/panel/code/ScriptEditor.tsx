import { autocompletion, closeBrackets, closeBracketsKeymap } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { javascript, typescriptLanguage } from '@codemirror/lang-javascript';
import { bracketMatching, defaultHighlightStyle, indentOnInput, syntaxHighlighting } from '@codemirror/language';
import { linter, lintGutter, type Diagnostic } from '@codemirror/lint';
import { EditorState, StateEffect } from '@codemirror/state';
import {
  EditorView,
  highlightActiveLine,
  highlightActiveLineGutter,
  keymap,
  lineNumbers,
  placeholder,
} from '@codemirror/view';
import { useEffect, useRef, useState } from 'react';
import { loadTranspiler, ScriptError, scriptErrorLocation, transpile } from '../../../ops/script';
import { problemRange, type ScriptProblem } from './problem-range';
import { scopeCompletions, type ScriptScope } from './script-scope';

interface Props {
  /** The attribute edited: `body` or `gradient`. */
  readonly name: string;
  /** The element whose text names the editor (its visible label). */
  readonly labelId: string;
  /** The committed source: what the document holds. */
  readonly source: string;
  /** Problems the last run found in the committed source. */
  readonly runProblems: readonly ScriptProblem[];
  /** What the body can refer to, for completion. */
  readonly scope: ScriptScope;
  readonly onCommit: (source: string) => void;
  /** Shown while the editor is empty. */
  readonly hint: string | undefined;
}

/** The last run's problems changed: check the body again even though its text did not change. */
const ranAgain = StateEffect.define<null>();

const theme = EditorView.theme({
  '&': { fontSize: '12px', border: '1px solid var(--border)', borderRadius: '4px', background: 'var(--panel)' },
  '&.cm-focused': { outline: '2px solid var(--accent)', outlineOffset: '-1px' },
  '.cm-scroller': { fontFamily: 'var(--mono)', minHeight: '72px', maxHeight: '320px', overflow: 'auto' },
  '.cm-gutters': { background: 'var(--bg)', color: 'var(--muted)', borderRight: '1px solid var(--border)' },
});

/**
 * A script body in CodeMirror, with TypeScript highlighting. Edits reach the document when the
 * editor loses focus or on Ctrl+Enter / Ctrl+S, never per keystroke, so each edit is one undo
 * step and one run. Syntax errors are underlined as the user types (sucrase, as the runtime
 * compiles it); errors from the last run are underlined while the source is the one that ran.
 */
export default function ScriptEditor({ name, labelId, source, runProblems, scope, onCommit, hint }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const latest = useRef({ source, runProblems, scope, onCommit });
  const [problems, setProblems] = useState<readonly ScriptProblem[]>([]);

  useEffect(() => {
    latest.current = { source, runProblems, scope, onCommit };
  });

  useEffect(() => {
    const commit = () => {
      const text = view.current?.state.doc.toString();
      if (text !== undefined && text !== latest.current.source) latest.current.onCommit(text);
      return false;
    };
    const check = linter(
      async (v): Promise<Diagnostic[]> => {
        await loadTranspiler();
        const text = v.state.doc.toString();
        const found = syntaxProblem(text) ?? (text === latest.current.source ? latest.current.runProblems : []);
        setProblems(found);
        return found.map((p) => ({ ...problemRange(v.state.doc, p), severity: 'error', message: p.message }));
      },
      { delay: 250, needsRefresh: (update) => update.transactions.some((t) => t.effects.some((e) => e.is(ranAgain))) },
    );
    view.current = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: latest.current.source,
        extensions: [
          lineNumbers(),
          highlightActiveLineGutter(),
          history(),
          indentOnInput(),
          bracketMatching(),
          closeBrackets(),
          autocompletion(),
          highlightActiveLine(),
          syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
          javascript({ typescript: true }),
          typescriptLanguage.data.of({ autocomplete: scopeCompletions(() => latest.current.scope) }),
          lintGutter(),
          check,
          placeholder(hint ?? ''),
          EditorState.tabSize.of(2),
          EditorView.lineWrapping,
          keymap.of([
            { key: 'Mod-Enter', run: commit },
            { key: 'Mod-s', run: commit },
            ...closeBracketsKeymap,
            ...defaultKeymap,
            ...historyKeymap,
            indentWithTab,
          ]),
          EditorView.domEventHandlers({ blur: () => void commit() }),
          EditorView.contentAttributes.of({ 'aria-labelledby': labelId, spellcheck: 'false' }),
          theme,
        ],
      }),
    });
    return () => view.current?.destroy();
  }, [labelId, hint]);

  // The document changed from outside (undo, another edit): show it, unless it is what is typed.
  useEffect(() => {
    const v = view.current;
    if (v && v.state.doc.toString() !== source)
      v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: source } });
  }, [source]);

  // By content: the panel hands over a new list on every render, the problems change only per run.
  const ranWith = runProblems.map((p) => `${p.line}:${p.column}:${p.message}`).join('\n');
  useEffect(() => {
    view.current?.dispatch({ effects: ranAgain.of(null) });
  }, [ranWith]);

  return (
    <>
      <div ref={host} className="script-editor" />
      {problems.length > 0 && (
        <ul className="script-problems" aria-label={`Problems in ${name}`}>
          {problems.map((p, i) => (
            <li key={i}>
              <span className="muted">
                line {p.line}
                {p.column !== null && `:${p.column}`}
              </span>{' '}
              {p.message}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function syntaxProblem(text: string): ScriptProblem[] | null {
  try {
    transpile(text);
    return null;
  } catch (e) {
    const problem = e instanceof ScriptError ? scriptErrorLocation(e.message) : null;
    return problem && [problem];
  }
}
