import { binaryOp } from '../binary-op';
import { ANY } from '../dtypes';

export const NotEqual = binaryOp(
  'NotEqual',
  'Elementwise x != y as bool, broadcasting.',
  (tf, x, y) => tf.notEqual(x, y),
  {
    code: (x, y) => `tf.notEqual(${x}, ${y})`,
    dtypes: ANY,
    category: 'comparison',
    outputDtype: 'bool',
    differentiable: false,
  },
);
