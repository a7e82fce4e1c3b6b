import { formatDiagnostic } from '../../graph/diagnostics';
import { nodeLabel } from '../../graph/types';
import { customOpNames } from '../../io/graph-model/custom-ops';
import { registry } from '../../ops/registry';
import { validationOf } from '../../store/document-store';
import { useApp, useDoc, useRun, useSelection } from '../app-context';
import { AttrEditor } from './AttrEditor';
import { codeContextOf } from './code/code-context';
import { tfFunctionsOf } from './code/tf-functions';
import { GradientSection } from './GradientSection';
import { nameOf } from '../../graph/node-names';
import { ReturnedCheckbox } from '../plan/ReturnedCheckbox';
import { TensorSection } from './TensorSection';
import { TrainingSection } from './TrainingSection';

/** Everything about the selected node: name, attributes, values, gradients, timing, problems. */
export function SidePanel() {
  const app = useApp();
  const selectedId = useSelection((s) => (s.nodes.length === 1 ? s.nodes[0]! : null));
  const node = useDoc((s) => s.graph.nodes.find((n) => n.id === selectedId));
  const graph = useDoc((s) => s.graph);
  const report = useRun((s) => s.report);
  const mode = useRun((s) => s.mode);
  const stale = useRun((s) => s.stale);
  const gradientError = useRun((s) => s.gradients?.error ?? undefined);
  const excludedReason = useRun((s) => (selectedId ? s.excluded[selectedId] : undefined));

  if (!node) {
    return (
      <aside className="side-panel" aria-label="Node details">
        <p className="muted">Select a node to see its values and gradients. Double-click the canvas to add one.</p>
        <TrainingSection />
        <GradientSection nodeId={null} />
      </aside>
    );
  }
  const op = registry.get(node.op);
  const nodeReport = report?.nodes.find((n) => n.nodeId === node.id);
  const validation = validationOf(graph);
  const resolved = validation.nodes.get(node.id);
  const diagnostics = validation.diagnostics.filter((d) => d.nodeId === node.id || d.cycle?.includes(node.id));

  return (
    <aside className="side-panel" aria-label="Node details">
      <header className="panel-header">
        <h2>
          {nodeLabel(node)} <span className="muted">{node.op}</span>
        </h2>
        {op && <p className="muted">{op.doc}</p>}
        {op?.kind === 'script' && (
          <p className="muted" aria-label="On export">
            Exported as a GraphModel, it becomes the custom op{' '}
            <code>{customOpNames(graph.nodes.filter((n) => registry.get(n.op)?.kind === 'script')).get(node.id)}</code>,
            which the register-ops.ts written with the model registers.
          </p>
        )}
        {op && op.limits.length > 0 && (
          <ul className="muted op-limits" aria-label="Where this op differs from TensorFlow">
            {op.limits.map((l) => (
              <li key={l.note}>{l.note}</li>
            ))}
          </ul>
        )}
        <label className="attr">
          name
          <input
            aria-label="Node name"
            defaultValue={node.name ?? ''}
            key={`${node.id}:${node.name ?? ''}`}
            placeholder={node.id}
            onBlur={(e) => e.target.value !== (node.name ?? '') && app.doc.getState().rename(node.id, e.target.value)}
          />
        </label>
      </header>

      <ReturnedCheckbox nodeId={node.id} />

      {nodeReport?.warnings && (
        <section aria-label="Differs from TensorFlow" className="panel-section warnings">
          <h3>May differ from TensorFlow here</h3>
          <ul>
            {nodeReport.warnings.map((w) => (
              <li key={w} role="note">
                {w}
              </li>
            ))}
          </ul>
        </section>
      )}

      {diagnostics.length > 0 && (
        <section aria-label="Problems" className="panel-section problems">
          <h3>Problems</h3>
          <ul>
            {diagnostics.map((d, i) => (
              <li key={i} role="alert">
                {formatDiagnostic(d)}
              </li>
            ))}
          </ul>
        </section>
      )}

      {op && Object.keys(op.attrs).length > 0 && (
        <section aria-label="Attributes" className="panel-section">
          <h3>Attributes</h3>
          {Object.entries(op.attrs).map(([name, spec]) => {
            // An attribute TensorFlow takes as a tensor is set by its input when that is connected.
            const supplier = spec.port ? resolved?.inputs[spec.port] : undefined;
            if (supplier && 'node' in supplier)
              return (
                <p key={name} className="attr" role="note" aria-label={`${name} comes from input ${spec.port}`}>
                  <span className="attr-label">{name}</span>
                  <span className="muted">
                    from input {spec.port} ({nameOf(graph, supplier.node)})
                  </span>
                </p>
              );
            return (
              <AttrEditor
                key={name}
                nodeId={node.id}
                nodeName={nodeLabel(node)}
                name={name}
                spec={spec}
                value={name in node.attrs ? node.attrs[name]! : spec.default}
                onChange={(value) => app.doc.getState().setAttrs(node.id, { [name]: value })}
                code={codeContextOf(name, {
                  nodeId: node.id,
                  op: node.op,
                  attrs: resolved?.attrs,
                  runError: stale ? undefined : nodeReport?.error,
                  gradientError: stale ? undefined : gradientError,
                  tfFunctions: tfFunctionsOf(app.client),
                })}
              />
            );
          })}
        </section>
      )}

      <section aria-label="Outputs" className="panel-section">
        <h3>Outputs</h3>
        {(excludedReason ?? nodeReport?.error) && (
          <p className="error" role="alert">
            {excludedReason ?? nodeReport?.error}
          </p>
        )}
        {op &&
          (resolved?.op ?? op).outputs.map((port) => {
            const summary = nodeReport?.outputs[port];
            return (
              <div key={port} aria-label={`Output ${port}`} role="region">
                <h4>{port}</h4>
                {summary ? (
                  <TensorSection
                    nodeId={node.id}
                    label={`${nodeLabel(node)}.${port}`}
                    port={port}
                    summary={summary}
                    gradient={false}
                    version={report}
                  />
                ) : (
                  <p className="muted">{noValueReason(nodeReport?.status, mode)}</p>
                )}
              </div>
            );
          })}
      </section>

      <GradientSection nodeId={node.id} />

      <TrainingSection />

      <section aria-label="Timing" className="panel-section">
        <h3>Timing</h3>
        <p>
          {nodeReport?.ms != null
            ? `${nodeReport.ms.toFixed(3)} ms in the last eager run`
            : mode === 'graph'
              ? 'Graph mode times the whole plan, not single nodes: see the status bar.'
              : nodeReport?.reused
                ? 'Not run again: the last run kept its value, as nothing it depends on changed.'
                : nodeReport
                  ? `Not timed in the last run (${nodeReport.status}).`
                  : 'Not run yet.'}
        </p>
      </section>
    </aside>
  );
}

function noValueReason(status: string | undefined, mode: string): string {
  switch (status) {
    case 'skipped':
      return 'Skipped: a node it depends on failed.';
    case 'pruned':
      return 'Not computed: no output needs it.';
    case 'folded':
      return 'Folded into a constant at compile time; graph mode keeps only what outputs need.';
    case 'merged':
      return 'Merged into an identical node (common-subexpression elimination): its readers read that value.';
    case 'simplified':
      return 'Simplified away by an algebraic rule (x·1 → x…): its readers read the value it equals.';
    case 'ok':
      return mode === 'graph'
        ? 'Graph mode freed this value after its last use. Switch to eager mode to keep every value.'
        : 'No value kept.';
    case 'invalid':
      return 'Not run: fix the problems above first.';
    default:
      return 'Not run yet.';
  }
}
