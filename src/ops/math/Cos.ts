import { unaryOp } from '../unary-op';

export const Cos = unaryOp('Cos', 'Elementwise cosine of x (radians).', (tf, x) => tf.cos(x));
