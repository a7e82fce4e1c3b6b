import { NUMERIC } from '../dtypes';
import { unaryOp } from '../unary-op';

export const Sign = unaryOp('Sign', 'Elementwise sign of x: -1, 0 or 1.', (tf, x) => tf.sign(x), { dtypes: NUMERIC });
