import { useEffect, useState } from 'react';
import type { ValuesPage } from '../../runtime/host/runtime-host';
import { useApp } from '../app-context';

/** How many values a picture of one tensor fetches: a 256×256 RGB image. */
const PICTURE_VALUES = 256 * 256 * 3;

/**
 * The first values of a node's output (or of its gradient), fetched from the runtime host
 * whenever `version` (the run or gradient report) changes.
 */
export function useTensorValues(nodeId: string, port: string, gradient: boolean, version: unknown): ValuesPage | null {
  const app = useApp();
  const [page, setPage] = useState<ValuesPage | null>(null);
  useEffect(() => {
    let current = true;
    setPage(null);
    app.client.host
      .values(nodeId, port, { offset: 0, limit: PICTURE_VALUES, gradient })
      .then((p) => current && setPage(p))
      .catch(() => current && setPage(null));
    return () => {
      current = false;
    };
  }, [app, nodeId, port, gradient, version]);
  return page;
}

/** A loader for the values table's pages. */
export function usePageLoader(nodeId: string, port: string, gradient: boolean) {
  const app = useApp();
  return (offset: number, limit: number) =>
    app.client.host.values(nodeId, port, { offset, limit, gradient }).then((p) => p?.values ?? null);
}
