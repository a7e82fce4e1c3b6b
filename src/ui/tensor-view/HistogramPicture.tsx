import { useCallback, useMemo } from 'react';
import { Chart, type DrawChart } from './Chart';
import { formatCount, formatNumber } from './format';
import { describeNonFinite, histogram, type ValueStats, type Values } from './stats';

const BINS = 30;

interface HistogramPictureProps {
  label: string;
  values: Values;
  stats: ValueStats;
  /** Whole-number bins, for int and bool tensors. */
  integer: boolean;
}

export function HistogramPicture({ label, values, stats, integer }: HistogramPictureProps) {
  const hist = useMemo(() => histogram(values, stats, BINS, integer), [values, stats, integer]);
  const draw = useCallback<DrawChart>((plot, el, width) => plot.histogramChart(el, hist, width), [hist]);

  const unbinned = describeNonFinite(stats);
  const lo = hist.edges[0];
  const hi = hist.edges[hist.edges.length - 1];
  return (
    <div className="tv-picture">
      {lo === undefined || hi === undefined ? (
        <p className="tv-note">No finite values to bin.</p>
      ) : (
        <Chart
          draw={draw}
          label={`Histogram of ${label}, ${formatCount(stats.finite)} finite values in ${hist.counts.length} bins from ${formatNumber(lo)} to ${formatNumber(hi)}${unbinned ? `; not binned: ${unbinned}` : ''}`}
        />
      )}
      {unbinned && <p className="tv-note">Not binned: {unbinned}.</p>}
    </div>
  );
}
