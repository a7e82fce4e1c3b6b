import { NON_FINITE } from '../backend-limits';
import { toFloat32 } from '../to-float32';
import { NUMERIC } from '../dtypes';
import { unaryOp } from '../unary-op';

export const Relu6 = unaryOp(
  'Relu6',
  'Rectified linear unit capped at 6: min(max(features, 0), 6).',
  (tf, x) => tf.relu6(x),
  {
    code: (x) => `tf.relu6(${x})`,
    dtypes: NUMERIC,
    ports: ['features', 'activations'],
    limits: [NON_FINITE],
    category: 'activation',
    // TensorFlow passes the gradient only strictly inside (0, 6); tfjs also at 6.
    gradient: (tf, x, _y, dy) => tf.mul(dy, toFloat32(tf, tf.logicalAnd(tf.greater(x, 0), tf.less(x, 6)))),
  },
);
