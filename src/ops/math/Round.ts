import { unaryOp } from '../unary-op';

export const Round = unaryOp('Round', 'Elementwise nearest integer to x, halves to even.', (tf, x) => tf.round(x));
