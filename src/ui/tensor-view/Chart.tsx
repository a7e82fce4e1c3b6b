import { useEffect, useRef, useState } from 'react';
import type uPlot from 'uplot';
import type * as Plot from './plot';

/** Builds the chart into `el`; memoize it on the data, since a new function redraws the chart. */
export type DrawChart = (plot: typeof Plot, el: HTMLElement, width: number) => uPlot;

// Before layout (or in a collapsed panel) the container has no width yet.
const FALLBACK_WIDTH = 300;

/** A uPlot chart, loaded on first use and resized with its container. */
export function Chart({ label, draw }: { label: string; draw: DrawChart }) {
  const ref = useRef<HTMLDivElement>(null);
  const [status, setStatus] = useState<'loading' | 'ready' | 'failed'>('loading');

  useEffect(() => {
    const el = ref.current!;
    let chart: uPlot | null = null;
    let live = true;
    import('./plot').then(
      (plot) => {
        if (!live) return;
        chart = draw(plot, el, el.clientWidth || FALLBACK_WIDTH);
        setStatus('ready');
      },
      () => {
        if (live) setStatus('failed');
      },
    );
    const resize = new ResizeObserver(() => {
      if (chart && el.clientWidth > 0 && el.clientWidth !== chart.width)
        chart.setSize({ width: el.clientWidth, height: chart.height });
    });
    resize.observe(el);
    return () => {
      live = false;
      resize.disconnect();
      chart?.destroy();
    };
  }, [draw]);

  return (
    <div className="tv-chart" role="img" aria-label={label} aria-busy={status === 'loading'}>
      {/* uPlot's legend table would otherwise be read inside the image. */}
      <div ref={ref} aria-hidden="true" />
      {status === 'loading' && <p className="tv-note">Loading chart…</p>}
      {status === 'failed' && <p className="tv-note tv-error">The chart could not be loaded.</p>}
    </div>
  );
}
