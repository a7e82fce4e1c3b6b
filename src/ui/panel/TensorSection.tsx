import type { TensorSummary } from '../../runtime/summary';
import { formatNumber } from '../canvas/preview';
import { TensorView } from '../tensor-view/TensorView';
import { ValuesTable } from '../tensor-view/ValuesTable';
import { usePageLoader, useTensorValues } from './use-tensor-values';

/** One tensor in the panel: its statistics, a picture fit to it and a paged table of its values. */
export function TensorSection({
  nodeId,
  label: portLabel,
  port,
  summary,
  gradient,
  version,
}: {
  nodeId: string;
  /** The output as the user knows it: the node's name and the port. */
  label: string;
  port: string;
  summary: TensorSummary;
  gradient: boolean;
  version: unknown;
}) {
  const page = useTensorValues(nodeId, port, gradient, version);
  const loadPage = usePageLoader(nodeId, port, gradient, version);
  const label = `${gradient ? 'gradient at ' : ''}${portLabel}`;
  return (
    <div className="tensor-section">
      <dl className="stats" aria-label={`Statistics of ${label}`}>
        <dt>shape</dt>
        <dd>
          {summary.dtype}[{summary.shape.join(', ')}]
        </dd>
        {summary.min !== null && (
          <>
            <dt>min</dt>
            <dd>{formatNumber(summary.min, 6)}</dd>
            <dt>max</dt>
            <dd>{formatNumber(summary.max!, 6)}</dd>
            <dt>mean</dt>
            <dd>{formatNumber(summary.mean!, 6)}</dd>
            <dt>std</dt>
            <dd>{formatNumber(summary.std!, 6)}</dd>
          </>
        )}
        <dt>NaN</dt>
        <dd>{summary.nanCount}</dd>
        <dt>Inf</dt>
        <dd>{summary.infCount}</dd>
      </dl>
      {page && (
        <TensorView label={label} shape={summary.shape} dtype={summary.dtype} values={page.values} total={page.total} />
      )}
      <ValuesTable key={label} label={label} shape={summary.shape} total={summary.size} loadPage={loadPage} />
    </div>
  );
}
