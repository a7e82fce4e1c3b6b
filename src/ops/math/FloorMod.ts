import { binaryOp } from '../binary-op';

export const FloorMod = binaryOp(
  'FloorMod',
  'Elementwise remainder x - floor(x / y) * y, taking the sign of y, broadcasting.',
  // tfjs's mod already rounds the quotient down, unlike JavaScript's %.
  (tf, x, y) => tf.mod(x, y),
);
