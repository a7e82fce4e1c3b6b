import { NUMERIC } from '../dtypes';
import { unaryOp } from '../unary-op';

export const Relu = unaryOp('Relu', 'Rectified linear unit max(features, 0).', (tf, x) => tf.relu(x), {
  code: (x) => `tf.relu(${x})`,
  dtypes: NUMERIC,
  ports: ['features', 'activations'],
  category: 'activation',
});
