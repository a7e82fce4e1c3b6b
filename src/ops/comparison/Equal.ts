import { binaryOp } from '../binary-op';
import { ANY } from '../dtypes';

export const Equal = binaryOp('Equal', 'Elementwise x == y as bool, broadcasting.', (tf, x, y) => tf.equal(x, y), {
  code: (x, y) => `tf.equal(${x}, ${y})`,
  dtypes: ANY,
  category: 'comparison',
  outputDtype: 'bool',
  differentiable: false,
});
