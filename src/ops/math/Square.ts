import { NUMERIC } from '../dtypes';
import { unaryOp } from '../unary-op';

export const Square = unaryOp('Square', 'Elementwise square x².', (tf, x) => tf.square(x), { dtypes: NUMERIC });
