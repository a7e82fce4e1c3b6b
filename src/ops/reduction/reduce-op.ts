import { attr, fromInput } from '../../graph/attrs';
import { InferError } from '../../graph/op-signature';
import { normalizeAxis, vectorLength } from '../../graph/shape';
import type { Dim, DType, TensorType } from '../../graph/types';
import type { BackendLimit } from '../backend-limits';
import { defineOp, type CodeHelper, type Tensor, type TF } from '../define-op';
import { exactFill } from '../exact-fill';
import { transposesIntsOnGpu } from '../gpu-transpose';
import { toFloat32 } from '../to-float32';
import { NUMERIC } from '../dtypes';

/**
 * The shape left after reducing `axis` (all axes when null), keeping size-1 dims when `keepDims`.
 * An axis list known only when running (undefined) leaves the sizes open, and the rank too unless
 * the dims are kept or the list's length is known (`count`).
 */
export function reducedShape(
  x: TensorType,
  axis: readonly number[] | null | undefined,
  keepDims: boolean,
  count: number | null = null,
): TensorType['shape'] {
  if (axis === undefined) {
    if (x.shape === null) return null;
    if (keepDims) return x.shape.map(() => null);
    return count === null ? null : Array<null>(x.shape.length - count).fill(null);
  }
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
  /**
   * TensorFlow's result of reducing no elements (Max gives -∞): tfjs gives others, or fails (on
   * WebGPU), so the op makes it itself.
   */
  empty: (dtype: DType) => number;
  limits?: readonly BackendLimit[];
  eitherZeroOnTies?: boolean;
  /** TensorFlow's gradient with respect to the input, where tfjs's differs; `axes` are non-negative. */
  gradient?: (tf: TF, x: Tensor, y: Tensor, dy: Tensor, axes: number[], keepDims: boolean) => Tensor;
  /**
   * `fn` as tfjs code (see OpDef.code): its expression given its arguments, x then the axes (a list,
   * null for all) and keepDims where they are not the defaults, for x of `dtype`.
   */
  code: (args: string, dtype: DType, helper: (h: CodeHelper) => string) => string;
}

/** A reduction over `axis` (every axis when null) with TensorFlow's `keep_dims`. */
export function reduceOp(
  name: string,
  doc: string,
  fn: (tf: TF, x: Tensor, axes: number[], keepDims: boolean) => Tensor,
  options: ReduceOptions,
) {
  return defineOp({
    name,
    category: 'reduction',
    doc,
    inputs: {
      input: { dtypes: options.dtypes ?? NUMERIC },
      reduction_indices: { dtypes: ['int32'], attr: 'axis' },
    },
    outputs: ['output'],
    differentiable: options.differentiable ?? true,
    // Empty reductions and int32 or bool ones on WebGPU make temporaries.
    composite: true,
    limits: options.limits ?? [],
    eitherZeroOnTies: options.eitherZeroOnTies ?? false,
    attrs: {
      axis: fromInput(attr.intsOrNull(null, { doc: 'axes to reduce; null: all, []: none' }), 'reduction_indices'),
      keep_dims: attr.bool(false),
    },
    infer: ({ input, reduction_indices }, { axis, keep_dims }) => ({
      output: {
        dtype: options.outputDtype?.(input.dtype) ?? input.dtype,
        shape: reducedShape(input, axis, keep_dims, vectorLength(reduction_indices)),
      },
    }),
    forward: (tf, { input }, { axis, keep_dims }) => {
      const axes = axesOf(input, axis);
      if (options.empty && axes.some((a) => input.shape[a] === 0)) {
        const shape = input.shape.flatMap((d, i) => (!axes.includes(i) ? [d] : keep_dims ? [1] : []));
        const dtype = options.outputDtype?.(input.dtype as DType) ?? (input.dtype as DType);
        return { output: exactFill(tf, shape, options.empty(dtype), dtype) };
      }
      if (!transposesIntsOnGpu(tf, input, axes)) return { output: fn(tf, input, axes, keep_dims) };
      return { output: tf.cast(fn(tf, toFloat32(tf, input), axes, keep_dims), input.dtype) };
    },
    gradient: options.gradient
      ? (tf, { inputs: { input }, outputs: { output }, dy: { output: dy }, attrs: { axis, keep_dims } }) => ({
          input: options.gradient!(tf, input, output, dy, axesOf(input, axis), keep_dims),
        })
      : undefined,
    code: ({ inputs: { input }, attrs: { axis, keep_dims }, attr, types, helper, literal }) => {
      const x = types.inputs.input;
      const dtype = types.outputs.output.dtype;
      const reduce = (axes: string) => {
        const args = keep_dims ? [input, axes, 'true'] : axes === 'null' ? [input] : [input, axes];
        return options.code(args.join(', '), x.dtype, helper);
      };
      const empty = literal(options.empty(dtype));
      const axes = axis === undefined || x.shape === null ? undefined : axesOf(x as { shape: number[] }, axis);
      // Where the shapes say whether it reduces no elements, that is decided here.
      if (axes && axes.every((a) => x.shape![a] !== null)) {
        if (!axes.some((a) => x.shape![a] === 0)) return reduce(axis === null ? 'null' : literal(axes));
        return `tf.fill(${literal(types.outputs.output.shape)}, ${empty}, '${dtype}')`;
      }
      const call = `${helper(REDUCE_OR_FILL_CODE)}(${input}, ${attr('axis')}, ${keep_dims}, ${empty}, '${dtype}'`;
      return `${call}, (axes) => ${reduce('axes')})`;
    },
  });
}

/** The forward pass's reduction over no elements, as generated code writes it. */
const REDUCE_OR_FILL_CODE: CodeHelper = {
  name: 'reduceOrFill',
  source: `/**
 * \`reduce\` over \`axis\` (null: every axis), or where that reduces no elements TensorFlow's value
 * for it (Max's -∞, Sum's 0), which tfjs does not give.
 */
function reduceOrFill(
  x: tf.Tensor,
  axis: number[] | null,
  keepDims: boolean,
  empty: number,
  dtype: 'float32' | 'int32' | 'bool',
  reduce: (axes: number[]) => tf.Tensor,
): tf.Tensor {
  const axes = (axis ?? x.shape.map((_, i) => i)).map((a) => (a < 0 ? a + x.rank : a));
  if (!axes.some((a) => x.shape[a] === 0)) return reduce(axes);
  return tf.fill(
    x.shape.flatMap((d, i) => (!axes.includes(i) ? [d] : keepDims ? [1] : [])),
    empty,
    dtype,
  );
}`,
};

/**
 * The axes to reduce, non-negative: every axis when null. tfjs's gradients of some reductions
 * (Prod) fail on negative axes.
 */
function axesOf(x: { readonly shape: readonly unknown[] }, axis: readonly number[] | null): number[] {
  return axis === null ? x.shape.map((_, i) => i) : axis.map((a) => (a < 0 ? a + x.shape.length : a));
}
