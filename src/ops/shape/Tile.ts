import { attr, fromInput } from '../../graph/attrs';
import { InferError } from '../../graph/op-signature';
import { formatShape } from '../../graph/shape';
import { defineOp } from '../define-op';
import { ANY } from '../dtypes';

export const Tile = defineOp({
  name: 'Tile',
  category: 'shape',
  doc: 'Repeats input multiples[i] times along each dimension i.',
  inputs: { input: { dtypes: ANY }, multiples: { dtypes: ['int32'], attr: 'multiples' } },
  outputs: ['output'],
  attrs: { multiples: fromInput(attr.ints([2], { min: 0, doc: 'repetitions per dimension' }), 'multiples') },
  infer: ({ input }, { multiples }) => {
    const { shape } = input;
    if (multiples === undefined)
      return { output: { dtype: input.dtype, shape: shape === null ? null : shape.map(() => null) } };
    if (shape !== null && multiples.length !== shape.length)
      throw new InferError('attr', `multiples has ${multiples.length} entries but input is ${formatShape(shape)}`, {
        attr: 'multiples',
      });
    return {
      output: {
        dtype: input.dtype,
        shape: multiples.map((m, i) => {
          const d = shape === null ? null : shape[i]!;
          return m === 0 ? 0 : d === null ? null : d * m;
        }),
      },
    };
  },
  forward: (tf, { input }, { multiples }) => ({ output: tf.tile(input, [...multiples]) }),
  code: ({ inputs: { input }, attr }) => `tf.tile(${input}, ${attr('multiples')})`,
});
