import { attr, fromInput } from '../../graph/attrs';
import { InferError } from '../../graph/op-signature';
import { formatShape, normalizeAxis } from '../../graph/shape';
import { defineOp, type Tensor, type TF } from '../define-op';
import { transposesIntsOnGpu } from '../gpu-transpose';
import { toFloat32 } from '../to-float32';
import { NUMERIC } from '../dtypes';

/**
 * The index of the extreme element along `axis`, which that axis loses: ArgMax and ArgMin. Like
 * TensorFlow's kernels, they pick a NaN only when nothing else is there: `nanAs` (the value least likely
 * to win) stands in for it.
 */
export function argReduceOp(
  name: string,
  doc: string,
  fn: (tf: TF, x: Tensor, axis: number) => Tensor,
  nanAs: number,
  /** The tfjs function `fn` calls, for generated code. */
  call: string,
) {
  return defineOp({
    name,
    category: 'reduction',
    doc,
    inputs: { input: { dtypes: NUMERIC }, dimension: { dtypes: ['int32'], attr: 'axis' } },
    outputs: ['output'],
    attrs: { axis: fromInput(attr.int(0), 'dimension'), output_type: attr.dtype('int32', ['int32']) },
    differentiable: false,
    composite: true,
    infer: ({ input }, { axis, output_type }) => {
      if (input.shape === null) return { output: { dtype: output_type, shape: null } };
      if (input.shape.length === 0)
        throw new InferError('shape', `${name} needs an input of rank ≥ 1, got a scalar`, { port: 'input' });
      if (axis === undefined) return { output: { dtype: output_type, shape: input.shape.slice(1).map(() => null) } };
      const a = normalizeAxis(axis, input.shape.length);
      if (input.shape[a] === 0)
        throw new InferError('shape', `the axis ${a} to reduce is empty in ${formatShape(input.shape)}`, {
          port: 'input',
        });
      return { output: { dtype: output_type, shape: input.shape.filter((_, i) => i !== a) } };
    },
    forward: (tf, { input }, { axis }) => {
      if (input.dtype === 'float32') return { output: fn(tf, tf.where(tf.isNaN(input), nanAs, input), axis) };
      const a = axis < 0 ? axis + input.rank : axis;
      return { output: fn(tf, transposesIntsOnGpu(tf, input, [a]) ? toFloat32(tf, input) : input, a) };
    },
    code: ({ inputs: { input }, attr, types, literal }) => {
      const values =
        types.inputs.input.dtype === 'float32' ? `tf.where(tf.isNaN(${input}), ${literal(nanAs)}, ${input})` : input;
      return `tf.${call}(${values}, ${attr('axis')})`;
    },
  });
}
