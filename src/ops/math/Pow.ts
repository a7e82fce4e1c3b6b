import { binaryOp } from '../binary-op';

export const Pow = binaryOp('Pow', 'Elementwise power x to the y, broadcasting.', (tf, x, y) => tf.pow(x, y));
