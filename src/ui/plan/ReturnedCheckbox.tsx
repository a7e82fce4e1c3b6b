import { returnedIds, withReturned } from '../../graph/settings-edits';
import { runnableOutputs } from '../../store/runner';
import { useApp, useDoc, useRun } from '../app-context';

/**
 * Graph mode's "Returned by the graph" for the selected node: TensorFlow's function outputs.
 * What no returned node needs is pruned.
 */
export function ReturnedCheckbox({ nodeId }: { nodeId: string }) {
  const app = useApp();
  const mode = useRun((s) => s.mode);
  const graph = useDoc((s) => s.graph);
  const settings = useDoc((s) => s.settings);
  const excluded = useRun((s) => s.excluded);
  if (mode !== 'graph') return null;
  const implicit = runnableOutputs(graph, 'graph', excluded);
  const returned = returnedIds(settings, implicit);
  const chosen = settings.outputs?.length;
  return (
    <section aria-label="Returned value" className="panel-section returned-value">
      <label>
        <input
          type="checkbox"
          checked={returned.includes(nodeId)}
          aria-describedby="returned-value-note"
          onChange={(e) => app.doc.getState().setSettings(withReturned(settings, nodeId, e.target.checked, implicit))}
        />{' '}
        Returned by the graph
      </label>
      <p id="returned-value-note" className="muted">
        {chosen
          ? `The graph returns the ${chosen === 1 ? 'node' : `${chosen} nodes`} you chose; pruning drops what ${chosen === 1 ? 'it does' : 'they do'} not need. Untick the last one to return every node nothing reads again.`
          : 'The graph returns every node nothing reads until you choose what it returns, as a tf.function returns its outputs.'}
      </p>
    </section>
  );
}
