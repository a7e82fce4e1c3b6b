import { attr, fromInput } from '../../graph/attrs';
import { InferError } from '../../graph/op-signature';
import { normalizeAxis } from '../../graph/shape';
import { SUM_ORDER } from '../backend-limits';
import { defineOp, type Tensor, type TF } from '../define-op';
import { NUMERIC } from '../dtypes';
import { transposesIntsOnGpu } from '../gpu-transpose';
import { toFloat32 } from '../to-float32';

export const Cumsum = defineOp({
  name: 'Cumsum',
  category: 'math',
  doc: 'Running sums along axis: exclusive leaves each element out of its own sum, reverse runs from the end.',
  inputs: { x: { dtypes: NUMERIC }, axis: { dtypes: ['int32'], attr: 'axis' } },
  outputs: ['out'],
  attrs: {
    axis: fromInput(attr.int(0, { doc: 'the dimension to sum along' }), 'axis'),
    exclusive: attr.bool(false),
    reverse: attr.bool(false),
  },
  composite: true,
  limits: [SUM_ORDER],
  infer: ({ x }, { axis }) => {
    if (x.shape?.length === 0) throw new InferError('shape', 'a scalar has no axis to sum along', { port: 'x' });
    if (x.shape !== null && axis !== undefined) normalizeAxis(axis, x.shape.length);
    return { out: x };
  },
  forward: (tf, { x }, { axis, exclusive, reverse }) => ({ out: scan(tf, x, axis, exclusive, reverse) }),
  // tfjs's cumsum takes no negative axis; a reverse scan is written as the forward pass does it.
  code: ({ inputs: { x }, attrs: { axis, exclusive, reverse }, attr, types }) => {
    const rank = types.inputs.x.shape?.length;
    const given = attr('axis');
    const a =
      axis !== undefined && (axis >= 0 || rank !== undefined)
        ? String(axis < 0 ? axis + rank! : axis)
        : `(${given} < 0 ? ${given} + ${x}.rank : ${given})`;
    const sums = (values: string) => `tf.cumsum(${values}, ${a}${exclusive ? ', true' : ''})`;
    return reverse ? `tf.reverse(${sums(`tf.reverse(${x}, ${a})`)}, ${a})` : sums(x);
  },
  // The sums dy runs through, taken the other way: tfjs's gradient transposes a result already in place.
  gradient: (tf, { dy: { out: dy }, attrs: { axis, exclusive, reverse } }) => ({
    x: scan(tf, dy, axis, exclusive, !reverse),
  }),
});

/**
 * tfjs's WebGPU cumsum caches its reverse kernel wrongly, so a reverse scan runs forwards over
 * reversed values; and it transposes to bring the axis last, which fails for int32 there.
 */
function scan(tf: TF, x: Tensor, axis: number, exclusive: boolean, reverse: boolean): Tensor {
  const a = axis < 0 ? axis + x.rank : axis;
  const flipped = reverse ? tf.reverse(x, a) : x;
  const sums = transposesIntsOnGpu(tf, x, [a])
    ? tf.cast(tf.cumsum(toFloat32(tf, flipped), a, exclusive), 'int32')
    : tf.cumsum(flipped, a, exclusive);
  return reverse ? tf.reverse(sums, a) : sums;
}
