import { useEffect, useRef, useState } from 'react';
import { customOpNames } from '../../io/graph-model/custom-ops';
import { INLINE_VALUES } from '../../io/typescript/module-plan';
import { registry } from '../../ops/registry';
import { useDoc } from '../app-context';
import { formatBytes } from '../format-bytes';
import { confirmDone } from '../toasts';
import { downloadFiles } from './download';
import { EXPORT_FORMATS, type ExportedFiles, type ExportFormat } from './model-files';

/**
 * Export…: the graph as a tfjs GraphModel or as a TypeScript module, downloaded as its files; what
 * needs registering is said first, and what the export could not keep after.
 */
export function ExportDialog({ onClose }: { onClose: () => void }) {
  const graph = useDoc((s) => s.graph);
  const [format, setFormat] = useState<ExportFormat>('graph-model');
  const [result, setResult] = useState<ExportedFiles | null>(null);
  const first = useRef<HTMLButtonElement>(null);
  useEffect(() => first.current?.focus(), []);
  const scripts = graph.nodes.filter((n) => registry.get(n.op)?.kind === 'script');
  const customOps = customOpNames(scripts);
  const chosen = EXPORT_FORMATS[format];

  const choose = (next: ExportFormat) => {
    setFormat(next);
    setResult(null);
  };
  const exportNow = () => {
    const exported = chosen.files(graph);
    setResult(exported);
    if (!exported.ok) return;
    downloadFiles(exported.files);
    const names = [...exported.files.keys()];
    confirmDone(`Exported ${names.length === 1 ? names[0] : `${names.length} files: ${names.join(', ')}`}`);
  };

  return (
    <div className="dialog-backdrop" onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <div className="dialog export-dialog" role="dialog" aria-modal="true" aria-labelledby="export-title">
        <h2 id="export-title">{chosen.title}</h2>
        <div role="radiogroup" aria-label="Format" className="segmented">
          {(Object.keys(EXPORT_FORMATS) as ExportFormat[]).map((f) => (
            <button key={f} type="button" role="radio" aria-checked={format === f} onClick={() => choose(f)}>
              {EXPORT_FORMATS[f].label}
            </button>
          ))}
        </div>
        {format === 'typescript' ? (
          <p>
            model.ts, one module that computes the graph with <code>@tensorflow/tfjs</code> as Tensorloom does on the
            CPU: <code>run</code> takes the Placeholders&apos; values and returns the nodes nothing reads. Constants of
            more than {INLINE_VALUES} values stay in weight files beside it, which <code>loadWeights</code> reads;
            scripts become functions of their own.
          </p>
        ) : (
          <p>
            model.json and its weight files, which <code>tf.loadGraphModel</code> loads and runs with the values
            Tensorloom computes. Placeholders become the model&apos;s inputs; nodes nothing reads, its outputs.
          </p>
        )}
        {format === 'graph-model' && scripts.length > 0 && (
          <section aria-label="Custom ops">
            <p>
              {scripts.length === 1 ? 'This script node becomes a custom op' : 'These script nodes become custom ops'}:
              import the register-ops.ts that comes with the model before loading it (and run with{' '}
              <code>executeAsync</code> where a script awaits).
            </p>
            <ul>
              {scripts.map((n) => (
                <li key={n.id}>
                  {n.name ?? n.id} → <code>{customOps.get(n.id)}</code>
                </li>
              ))}
            </ul>
          </section>
        )}
        {result && !result.ok && (
          <p role="alert" className="attr-error">
            {result.message}
          </p>
        )}
        {result?.ok && (
          <section aria-label="Exported files">
            <p>Downloaded:</p>
            <ul>
              {[...result.files].map(([name, content]) => (
                <li key={name}>
                  {name} ({formatBytes(typeof content === 'string' ? content.length : content.byteLength)})
                </li>
              ))}
            </ul>
            {result.notes.map((note) => (
              <p key={note} className="muted">
                {note}
              </p>
            ))}
          </section>
        )}
        <div className="dialog-buttons">
          <button ref={first} type="button" className="primary" onClick={exportNow}>
            {chosen.action}
          </button>
          <button type="button" onClick={onClose}>
            Close
          </button>
        </div>
      </div>
    </div>
  );
}
