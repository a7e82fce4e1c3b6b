/** The overlay's numbers: what each node measures, and the scale that turns it into a colour. Pure. */
import type { GradientReport, RunReport } from '../../../runtime/reports';
import type { TensorSummary } from '../../../runtime/summary';
import { formatNumber } from '../../tensor-view/format';

export type OverlayMode = 'none' | 'gradient' | 'time';

/** How strongly a node is coloured (0 to 1) and what it measured, as shown on the node. */
export interface NodeHeat {
  readonly mode: Exclude<OverlayMode, 'none'>;
  readonly t: number;
  readonly text: string;
}

/** The Euclidean norm of the finite values, from the summary's mean and (population) deviation. */
export function summaryNorm(summary: TensorSummary): number | null {
  if (summary.mean === null || summary.std === null) return null;
  const finite = summary.size - summary.nanCount - summary.infCount;
  return Math.sqrt(finite * (summary.std ** 2 + summary.mean ** 2));
}

/** Per node, the largest norm of d target / d output over its output ports. */
export function gradientMagnitudes(gradients: GradientReport | null): Map<string, number> {
  const magnitudes = new Map<string, number>();
  for (const [nodeId, ports] of Object.entries(gradients?.nodes ?? {})) {
    let largest: number | null = null;
    for (const gradient of Object.values(ports)) {
      const norm = 'summary' in gradient ? summaryNorm(gradient.summary) : null;
      if (norm !== null) largest = Math.max(largest ?? 0, norm);
    }
    if (largest !== null) magnitudes.set(nodeId, largest);
  }
  return magnitudes;
}

/** Per node, the milliseconds its step took in the run (a value reused from the previous run took none: left out). */
export function nodeTimes(report: RunReport | null): Map<string, number> {
  const times = new Map<string, number>();
  for (const node of report?.nodes ?? []) if (node.ms !== null && !node.reused) times.set(node.nodeId, node.ms);
  return times;
}

export interface HeatScale {
  readonly min: number;
  readonly max: number;
  /** Gradients span orders of magnitude: a log scale from the smallest non-zero one. */
  readonly log: boolean;
}

export function heatScale(values: Iterable<number>, log: boolean): HeatScale | null {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v) || (log && v <= 0)) continue;
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  if (max === -Infinity) return null;
  return { min: log ? min : 0, max, log };
}

/** Where `v` falls on the scale, 0 to 1; everything at the top when the scale has no width. */
export function heatLevel(scale: HeatScale, v: number): number {
  if (!(v > scale.min)) return v >= scale.max ? 1 : 0;
  if (scale.max <= scale.min) return 1;
  const t = scale.log
    ? Math.log(v / scale.min) / Math.log(scale.max / scale.min)
    : (v - scale.min) / (scale.max - scale.min);
  return Math.min(1, Math.max(0, t));
}

export function heatText(mode: NodeHeat['mode'], v: number): string {
  return mode === 'gradient' ? `‖∇‖ ${formatNumber(v)}` : `${formatNumber(v)} ms`;
}

/** The node colours: the node's own background mixed with the mode's colour, at most this much. */
const MAX_MIX = 60;
const MODE_COLOUR = { gradient: '--accent', time: '--warn' } as const;

export function heatColour(mode: NodeHeat['mode'], t: number): string {
  return `color-mix(in srgb, var(${MODE_COLOUR[mode]}) ${Math.round(t * MAX_MIX)}%, var(--node))`;
}

/** Each measured node's heat, on a scale over all of them. */
export function nodeHeats(
  mode: NodeHeat['mode'],
  measured: ReadonlyMap<string, number>,
): { heats: Map<string, NodeHeat>; scale: HeatScale | null } {
  const scale = heatScale(measured.values(), mode === 'gradient');
  const heats = new Map<string, NodeHeat>();
  if (scale) for (const [id, v] of measured) heats.set(id, { mode, t: heatLevel(scale, v), text: heatText(mode, v) });
  return { heats, scale };
}
