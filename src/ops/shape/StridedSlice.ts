import { attr, fromInput } from '../../graph/attrs';
import { vectorLength } from '../../graph/shape';
import { defineOp, type Tensor, type TF } from '../define-op';
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
