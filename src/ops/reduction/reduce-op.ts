import { attr } from '../../graph/attrs';
import { InferError } from '../../graph/op-signature';
import { normalizeAxis } from '../../graph/shape';
import type { Dim, DType, TensorType } from '../../graph/types';
import { defineOp, type Tensor, type TF } from '../define-op';
import { NUMERIC } from '../dtypes';

/** The shape left after reducing `axis` (all axes when null), keeping size-1 dims when `keepDims`. */
export function reducedShape(x: TensorType, axis: readonly number[] | null, keepDims: boolean): TensorType['shape'] {
  // Reducing every axis gives a scalar whatever the rank.
  if (x.shape === null) return axis === null && !keepDims ? [] : null;
  const rank = x.shape.length;
  const axes = new Set((axis ?? x.shape.map((_, i) => i)).map((a) => normalizeAxis(a, rank)));
  if (axis !== null && axes.size !== axis.length)
    throw new InferError('attr', `axis lists a dimension twice: [${axis.join(', ')}]`, { attr: 'axis' });
  const out: Dim[] = [];
  x.shape.forEach((d, i) => {
    if (!axes.has(i)) out.push(d);
    else if (keepDims) out.push(1);
  });
  return out;
}

interface ReduceOptions {
  dtypes?: readonly DType[];
  outputDtype?: (x: DType) => DType;
  differentiable?: boolean;
  composite?: boolean;
}

/** A reduction over `axis` (every axis when null) with TensorFlow's `keep_dims`. */
export function reduceOp(
  name: string,
  doc: string,
  fn: (tf: TF, x: Tensor, axis: number[] | null, keepDims: boolean) => Tensor,
  options: ReduceOptions = {},
) {
  return defineOp({
    name,
    category: 'reduction',
    doc,
    inputs: { input: { dtypes: options.dtypes ?? NUMERIC } },
    outputs: ['output'],
    differentiable: options.differentiable ?? true,
    composite: options.composite ?? false,
    attrs: { axis: attr.intsOrNull(null, { doc: 'axes to reduce; null: all, []: none' }), keep_dims: attr.bool(false) },
    infer: ({ input }, { axis, keep_dims }) => ({
      output: { dtype: options.outputDtype?.(input.dtype) ?? input.dtype, shape: reducedShape(input, axis, keep_dims) },
    }),
    forward: (tf, { input }, { axis, keep_dims }) => ({
      output: fn(tf, input, axis === null ? null : [...axis], keep_dims),
    }),
  });
}
