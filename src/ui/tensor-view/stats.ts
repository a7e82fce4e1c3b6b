/** Summaries of a run of plain values: the extent of the finite ones and a histogram. */
import { formatCount } from './format';

export type Values = ArrayLike<number>;

export interface ValueStats {
  /** Over the finite values; null when there are none. */
  readonly min: number | null;
  readonly max: number | null;
  readonly finite: number;
  readonly nan: number;
  readonly posInf: number;
  readonly negInf: number;
}

export function valueStats(values: Values): ValueStats {
  let min = Infinity;
  let max = -Infinity;
  let finite = 0;
  let nan = 0;
  let posInf = 0;
  let negInf = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isNaN(v)) nan++;
    else if (v === Infinity) posInf++;
    else if (v === -Infinity) negInf++;
    else {
      finite++;
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  return finite ? { min, max, finite, nan, posInf, negInf } : { min: null, max: null, finite, nan, posInf, negInf };
}

/** "2 NaN, 1 +∞", naming only the kinds present; "" when every value is finite. */
export function describeNonFinite(stats: ValueStats): string {
  const parts: [number, string][] = [
    [stats.nan, 'NaN'],
    [stats.posInf, '+\u221e'],
    [stats.negInf, '\u2212\u221e'],
  ];
  return parts
    .filter(([count]) => count > 0)
    .map(([count, name]) => `${formatCount(count)} ${name}`)
    .join(', ');
}

export interface Histogram {
  /** counts.length + 1 bin edges, ascending; bin i is [edges[i], edges[i + 1]), the last one closed. */
  readonly edges: readonly number[];
  readonly counts: readonly number[];
}

/**
 * Bins the finite values. With `integer`, bins have whole widths centred on integers, so that an
 * int or bool tensor gets one bar per value (or per run of values) rather than aliased bins.
 */
export function histogram(values: Values, stats: ValueStats, bins = 30, integer = false): Histogram {
  const { min, max } = stats;
  if (min === null || max === null) return { edges: [], counts: [] };
  let width: number;
  let n: number;
  let lo: number;
  if (integer) {
    width = Math.ceil((max - min + 1) / bins);
    n = Math.ceil((max - min + 1) / width);
    lo = min - 0.5;
  } else if (max === min) {
    // One bar, centred on the only value, one unit wide: there is no spread to scale by.
    width = 1;
    n = 1;
    lo = min - 0.5;
  } else {
    width = (max - min) / bins;
    n = bins;
    lo = min;
  }
  const counts = new Array<number>(n).fill(0);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) continue;
    const bin = Math.min(n - 1, Math.floor((v - lo) / width));
    counts[bin]!++;
  }
  const edges = Array.from({ length: n + 1 }, (_, i) => lo + i * width);
  if (!integer && max !== min) edges[n] = max;
  return { edges, counts };
}
