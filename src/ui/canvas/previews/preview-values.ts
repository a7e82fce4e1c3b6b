import { useContext, useEffect, useState } from 'react';
import type { TensorSummary } from '../../../runtime/summary';
import { AppContext } from '../../app-context';
import type { Values } from '../../tensor-view/stats';

/**
 * The first `wanted` values of the tensor `summary` describes: the summary's own when it has
 * enough, else those while more are fetched from the runtime host for this summary (a newer run's
 * summary fetches again). Only nodes on screen ask: the canvas renders no others. Outside the
 * editor (the canvas benchmark has no runtime) the summary's values are all there is.
 */
export function usePreviewValues(nodeId: string, port: string, summary: TensorSummary, wanted: number): Values {
  const app = useContext(AppContext);
  const [fetched, setFetched] = useState<{ for: TensorSummary; values: Values } | null>(null);
  const enough = summary.values.length >= Math.min(wanted, summary.size);
  useEffect(() => {
    if (enough || !app) return;
    let current = true;
    // `host` throws while the runtime is being replaced: the summary's values stay drawn until the next run.
    Promise.resolve()
      .then(() => app.client.host.values(nodeId, port, { offset: 0, limit: wanted }))
      .then(
        (page) => current && page && setFetched({ for: summary, values: page.values }),
        () => undefined,
      );
    return () => {
      current = false;
    };
  }, [app, nodeId, port, summary, wanted, enough]);
  return fetched?.for === summary ? fetched.values : summary.values;
}
