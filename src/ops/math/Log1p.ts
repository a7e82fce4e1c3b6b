import { unaryOp } from '../unary-op';

export const Log1p = unaryOp('Log1p', 'Elementwise ln(1 + x), accurate for x near 0.', (tf, x) => tf.log1p(x));
