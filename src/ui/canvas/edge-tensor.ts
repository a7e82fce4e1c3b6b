import type { Dim, DType } from '../../graph/types';

/** An inferred type, or a run's summary: both have these. */
export interface Typed {
  readonly dtype: DType;
  readonly shape: readonly Dim[] | null;
}

/** What an edge carries, as it is drawn: Netron's type text, a shorter one for tight gaps, and a stroke width. */
export interface EdgeTensor {
  readonly label: string;
  readonly short: string;
  readonly width: number;
}

/** Netron's form, compact so that it fits between nodes: "float32[4,3]", `?` for an unknown dim, "float32[…]" for an unknown rank. */
export function tensorTypeLabel(dtype: DType, shape: readonly Dim[] | null): string {
  if (shape === null) return `${dtype}[…]`;
  return `${dtype}[${shape.map((d) => (d === null ? '?' : String(d))).join(',')}]`;
}

const SHORT_DTYPE: Readonly<Record<DType, string>> = { float32: 'f32', int32: 'i32', bool: 'bool' };

/** "f32[4,3]": for a gap too narrow for the full text. */
export function shortTypeLabel(dtype: DType, shape: readonly Dim[] | null): string {
  return SHORT_DTYPE[dtype] + tensorTypeLabel(dtype, shape).slice(dtype.length);
}

const SCALAR_WIDTH = 1.25;
const PER_RANK = 0.75;
const MAX_RANK_STEPS = 4;
// Big tensors of one rank (an image batch beside a bias) differ by up to one more step.
const SIZE_STEP_AT = 1 << 16;

/**
 * Screen pixels: a scalar thin, each rank thicker (up to rank 4), and a tensor of 65,536 values
 * or more half a step thicker again. An unknown rank is drawn as a vector.
 */
export function edgeStrokeWidth(shape: readonly Dim[] | null): number {
  if (shape === null) return SCALAR_WIDTH + PER_RANK;
  const big = shape.every((d) => d !== null) && shape.reduce((a, b) => a * b, 1) >= SIZE_STEP_AT ? PER_RANK / 2 : 0;
  return SCALAR_WIDTH + PER_RANK * Math.min(shape.length, MAX_RANK_STEPS) + big;
}

/**
 * The type to show: the inferred one when it is fully known (it holds before any run and at once
 * after an edit); else the run's actual one, which fills in the `?`; else the partial inference.
 */
export function edgeTensor(inferred: Typed | undefined, actual: Typed | undefined): EdgeTensor | null {
  const known = inferred && inferred.shape !== null && inferred.shape.every((d) => d !== null);
  const type = known ? inferred : (actual ?? inferred);
  if (!type) return null;
  return {
    label: tensorTypeLabel(type.dtype, type.shape),
    short: shortTypeLabel(type.dtype, type.shape),
    width: edgeStrokeWidth(type.shape),
  };
}

/** The label's box: 10 px monospace (0.602 em a character in DejaVu Sans Mono and Menlo) with 3 px either side. */
export const LABEL_HEIGHT = 13;
export function labelWidth(label: string): number {
  return Math.ceil(label.length * 6.02) + 6;
}

/**
 * The text to draw between the nodes: the full type where the gap holds it, else the short one,
 * else none. Edges are drawn under the nodes, so a wider label would be half hidden; the output
 * port shows the type beside the node anyway.
 */
export function fittingLabel(tensor: EdgeTensor, sourceX: number, targetX: number): string | null {
  const room = targetX - sourceX - 2 * LABEL_MARGIN;
  if (labelWidth(tensor.label) <= room) return tensor.label;
  return labelWidth(tensor.short) <= room ? tensor.short : null;
}
const LABEL_MARGIN = 3;
