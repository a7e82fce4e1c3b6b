import { unaryOp } from '../unary-op';

export const Floor = unaryOp('Floor', 'Elementwise largest integer ≤ x.', (tf, x) => tf.floor(x), {
  code: (x) => `tf.floor(${x})`,
});
