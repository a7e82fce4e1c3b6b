/**
 * The uPlot charts. Loaded only through a dynamic import, so uPlot and its CSS stay off the
 * startup path and arrive with the first chart.
 */
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { formatNumber } from './format';
import type { Histogram, Values } from './stats';

export const CHART_HEIGHT = 160;

/**
 * The theme's colours where the chart is drawn (the tensor view's variables, else the page's), read
 * once per chart: a canvas does not follow CSS, and dark text on a dark panel would not read.
 */
function colours(el: HTMLElement) {
  const css = getComputedStyle(el);
  const read = (...names: string[]) => names.map((n) => css.getPropertyValue(n).trim()).find((v) => v) ?? '';
  return {
    text: read('--tv-muted', '--muted') || '#4a4a4a',
    grid: read('--tv-grid', '--border') || '#e4e4e4',
    ticks: read('--tv-line', '--border') || '#d0d0d0',
    accent: read('--tv-accent', '--accent') || '#2563c9',
  };
}
const axisStyle = (el: HTMLElement) => {
  const { text, grid, ticks } = colours(el);
  return {
    font: '11px system-ui, sans-serif',
    stroke: text,
    grid: { stroke: grid, width: 1 },
    ticks: { stroke: ticks, width: 1, size: 4 },
  };
};
const formatTicks = (_u: uPlot, ticks: number[]) => ticks.map(formatNumber);
const NONE = '\u2014';
// Fresh per chart: uPlot keeps and mutates its options. Its default x axis reserves 50 px, mostly empty.
const axes = (el: HTMLElement): uPlot.Axis[] => [
  { ...axisStyle(el), values: formatTicks, size: 28 },
  { ...axisStyle(el), values: formatTicks, size: 48 },
];

export function lineChart(el: HTMLElement, values: Values, width: number): uPlot {
  const x = Float64Array.from({ length: values.length }, (_, i) => i);
  // uPlot reads null as a gap; NaN or ±Infinity would break its autoscaling instead.
  const y = Array.from(values, (v) => (Number.isFinite(v) ? v : null));
  const opts: uPlot.Options = {
    width,
    height: CHART_HEIGHT,
    scales: { x: { time: false } },
    axes: axes(el),
    series: [
      { label: 'index', value: (_u, v) => (v == null ? NONE : String(v)) },
      {
        label: 'value',
        stroke: colours(el).accent,
        width: 1.5,
        points: { show: values.length <= 64 },
        value: (_u, v) => (v == null ? NONE : formatNumber(v)),
      },
    ],
  };
  return new uPlot(opts, [x, y], el);
}

export function histogramChart(el: HTMLElement, hist: Histogram, width: number): uPlot {
  const { edges, counts } = hist;
  const centres = counts.map((_, i) => (edges[i]! + edges[i + 1]!) / 2);
  const opts: uPlot.Options = {
    width,
    height: CHART_HEIGHT,
    scales: {
      x: { time: false, range: [edges[0]!, edges[edges.length - 1]!] },
      y: { range: (_u, _min, max) => [0, max > 0 ? max * 1.05 : 1] },
    },
    axes: axes(el),
    series: [
      {
        label: 'bin',
        value: (_u, _v, _s, i) => (i == null ? NONE : `${formatNumber(edges[i]!)} to ${formatNumber(edges[i + 1]!)}`),
      },
      {
        label: 'count',
        stroke: colours(el).accent,
        fill: 'rgba(37, 99, 201, 0.55)',
        width: 1,
        paths: uPlot.paths.bars!({ size: [1, Infinity], gap: 1 }),
        points: { show: false },
        value: (_u, v, _s, i) => (i == null ? NONE : (v ?? 0)),
      },
    ],
  };
  // Empty bins as gaps, or the bar outline draws a stub along the axis.
  return new uPlot(opts, [centres, counts.map((c) => c || null)], el);
}

/**
 * A training run's losses: the training loss of every step, and the test loss where it was
 * measured; on a log scale when `log` (losses span decades as a model learns).
 */
export function lossChart(
  el: HTMLElement,
  { losses, tests, log }: { losses: readonly number[]; tests: readonly { step: number; loss: number }[]; log: boolean },
  width: number,
): uPlot {
  const x = Float64Array.from({ length: losses.length }, (_, i) => i + 1);
  const shown = (v: number | undefined) => (v !== undefined && Number.isFinite(v) && (!log || v > 0) ? v : null);
  const train = losses.map(shown);
  const byStep = new Map(tests.map((t) => [t.step, t.loss]));
  const test = Array.from(x, (step) => shown(byStep.get(step)));
  const [xAxis, yAxis] = axes(el);
  // On a log scale only the powers of ten are labelled: uPlot ticks every step between them too.
  const decades = (_u: uPlot, ticks: number[]) =>
    ticks.map((t) => (Math.abs(Math.log10(t) - Math.round(Math.log10(t))) < 1e-9 ? formatNumber(t) : ''));
  const opts: uPlot.Options = {
    width,
    height: CHART_HEIGHT,
    scales: { x: { time: false }, y: log ? { distr: 3 } : {} },
    axes: [xAxis!, log ? { ...yAxis!, values: decades } : yAxis!],
    series: [
      { label: 'step', value: (_u, v) => (v == null ? NONE : String(v)) },
      {
        label: 'training loss',
        stroke: colours(el).accent,
        width: 1.5,
        points: { show: false },
        value: (_u, v) => (v == null ? NONE : formatNumber(v)),
      },
      {
        label: 'test loss',
        stroke: '#c2410c',
        width: 1.5,
        spanGaps: true,
        points: { show: true, size: 5 },
        value: (_u, v) => (v == null ? NONE : formatNumber(v)),
      },
    ],
  };
  return new uPlot(opts, [x, train, test], el);
}

/** Test accuracy after each chunk of training steps, in percent: a classifier's metric curve. */
export function accuracyChart(
  el: HTMLElement,
  tests: readonly { step: number; accuracy: number | null }[],
  width: number,
): uPlot {
  const measured = tests.filter((t) => t.accuracy !== null);
  const x = Float64Array.from(measured, (t) => t.step);
  const accuracy = measured.map((t) => t.accuracy! * 100);
  const [xAxis, yAxis] = axes(el);
  const opts: uPlot.Options = {
    width,
    height: CHART_HEIGHT,
    scales: { x: { time: false }, y: { range: [0, 100] } },
    axes: [xAxis!, { ...yAxis!, values: (_u, ticks) => ticks.map((t) => `${t} %`) }],
    series: [
      { label: 'step', value: (_u, v) => (v == null ? NONE : String(v)) },
      {
        label: 'test accuracy',
        stroke: '#15803d',
        width: 1.5,
        points: { show: true, size: 5 },
        value: (_u, v) => (v == null ? NONE : `${v.toFixed(1)} %`),
      },
    ],
  };
  return new uPlot(opts, [x, accuracy], el);
}
