import { attr, fromInput } from '../../graph/attrs';
import { InferError } from '../../graph/op-signature';
import { defineOp, type AnyCodeArgs } from '../define-op';
import { ANY } from '../dtypes';
import { paddedShape, pairs, pairsCode, paddingsAttr } from './padding';

export const PadV2 = defineOp({
  name: 'PadV2',
  category: 'shape',
  doc: 'Adds constant_values before and after each dimension, as many as paddings says.',
  inputs: {
    input: { dtypes: ANY },
    paddings: { dtypes: ['int32'], attr: 'paddings' },
    constant_values: { dtypes: ANY, attr: 'constant_values' },
  },
  outputs: ['output'],
  attrs: {
    paddings: paddingsAttr,
    constant_values: fromInput(attr.float(0, { doc: 'the value added (0 or 1 for bool)' }), 'constant_values'),
  },
  infer: ({ input }, { paddings, constant_values: value }) => {
    if (value !== undefined && input.dtype === 'int32' && !Number.isInteger(value))
      throw new InferError('attr', `int32 input needs an integer constant, got ${value}`, { attr: 'constant_values' });
    if (value !== undefined && input.dtype === 'bool' && value !== 0 && value !== 1)
      throw new InferError('attr', `bool input needs the constant 0 or 1, got ${value}`, { attr: 'constant_values' });
    return { output: { dtype: input.dtype, shape: paddedShape(input, paddings) } };
  },
  forward: (tf, { input }, { paddings, constant_values }) => ({
    output: input.rank === 0 ? tf.clone(input) : tf.pad(input, pairs(paddings), constant_values),
  }),
  code: (args) => {
    const { input } = args.inputs;
    const padded = `tf.pad(${input}, ${pairsCode(args.attrs.paddings, args as AnyCodeArgs)}, ${args.attr('constant_values')})`;
    const rank = args.types.inputs.input.shape?.length;
    if (rank === undefined) return `${input}.rank === 0 ? tf.clone(${input}) : ${padded}`;
    return rank === 0 ? `tf.clone(${input})` : padded;
  },
});
