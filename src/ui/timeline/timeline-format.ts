import type { NodeCost } from '../../runtime/reports';

/** A time in ms as the timeline writes it: two decimals below 10 ms, one above. */
export function formatMs(ms: number): string {
  return `${ms < 10 ? ms.toFixed(2) : ms.toFixed(1)} ms`;
}

export function plural(count: number, one: string): string {
  return `${count} ${one}${count === 1 ? '' : 's'}`;
}

/** What a bar says to a screen reader: its node, time, kernels, and whatever it moved between host and device. */
export function barName(name: string, cost: NodeCost): string {
  const parts = [`${name}: ${formatMs(cost.ms)}`, plural(cost.kernels.length, 'kernel')];
  if (cost.readbacks) parts.push(plural(cost.readbacks, 'readback'));
  if (cost.uploads) parts.push(plural(cost.uploads, 'upload'));
  if (cost.scriptCalls) parts.push(plural(cost.scriptCalls, 'script call'));
  return parts.join(', ');
}

/** The kernels a node ran, with their times where measured: "BatchMatMul 0.30 ms, Add". */
export function kernelList(cost: NodeCost): string {
  if (!cost.kernels.length) return 'no kernels';
  return cost.kernels.map((k) => (k.ms === null ? k.name : `${k.name} ${formatMs(k.ms)}`)).join(', ');
}

/**
 * Tick positions for an axis from 0 to `max` ms: a step of 1, 2 or 5 times a power of ten,
 * giving about `count` ticks.
 */
export function ticks(max: number, count = 6): number[] {
  if (!(max > 0)) return [0];
  const rough = max / count;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough)!;
  const out: number[] = [];
  for (let t = 0; t <= max + step * 1e-9; t += step) out.push(Number(t.toPrecision(12)));
  return out;
}
