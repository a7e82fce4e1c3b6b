import { broadcastShapes, sameDtype } from '../../graph/shape';
import { defineOp } from '../define-op';
import { ANY, BOOL } from '../dtypes';

export const Select = defineOp({
  name: 'Select',
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
});
