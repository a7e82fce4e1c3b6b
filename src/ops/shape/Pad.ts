import { defineOp, type AnyCodeArgs } from '../define-op';
import { ANY } from '../dtypes';
import { paddedShape, pairs, pairsCode, paddingsAttr } from './padding';

export const Pad = defineOp({
  name: 'Pad',
  category: 'shape',
  doc: 'Adds zeros (false) before and after each dimension, as many as paddings says.',
  inputs: { input: { dtypes: ANY }, paddings: { dtypes: ['int32'], attr: 'paddings' } },
  outputs: ['output'],
  attrs: { paddings: paddingsAttr },
  infer: ({ input }, { paddings }) => ({ output: { dtype: input.dtype, shape: paddedShape(input, paddings) } }),
  // tfjs's pad refuses a scalar, which has nothing to pad.
  forward: (tf, { input }, { paddings }) => ({
    output: input.rank === 0 ? tf.clone(input) : tf.pad(input, pairs(paddings)),
  }),
  code: (args) => {
    const { input } = args.inputs;
    const padded = `tf.pad(${input}, ${pairsCode(args.attrs.paddings, args as AnyCodeArgs)})`;
    const rank = args.types.inputs.input.shape?.length;
    if (rank === undefined) return `${input}.rank === 0 ? tf.clone(${input}) : ${padded}`;
    return rank === 0 ? `tf.clone(${input})` : padded;
  },
});
