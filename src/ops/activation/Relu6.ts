import { NUMERIC } from '../dtypes';
import { unaryOp } from '../unary-op';

export const Relu6 = unaryOp(
  'Relu6',
  'Rectified linear unit capped at 6: min(max(features, 0), 6).',
  (tf, x) => tf.relu6(x),
  { dtypes: NUMERIC, ports: ['features', 'activations'], category: 'activation' },
);
