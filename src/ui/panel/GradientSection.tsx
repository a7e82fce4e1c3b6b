import { useMemo } from 'react';
import { validationOf } from '../../store/document-store';
import { useApp, useDoc, useRun } from '../app-context';
import { TensorSection } from './TensorSection';

/** Choose a scalar loss; see d(loss)/d(output) for the selected node, or why no gradient flows there. */
export function GradientSection({ nodeId }: { nodeId: string | null }) {
  const app = useApp();
  const graph = useDoc((s) => s.graph);
  const target = useRun((s) => s.gradientTarget);
  const gradients = useRun((s) => s.gradients);
  const scalars = useMemo(() => {
    const validation = validationOf(graph);
    return [...validation.nodes.values()]
      .filter((n) => {
        const { outputs } = n.op;
        const type = outputs.length === 1 ? n.types?.[outputs[0]!] : undefined;
        return type?.dtype === 'float32' && type.shape?.length === 0;
      })
      .map((n) => n.node);
  }, [graph]);
  const ports = nodeId ? gradients?.nodes[nodeId] : undefined;

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
              {n.name ?? n.id}
            </option>
          ))}
        </select>
      </label>
      {scalars.length === 0 && <p className="muted">Gradients need a scalar float32 node as the target (a loss).</p>}
      {target && gradients && !gradients.ok && (
        <p className="error" role="alert">
          {gradients.error ?? gradients.diagnostics.map((d) => d.message).join('; ')}
        </p>
      )}
      {target &&
        nodeId &&
        ports &&
        Object.entries(ports).map(([port, g]) => (
          <div key={port} role="region" aria-label={`Gradient of ${target} with respect to ${nodeId}.${port}`}>
            <h4>
              d {target} / d {nodeId}.{port}
            </h4>
            {'summary' in g ? (
              <TensorSection nodeId={nodeId} port={port} summary={g.summary} gradient version={gradients} />
            ) : (
              <p className="muted">No gradient: {g.none}.</p>
            )}
          </div>
        ))}
    </section>
  );
}
