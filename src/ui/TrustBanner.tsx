import { useMemo } from 'react';
import { scriptNodes } from '../store/document-store';
import { useApp, useDoc } from './app-context';

/** Lists every script of an untrusted graph, with its body, and offers to run them. */
export function TrustBanner() {
  const app = useApp();
  const trusted = useDoc((s) => s.trusted);
  const graph = useDoc((s) => s.graph);
  const scripts = useMemo(() => scriptNodes(graph), [graph]);
  if (trusted || scripts.length === 0) return null;
  return (
    <section className="trust-banner" role="region" aria-label="Untrusted scripts">
      <div className="trust-text">
        <strong>
          This graph has {scripts.length} script{scripts.length === 1 ? '' : 's'} that will not run until you trust it.
        </strong>{' '}
        It came from a file, a link or a session that crashed. Scripts run isolated from this page, its storage and the
        network, but read what they do first.
      </div>
      <ul>
        {scripts.map((n) => (
          <li key={n.id}>
            <code>
              {n.op} {n.name ?? n.id}
            </code>
            <pre aria-label={`Body of ${n.id}`}>{String(n.attrs['body'] ?? '')}</pre>
          </li>
        ))}
      </ul>
      <button type="button" className="primary" onClick={() => app.doc.getState().trust()}>
        Trust and run
      </button>
    </section>
  );
}
