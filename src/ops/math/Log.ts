import { unaryOp } from '../unary-op';

export const Log = unaryOp('Log', 'Elementwise natural logarithm ln x.', (tf, x) => tf.log(x));
