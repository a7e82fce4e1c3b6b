import { unaryOp } from '../unary-op';

export const Exp = unaryOp('Exp', 'Elementwise natural exponential eˣ.', (tf, x) => tf.exp(x));
