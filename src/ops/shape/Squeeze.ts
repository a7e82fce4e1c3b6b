import { attr } from '../../graph/attrs';
import { InferError } from '../../graph/op-signature';
import { formatShape, normalizeAxis } from '../../graph/shape';
import { defineOp } from '../define-op';
import { ANY } from '../dtypes';

export const Squeeze = defineOp({
  name: 'Squeeze',
  category: 'shape',
  doc: 'Removes the listed size-1 dimensions, or every size-1 dimension when none are listed.',
  inputs: { input: { dtypes: ANY } },
  outputs: ['output'],
  attrs: { squeeze_dims: attr.ints([], { doc: 'the size-1 axes to remove; all of them when empty' }) },
  infer: ({ input }, { squeeze_dims }) => {
    const { dtype, shape } = input;
    if (shape === null) return { output: { dtype, shape: null } };
    if (squeeze_dims.length === 0)
      // An unknown dimension may turn out to be 1, so not even the rank is known.
      return { output: { dtype, shape: shape.includes(null) ? null : shape.filter((d) => d !== 1) } };
    const axes = new Set(squeeze_dims.map((a) => normalizeAxis(a, shape.length, 'squeeze_dims')));
    if (axes.size !== squeeze_dims.length)
      throw new InferError('attr', `squeeze_dims lists a dimension twice: [${squeeze_dims.join(', ')}]`, {
        attr: 'squeeze_dims',
      });
    for (const a of axes)
      if (shape[a] !== null && shape[a] !== 1)
        throw new InferError('attr', `cannot squeeze axis ${a} of ${formatShape(shape)}: its size is not 1`, {
          attr: 'squeeze_dims',
        });
    return { output: { dtype, shape: shape.filter((_, i) => !axes.has(i)) } };
  },
  forward: (tf, { input }, { squeeze_dims }) => ({
    output: tf.squeeze(input, squeeze_dims.length === 0 ? undefined : [...squeeze_dims]),
  }),
  code: ({ inputs: { input }, attrs: { squeeze_dims }, attr }) =>
    squeeze_dims.length === 0 ? `tf.squeeze(${input})` : `tf.squeeze(${input}, ${attr('squeeze_dims')})`,
});
