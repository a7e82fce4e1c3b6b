import type { TensorSummary } from '../../runtime/summary';

export function formatNumber(v: number, digits = 4): string {
  if (!Number.isFinite(v)) return String(v);
  if (Object.is(v, -0)) return '-0';
  if (v !== 0 && (Math.abs(v) >= 1e5 || Math.abs(v) < 1e-3)) return v.toExponential(2);
  return String(Number(v.toPrecision(digits)));
}

/** A one-line glimpse of a value: the number, or the first few values of a tensor. */
export function formatPreview(summary: TensorSummary, count = 4): string {
  if (summary.shape.length === 0) return formatNumber(summary.values[0] ?? NaN);
  const shown = summary.values.slice(0, count).map((v) => formatNumber(v));
  return `[${shown.join(', ')}${summary.size > count ? ', …' : ''}]`;
}
