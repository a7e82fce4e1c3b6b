import { binaryOp } from '../binary-op';

export const Mul = binaryOp('Mul', 'Elementwise product x * y, broadcasting.', (tf, x, y) => tf.mul(x, y));
