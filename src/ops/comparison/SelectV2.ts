import { broadcastShapes, sameDtype } from '../../graph/shape';
import { sumToShape } from '../broadcast-gradient';
import { defineOp } from '../define-op';
import { ANY, BOOL } from '../dtypes';

export const SelectV2 = defineOp({
  name: 'SelectV2',
  category: 'comparison',
  doc: 'Elementwise t where condition is true, else e, broadcasting all three.',
  inputs: { condition: { dtypes: BOOL }, t: { dtypes: ANY }, e: { dtypes: ANY } },
  outputs: ['output'],
  infer: (inputs) => {
    const dtype = sameDtype(inputs, ['t', 'e']);
    const { condition, t, e } = inputs;
    return { output: { dtype, shape: broadcastShapes(broadcastShapes(condition.shape, t.shape, 't'), e.shape, 'e') } };
  },
  forward: (tf, { condition, t, e }) => ({ output: tf.where(condition, t, e) }),
  code: ({ inputs: { condition, t, e } }) => `tf.where(${condition}, ${t}, ${e})`,
  // tfjs's gradient does not sum a broadcast t or e's gradient back to its shape.
  gradient: (tf, { inputs: { condition, t, e }, dy: { output: dy } }) => {
    const zero = tf.zerosLike(dy);
    return {
      t: sumToShape(tf, tf.where(condition, dy, zero), t.shape),
      e: sumToShape(tf, tf.where(condition, zero, dy), e.shape),
    };
  },
});
