import { attr, fromInput } from '../../graph/attrs';
import { InferError } from '../../graph/op-signature';
import { formatShape, vectorLength } from '../../graph/shape';
import { defineOp } from '../define-op';
import { ANY } from '../dtypes';

export const BroadcastTo = defineOp({
  name: 'BroadcastTo',
  category: 'shape',
  doc: 'Stretches input to shape by NumPy broadcasting: size-1 and missing leading dimensions repeat.',
  inputs: { input: { dtypes: ANY }, shape: { dtypes: ['int32'], attr: 'shape' } },
  outputs: ['output'],
  attrs: { shape: fromInput(attr.ints([2, 2], { min: 0, doc: 'the shape of the result' }), 'shape') },
  infer: ({ input, shape: supplied }, { shape }) => {
    if (shape === undefined) {
      const rank = vectorLength(supplied);
      return { output: { dtype: input.dtype, shape: rank === null ? null : Array<null>(rank).fill(null) } };
    }
    if (input.shape !== null) {
      const lead = shape.length - input.shape.length;
      if (lead < 0)
        throw new InferError(
          'attr',
          `input ${formatShape(input.shape)} has more dimensions than [${shape.join(', ')}]`,
          {
            attr: 'shape',
          },
        );
      if (input.shape.some((d, i) => d !== null && d !== 1 && d !== shape[lead + i]))
        throw new InferError('attr', `input ${formatShape(input.shape)} does not broadcast to [${shape.join(', ')}]`, {
          attr: 'shape',
        });
    }
    return { output: { dtype: input.dtype, shape: [...shape] } };
  },
  // tfjs's broadcastTo leaves a size-1 dimension at 1 where the target is 0.
  forward: (tf, { input }, { shape }) => ({
    output: shape.includes(0) ? tf.zeros([...shape], input.dtype) : tf.broadcastTo(input, [...shape]),
  }),
  code: ({ inputs: { input }, attrs: { shape }, attr, types, literal }) => {
    const dtype = literal(types.inputs.input.dtype);
    if (shape !== undefined) return `tf.broadcastTo(${input}, ${attr('shape')})`;
    const s = attr('shape');
    return `${s}.includes(0) ? tf.zeros(${s}, ${dtype}) : tf.broadcastTo(${input}, ${s})`;
  },
});
