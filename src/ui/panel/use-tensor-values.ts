import { useCallback, useEffect, useMemo, useState } from 'react';
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
  const [loaded, setLoaded] = useState<{ for: unknown[]; page: ValuesPage | null } | null>(null);
  const request = useMemo(() => [nodeId, port, gradient, version], [nodeId, port, gradient, version]);
  useEffect(() => {
    let current = true;
    app.client.host
      .values(nodeId, port, { offset: 0, limit: PICTURE_VALUES, gradient })
      .then((page) => current && setLoaded({ for: request, page }))
      .catch(() => current && setLoaded({ for: request, page: null }));
    return () => {
      current = false;
    };
  }, [app, nodeId, port, gradient, request]);
  // A page fetched for an earlier request is not shown while the new one loads.
  return loaded?.for === request ? loaded.page : null;
}

/** A loader for the values table's pages; a new one (a reload) for each run. */
export function usePageLoader(nodeId: string, port: string, gradient: boolean, version: unknown) {
  const app = useApp();
  return useCallback(
    (offset: number, limit: number) =>
      app.client.host.values(nodeId, port, { offset, limit, gradient }).then((p) => p?.values ?? null),
    // `version` is the run that made the values: a new run means new pages.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [app, nodeId, port, gradient, version],
  );
}
