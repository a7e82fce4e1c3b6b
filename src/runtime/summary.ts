import type { DType } from '../graph/types';
import type { Tensor } from '../ops/define-op';

/** What the UI and the runner see of a tensor: plain numbers, never the tensor itself. */
export interface TensorSummary {
  readonly dtype: DType;
  readonly shape: readonly number[];
  readonly size: number;
  /** Over the finite values; null when there are none. */
  readonly min: number | null;
  readonly max: number | null;
  readonly mean: number | null;
  readonly std: number | null;
  readonly nanCount: number;
  readonly infCount: number;
  /** The first values in row-major order. */
  readonly values: readonly number[];
  readonly truncated: boolean;
}

export async function summarize(t: Tensor, previewLimit = 64): Promise<TensorSummary> {
  return summarizeValues(t.dtype as DType, t.shape, await t.data(), previewLimit);
}

export function summarizeValues(
  dtype: DType,
  shape: readonly number[],
  data: ArrayLike<number>,
  previewLimit = 64,
): TensorSummary {
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  let finite = 0;
  let nanCount = 0;
  let infCount = 0;
  for (let i = 0; i < data.length; i++) {
    const v = Number(data[i]);
    if (Number.isNaN(v)) nanCount++;
    else if (!Number.isFinite(v)) infCount++;
    else {
      finite++;
      sum += v;
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  const mean = finite ? sum / finite : null;
  let sq = 0;
  if (mean !== null)
    for (let i = 0; i < data.length; i++) {
      const v = Number(data[i]);
      if (Number.isFinite(v)) sq += (v - mean) ** 2;
    }
  const preview = Array.from({ length: Math.min(previewLimit, data.length) }, (_, i) => Number(data[i]));
  return {
    dtype,
    shape: [...shape],
    size: data.length,
    min: finite ? min : null,
    max: finite ? max : null,
    mean,
    std: mean === null ? null : Math.sqrt(sq / finite),
    nanCount,
    infCount,
    values: preview,
    truncated: data.length > preview.length,
  };
}
