import { unaryOp } from '../unary-op';

export const Tan = unaryOp('Tan', 'Elementwise tangent of x (radians).', (tf, x) => tf.tan(x));
