import { attr, fromInput } from '../../graph/attrs';
import { vectorLength } from '../../graph/shape';
import { defineOp, type AnyCodeArgs, type CodeHelper, type Tensor, type TF } from '../define-op';
import { ANY } from '../dtypes';
import { stridedSliceSpec, type SliceSpec } from './strided-slice-spec';

const mask = (doc: string) => attr.int(0, { doc: `bit i set: entry i ${doc}` });

export const StridedSlice = defineOp({
  name: 'StridedSlice',
  category: 'shape',
  doc: 'Python slicing input[begin:end:strides], entry by entry, with masks for open bounds, an ellipsis, new axes and single indices.',
  inputs: {
    input: { dtypes: ANY },
    begin: { dtypes: ['int32'], attr: 'begin' },
    end: { dtypes: ['int32'], attr: 'end' },
    strides: { dtypes: ['int32'], attr: 'strides' },
  },
  outputs: ['output'],
  attrs: {
    begin: fromInput(attr.ints([0], { doc: 'where each entry starts; negative counts from the end' }), 'begin'),
    end: fromInput(attr.ints([1], { doc: 'where each entry stops, excluded; negative counts from the end' }), 'end'),
    strides: fromInput(attr.ints([1], { doc: 'the step of each entry; negative walks backwards' }), 'strides'),
    begin_mask: mask('starts at the first element its stride reaches'),
    end_mask: mask('runs to the last element its stride reaches'),
    ellipsis_mask: mask('stands for as many whole dimensions as the rank leaves'),
    new_axis_mask: mask('inserts a dimension of size 1'),
    shrink_axis_mask: mask('takes the single index begin[i], dropping its dimension'),
  },
  composite: true,
  infer: (inputs, attrs) => {
    const { dtype, shape } = inputs.input;
    const { begin, end, strides } = attrs;
    const bounds = begin && end && strides ? { begin, end, strides } : undefined;
    // Entries known only when running still say how many there are, and so the rank.
    const entries =
      strides?.length ??
      begin?.length ??
      end?.length ??
      vectorLength(inputs.strides) ??
      vectorLength(inputs.begin) ??
      vectorLength(inputs.end);
    if (shape === null || entries === null) return { output: { dtype, shape: null } };
    return { output: { dtype, shape: stridedSliceSpec(shape, bounds, entries, attrs).shape } };
  },
  forward: (tf, { input }, attrs) => ({
    output: sliced(tf, input, stridedSliceSpec(input.shape, attrs, attrs.strides.length, attrs)),
  }),
  code: (args) => {
    const { begin, end, strides } = args.attrs;
    const shape = args.types.inputs.input.shape;
    if (begin && end && strides && shape && !shape.includes(null))
      return slicedCode(
        args.inputs.input,
        shape as number[],
        stridedSliceSpec(shape, { begin, end, strides }, strides.length, args.attrs),
        args as AnyCodeArgs,
      );
    const masks = ['begin_mask', 'end_mask', 'ellipsis_mask', 'new_axis_mask', 'shrink_axis_mask'] as const;
    const params = [
      args.inputs.input,
      args.attr('begin'),
      args.attr('end'),
      args.attr('strides'),
      ...masks.map((m) => args.attr(m)),
    ];
    return `${args.helper(STRIDED_SLICE_CODE)}(${params.join(', ')})`;
  },
});

/**
 * The slice as plain tfjs ops, which all have gradients: the block the slice spans, each
 * backward dimension reversed, every |stride|-th element kept. tfjs's own stridedSlice has no
 * gradient, and gets negative strides beside a shrunk dimension wrong.
 */
function sliced(tf: TF, x: Tensor, { dims, shape }: SliceSpec): Tensor {
  const out = shape as number[];
  const sizes = dims.map((d) => d.size!);
  if (sizes.includes(0)) return tf.zeros(out, x.dtype);
  const start = dims.map((d, i) => (d.stride > 0 ? d.begin : d.begin + (sizes[i]! - 1) * d.stride));
  const span = dims.map((d, i) => (sizes[i]! - 1) * Math.abs(d.stride) + 1);
  const whole = span.every((s, i) => start[i] === 0 && s === x.shape[i]);
  let y = whole ? x : tf.slice(x, start, span);
  const backwards = dims.flatMap((d, i) => (d.stride < 0 && sizes[i]! > 1 ? [i] : []));
  if (backwards.length) y = tf.reverse(y, backwards);
  dims.forEach((d, i) => {
    const step = Math.abs(d.stride);
    if (step > 1 && sizes[i]! > 1) y = tf.gather(y, tf.range(0, span[i]!, step, 'int32'), i);
  });
  return tf.reshape(y, out);
}

/** `sliced` as code, for an input whose shape and bounds are known when writing. */
function slicedCode(
  x: string,
  inputShape: readonly number[],
  { dims, shape }: SliceSpec,
  { literal }: AnyCodeArgs,
): string {
  const sizes = dims.map((d) => d.size!);
  const start = dims.map((d, i) => (d.stride > 0 ? d.begin : d.begin + (sizes[i]! - 1) * d.stride));
  const span = dims.map((d, i) => (sizes[i]! - 1) * Math.abs(d.stride) + 1);
  const whole = span.every((s, i) => start[i] === 0 && s === inputShape[i]);
  let y = whole ? x : `tf.slice(${x}, ${literal(start)}, ${literal(span)})`;
  const backwards = dims.flatMap((d, i) => (d.stride < 0 && sizes[i]! > 1 ? [i] : []));
  if (backwards.length) y = `tf.reverse(${y}, ${literal(backwards)})`;
  dims.forEach((d, i) => {
    const step = Math.abs(d.stride);
    if (step > 1 && sizes[i]! > 1) y = `tf.gather(${y}, tf.range(0, ${span[i]}, ${step}, 'int32'), ${i})`;
  });
  // A slice that keeps every dimension as it is needs no reshape, unless it is x itself.
  const same = y !== x && shape.length === sizes.length && shape.every((d, i) => d === sizes[i]);
  return same ? y : `tf.reshape(${y}, ${literal(shape)})`;
}

/** stridedSliceSpec and sliced, for an input whose shape or bounds are known only when running, as generated code writes them. */
const STRIDED_SLICE_CODE: CodeHelper = {
  name: 'stridedSlice',
  source: `/**
 * Python slicing x[begin:end:strides] as TensorFlow reads it (strided_slice_op.cc): masked bounds
 * run to the end the stride moves towards, an ellipsis stands for the dimensions the others leave,
 * a shrunk dimension takes the single index begin. tfjs's stridedSlice gets negative strides beside
 * a shrunk dimension wrong.
 */
function stridedSlice(
  x: tf.Tensor,
  begin: number[],
  end: number[],
  strides: number[],
  beginMask: number,
  endMask: number,
  ellipsisMask: number,
  newAxisMask: number,
  shrinkAxisMask: number,
): tf.Tensor {
  const bit = (mask: number, i: number) => (mask & (1 << i)) !== 0;
  let entries = strides.length;
  let ellipsis = ellipsisMask;
  let newAxesAfterEllipsis = 0;
  let seen = false;
  for (let i = 0; i < entries; i++) {
    if (seen && bit(newAxisMask, i)) newAxesAfterEllipsis++;
    if (bit(ellipsis, i)) seen = true;
  }
  // Without an ellipsis, there is one at the end.
  if (!seen) ellipsis |= 1 << entries++;
  // Per input dimension, its first index, stride and how many it takes; and the output's shape.
  const dims: { begin: number; stride: number; size: number }[] = [];
  const shape: number[] = [];
  for (let i = 0; i < entries; i++) {
    if (bit(ellipsis, i)) {
      const next = Math.min(x.rank - (entries - i) + 1 + newAxesAfterEllipsis, x.rank);
      while (dims.length < next) {
        shape.push(x.shape[dims.length]!);
        dims.push({ begin: 0, stride: 1, size: x.shape[dims.length]! });
      }
    } else if (bit(newAxisMask, i)) shape.push(1);
    else {
      const dim = x.shape[dims.length]!;
      const stride = strides[i]!;
      if (bit(shrinkAxisMask, i)) {
        dims.push({ begin: begin[i]! < 0 ? dim + begin[i]! : begin[i]!, stride, size: 1 });
        continue;
      }
      // The first and last positions a bound may take: one before each end when walking backwards.
      const [low, high] = stride > 0 ? [0, dim] : [-1, dim - 1];
      const bound = (v: number, masked: boolean, atEnd: boolean) =>
        masked ? (stride > 0 === atEnd ? high : low) : Math.min(Math.max(v < 0 ? dim + v : v, low), high);
      const first = bound(begin[i]!, bit(beginMask, i), false);
      const interval = bound(end[i]!, bit(endMask, i), true) - first;
      const size = interval === 0 || interval < 0 !== stride < 0 ? 0 : Math.ceil(interval / stride);
      dims.push({ begin: first, stride, size });
      shape.push(size);
    }
  }
  if (dims.some((d) => d.size === 0)) return tf.zeros(shape, x.dtype);
  // The block the slice spans, each backward dimension reversed, every |stride|-th element kept.
  const span = dims.map((d) => (d.size - 1) * Math.abs(d.stride) + 1);
  let y = tf.slice(x, dims.map((d) => (d.stride > 0 ? d.begin : d.begin + (d.size - 1) * d.stride)), span);
  const backwards = dims.flatMap((d, i) => (d.stride < 0 && d.size > 1 ? [i] : []));
  if (backwards.length) y = tf.reverse(y, backwards);
  dims.forEach((d, i) => {
    if (Math.abs(d.stride) > 1 && d.size > 1) y = tf.gather(y, tf.range(0, span[i]!, Math.abs(d.stride), 'int32'), i);
  });
  return tf.reshape(y, shape);
}`,
};
