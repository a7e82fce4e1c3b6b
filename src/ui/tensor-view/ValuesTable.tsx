import './tensor-view.css';
import { useEffect, useMemo, useState } from 'react';
import { formatCount, formatIndex, formatNumber, multiIndex } from './format';

export interface ValuesTableProps {
  label: string;
  shape: readonly number[];
  total: number;
  pageSize?: number;
  /**
   * Fetches `limit` row-major values from `offset`; null when they are no longer available.
   * Memoize it per tensor: a new function refetches the page on view.
   */
  loadPage: (offset: number, limit: number) => Promise<ArrayLike<number> | null>;
}

interface Page {
  readonly offset: number;
  readonly values: ArrayLike<number> | null;
  /** The loader that fetched it: a new loader means a new run, whose values replace these. */
  readonly loader: ValuesTableProps['loadPage'];
}

/** A paged table of a tensor's values, each with its multi-index. Give it a `key` per tensor to start at page one. */
export function ValuesTable({ label, shape, total, pageSize = 100, loadPage }: ValuesTableProps) {
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<Page | null>(null);
  const [error, setError] = useState<string | null>(null);

  // The tensor may shrink under a kept offset; stay on its last page.
  const start = Math.min(offset, Math.max(0, Math.floor((total - 1) / pageSize) * pageSize));
  const limit = Math.max(0, Math.min(pageSize, total - start));

  useEffect(() => {
    if (limit === 0) return;
    let live = true;
    loadPage(start, limit).then(
      (values) => {
        if (!live) return;
        setPage({ offset: start, values, loader: loadPage });
        setError(null);
      },
      (e: unknown) => {
        if (live) setError(e instanceof Error ? e.message : String(e));
      },
    );
    return () => {
      live = false;
    };
  }, [loadPage, start, limit]);

  const rows = useMemo(
    () =>
      page?.values &&
      Array.from(page.values, (v, i) => (
        <tr key={page.offset + i}>
          <td>{formatIndex(multiIndex(page.offset + i, shape))}</td>
          <td>{formatNumber(v)}</td>
        </tr>
      )),
    [page, shape],
  );

  if (total === 0) return <p className="tv-note">Empty tensor: it has no values.</p>;

  const loading = error === null && (page?.offset !== start || page.loader !== loadPage);
  const go = (to: number) => {
    setError(null);
    setOffset(to);
  };
  return (
    <div className="tv-values">
      <div className="tv-pager">
        <button type="button" aria-label="Previous values" disabled={start === 0} onClick={() => go(start - pageSize)}>
          Previous
        </button>
        <span aria-live="polite">
          values {formatCount(start + 1)}–{formatCount(start + limit)} of {formatCount(total)}
        </span>
        <button
          type="button"
          aria-label="Next values"
          disabled={start + limit >= total}
          onClick={() => go(start + pageSize)}
        >
          Next
        </button>
      </div>
      {error !== null && <p className="tv-note tv-error">Could not load values: {error}</p>}
      {page === null && error === null && <p className="tv-note">Loading values…</p>}
      {page?.values === null && <p className="tv-note">These values are no longer available.</p>}
      {rows && (
        <div className="tv-table-scroll" tabIndex={0} role="region" aria-label={`${label} values, scrollable`}>
          <table className="tv-table" aria-label={`Values of ${label}`} aria-busy={loading}>
            <thead>
              <tr>
                <th scope="col">Index</th>
                <th scope="col">Value</th>
              </tr>
            </thead>
            <tbody>{rows}</tbody>
          </table>
        </div>
      )}
    </div>
  );
}
