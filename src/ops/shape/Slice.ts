import { attr, fromInput } from '../../graph/attrs';
import { InferError } from '../../graph/op-signature';
import { formatShape } from '../../graph/shape';
import { defineOp } from '../define-op';
import { ANY } from '../dtypes';

export const Slice = defineOp({
  name: 'Slice',
  category: 'shape',
  doc: 'The block of input starting at begin with extent size (-1: to the end of that dimension).',
  inputs: {
    input: { dtypes: ANY },
    begin: { dtypes: ['int32'], attr: 'begin' },
    size: { dtypes: ['int32'], attr: 'size' },
  },
  outputs: ['output'],
  attrs: {
    begin: fromInput(attr.ints([0], { min: 0, doc: 'the first index along each dimension' }), 'begin'),
    size: fromInput(attr.ints([-1], { min: -1, doc: 'the extent along each dimension; -1 runs to the end' }), 'size'),
  },
  infer: ({ input }, { begin, size }) => {
    // Known only when running: the rank stays, the sizes are open.
    if (begin === undefined || size === undefined)
      return { output: { dtype: input.dtype, shape: input.shape === null ? null : input.shape.map(() => null) } };
    if (size.length !== begin.length)
      throw new InferError('attr', `size has ${size.length} entries but begin has ${begin.length}`, { attr: 'size' });
    if (input.shape !== null && begin.length !== input.shape.length)
      throw new InferError('attr', `begin has ${begin.length} entries but input is ${formatShape(input.shape)}`, {
        attr: 'begin',
      });
    const shape = begin.map((b, i) => {
      const d = input.shape === null ? null : input.shape[i]!;
      const s = size[i]!;
      if (d !== null && b > d)
        throw new InferError('attr', `begin [${begin.join(', ')}] is outside input ${formatShape(input.shape)}`, {
          attr: 'begin',
        });
      if (d !== null && s !== -1 && b + s > d)
        throw new InferError(
          'attr',
          `begin [${begin.join(', ')}] + size [${size.join(', ')}] runs past input ${formatShape(input.shape)}`,
          { attr: 'size' },
        );
      return s !== -1 ? s : d === null ? null : d - b;
    });
    return { output: { dtype: input.dtype, shape } };
  },
  forward: (tf, { input }, { begin, size }) => ({ output: tf.slice(input, [...begin], [...size]) }),
  code: ({ inputs: { input }, attr }) => `tf.slice(${input}, ${attr('begin')}, ${attr('size')})`,
});
