import { broadcastShapes, sameDtype } from '../../graph/shape';
import { NON_FINITE } from '../backend-limits';
import { defineOp, type CodeHelper, type Tensor, type TF } from '../define-op';
import { FLOAT } from '../dtypes';

/**
 * max(0, x) + alpha · min(0, x), as Keras's PReLU layer computes it: the tape then gives x no
 * gradient at 0, as TensorFlow's Relu does.
 */
export function prelu(tf: TF, x: Tensor, alpha: Tensor): Tensor {
  return tf.add(tf.relu(x), tf.mul(alpha, tf.neg(tf.relu(tf.neg(x)))));
}

/** prelu as generated code writes it. */
export const PRELU_CODE: CodeHelper = {
  name: 'prelu',
  source: `/** max(0, x) + alpha · min(0, x), as Keras's PReLU layer computes it. */
function prelu(x: tf.Tensor, alpha: tf.Tensor): tf.Tensor {
  return tf.add(tf.relu(x), tf.mul(alpha, tf.neg(tf.relu(tf.neg(x)))));
}`,
};

/**
 * No TensorFlow op: tfjs-converter writes it where it finds Keras's PReLU, and its fused ops take
 * it as their activation.
 */
export const Prelu = defineOp({
  name: 'Prelu',
  category: 'activation',
  doc: 'Parametric rectifier: x where x > 0, else alpha · x, alpha broadcasting against x (one slope per channel).',
  inputs: { x: { dtypes: FLOAT }, alpha: { dtypes: FLOAT } },
  outputs: ['activations'],
  composite: true,
  limits: [NON_FINITE],
  // A maximum and a minimum with 0 may give either zero at x = ±0.
  eitherZeroOnTies: true,
  infer: (inputs) => ({
    activations: {
      dtype: sameDtype(inputs, ['x', 'alpha']),
      shape: broadcastShapes(inputs.x.shape, inputs.alpha.shape, 'alpha'),
    },
  }),
  forward: (tf, { x, alpha }) => ({ activations: prelu(tf, x, alpha) }),
  code: ({ inputs: { x, alpha }, helper }) => `${helper(PRELU_CODE)}(${x}, ${alpha})`,
});
