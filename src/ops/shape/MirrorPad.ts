import { attr } from '../../graph/attrs';
import { defineOp, type AnyCodeArgs, type Tensor, type TF } from '../define-op';
import { ANY } from '../dtypes';
import { paddedShape, pairs, pairsCode, paddingsAttr, type MirrorMode } from './padding';

export const MirrorPad = defineOp({
  name: 'MirrorPad',
  category: 'shape',
  doc: 'Pads each dimension with its own values mirrored at its edges: REFLECT leaves the edge out, SYMMETRIC repeats it.',
  inputs: { input: { dtypes: ANY }, paddings: { dtypes: ['int32'], attr: 'paddings' } },
  outputs: ['output'],
  attrs: { paddings: paddingsAttr, mode: attr.enumOf<MirrorMode>('REFLECT', ['REFLECT', 'SYMMETRIC']) },
  composite: true,
  infer: ({ input }, { paddings, mode }) => ({
    output: { dtype: input.dtype, shape: paddedShape(input, paddings, mode) },
  }),
  forward: (tf, { input }, { paddings, mode }) => {
    const output = pairs(paddings).reduce(
      (x, [before, after], axis) => mirrored(tf, x, axis, before, after, mode),
      input,
    );
    return { output: output === input ? tf.clone(input) : output };
  },
  // tfjs's mirrorPad computes the same values; the forward pass builds its own for the gradient.
  code: (args) => {
    const { input } = args.inputs;
    const mode = args.literal(args.attrs.mode.toLowerCase());
    return `tf.mirrorPad(${input}, ${pairsCode(args.attrs.paddings, args as AnyCodeArgs)}, ${mode})`;
  },
});

/**
 * `x` with the mirrored slices joined on either side of `axis`: slices, reversals and a concat,
 * whose tfjs gradients fold the padding back onto the values it copies. tfjs's mirrorPad
 * gradient only cuts the middle out, dropping those.
 */
function mirrored(tf: TF, x: Tensor, axis: number, before: number, after: number, mode: MirrorMode): Tensor {
  if (before === 0 && after === 0) return x;
  const skip = mode === 'REFLECT' ? 1 : 0;
  const n = x.shape[axis]!;
  const part = (start: number, size: number) => {
    const begin = x.shape.map((_, i) => (i === axis ? start : 0));
    const sizes = x.shape.map((d, i) => (i === axis ? size : d));
    return tf.reverse(tf.slice(x, begin, sizes), axis);
  };
  return tf.concat(
    [...(before ? [part(skip, before)] : []), x, ...(after ? [part(n - skip - after, after)] : [])],
    axis,
  );
}
