import { useCallback } from 'react';
import { Chart, type DrawChart } from './Chart';
import { formatCount, formatNumber } from './format';
import type { ValueStats, Values } from './stats';

export function LinePicture({ label, values, stats }: { label: string; values: Values; stats: ValueStats }) {
  const draw = useCallback<DrawChart>((plot, el, width) => plot.lineChart(el, values, width), [values]);
  const range =
    stats.min === null || stats.max === null ? '' : `, min ${formatNumber(stats.min)}, max ${formatNumber(stats.max)}`;
  return <Chart draw={draw} label={`Line chart of ${label}, ${formatCount(values.length)} values${range}`} />;
}
