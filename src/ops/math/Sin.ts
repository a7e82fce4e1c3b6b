import { unaryOp } from '../unary-op';

export const Sin = unaryOp('Sin', 'Elementwise sine of x (radians).', (tf, x) => tf.sin(x));
