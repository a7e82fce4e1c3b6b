import { INT32_AS_FLOAT } from '../backend-limits';
import { NUMERIC } from '../dtypes';
import { unaryOp } from '../unary-op';

export const Relu = unaryOp('Relu', 'Rectified linear unit max(features, 0).', (tf, x) => tf.relu(x), {
  dtypes: NUMERIC,
  ports: ['features', 'activations'],
  limits: [INT32_AS_FLOAT],
  category: 'activation',
});
