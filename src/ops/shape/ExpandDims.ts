import { attr, fromInput } from '../../graph/attrs';
import { normalizeAxis } from '../../graph/shape';
import { defineOp } from '../define-op';
import { ANY } from '../dtypes';

export const ExpandDims = defineOp({
  name: 'ExpandDims',
  category: 'shape',
  doc: 'Inserts a dimension of size 1 at axis; a negative axis counts from the end of the result.',
  inputs: { input: { dtypes: ANY }, dim: { dtypes: ['int32'], attr: 'axis' } },
  outputs: ['output'],
  attrs: { axis: fromInput(attr.int(0), 'dim') },
  infer: ({ input }, { axis }) => {
    if (input.shape === null) return { output: { dtype: input.dtype, shape: null } };
    if (axis === undefined) return { output: { dtype: input.dtype, shape: [...input.shape, null].map(() => null) } };
    const shape = [...input.shape];
    shape.splice(normalizeAxis(axis, shape.length + 1), 0, 1);
    return { output: { dtype: input.dtype, shape } };
  },
  forward: (tf, { input }, { axis }) => ({ output: tf.expandDims(input, axis) }),
  code: ({ inputs: { input }, attr }) => `tf.expandDims(${input}, ${attr('axis')})`,
});
