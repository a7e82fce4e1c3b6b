import { attr } from '../../graph/attrs';
import { defineOp } from '../define-op';
import { ANY } from '../dtypes';

export const Shape = defineOp({
  name: 'Shape',
  category: 'shape',
  doc: 'The shape of input, as an int32 vector.',
  inputs: { input: { dtypes: ANY } },
  outputs: ['output'],
  attrs: { out_type: attr.dtype('int32', ['int32']) },
  differentiable: false,
  infer: ({ input }, { out_type }) => ({
    output: { dtype: out_type, shape: [input.shape === null ? null : input.shape.length] },
  }),
  forward: (tf, { input }) => ({ output: tf.tensor1d(input.shape, 'int32') }),
  code: ({ inputs: { input } }) => `tf.tensor1d(${input}.shape, 'int32')`,
});
