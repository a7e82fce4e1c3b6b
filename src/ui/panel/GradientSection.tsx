import { useMemo } from 'react';
import { lossTargets } from '../../store/loss-targets';
import { useApp, useDoc, useRun } from '../app-context';
import { nameOf } from '../../graph/node-names';
import { nodeLabel } from '../../graph/types';
import { TensorSection } from './TensorSection';
import './loss-target.css';

/** Choose a scalar loss; see d(loss)/d(output) for the selected node, or why no gradient flows there. */
export function GradientSection({ nodeId }: { nodeId: string | null }) {
  const app = useApp();
  const graph = useDoc((s) => s.graph);
  const target = useRun((s) => s.gradientTarget);
  const gradients = useRun((s) => s.gradients);
  const notice = useRun((s) => s.gradientTargetNotice);
  const scalars = useMemo(() => lossTargets(graph), [graph]);
  const ports = nodeId ? gradients?.nodes[nodeId] : undefined;
  const targetName = target ? nameOf(graph, target) : '';
  const nodeName = nodeId ? nameOf(graph, nodeId) : '';
  const portCount = ports ? Object.keys(ports).length : 0;

  return (
    <section aria-label="Gradients" className="panel-section">
      <h3>Gradients</h3>
      <label className="attr">
        Loss target
        <select
          aria-label="Loss target"
          value={target ?? ''}
          onChange={(e) => app.runner.setGradientTarget(e.target.value || null)}
        >
          <option value="">none</option>
          {scalars.map((n) => (
            <option key={n.id} value={n.id}>
              {nodeLabel(n)}
            </option>
          ))}
        </select>
      </label>
      {notice && (
        <p className="notice-inline" role="status" aria-label="Loss target notice">
          {notice}
        </p>
      )}
      {scalars.length === 0 && (
        <p className="muted">
          Gradients need a scalar float32 node as the target (a loss); a script output declared with shape [] is one.
        </p>
      )}
      {target && gradients && !gradients.ok && (
        <p className="error" role="alert">
          {gradients.error ?? gradients.diagnostics.map((d) => d.message).join('; ')}
        </p>
      )}
      {target &&
        nodeId &&
        ports &&
        Object.entries(ports).map(([port, g]) => (
          <div key={port} role="region" aria-label={`Gradient of ${targetName} with respect to ${nodeName}.${port}`}>
            <h4>
              d {targetName} / d {nodeName}
              {portCount > 1 && `.${port}`}
            </h4>
            {'summary' in g ? (
              <TensorSection
                nodeId={nodeId}
                label={`${nodeName}.${port}`}
                port={port}
                summary={g.summary}
                gradient
                version={gradients}
              />
            ) : (
              <p className="muted">No gradient: {g.none}.</p>
            )}
          </div>
        ))}
    </section>
  );
}
