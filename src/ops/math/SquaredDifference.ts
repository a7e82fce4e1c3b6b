import { binaryOp } from '../binary-op';
import { INT32_BINARY_CODE, int32Binary, onHost, wrappingMul } from '../host-int32';

export const SquaredDifference = binaryOp(
  'SquaredDifference',
  'Elementwise squared difference (x - y)², broadcasting; int32 results wrap as in TensorFlow.',
  (tf, x, y) =>
    x.dtype === 'int32' && onHost(tf)
      ? int32Binary(tf, x, y, (a, b) => wrappingMul((a - b) | 0, (a - b) | 0))
      : tf.squaredDifference(x, y),
  {
    code: (x, y, { dtype }, { helper }) =>
      dtype === 'int32'
        ? `${helper(INT32_BINARY_CODE)}(${x}, ${y}, (a, b) => Math.imul((a - b) | 0, (a - b) | 0))`
        : `tf.squaredDifference(${x}, ${y})`,
    // tfjs's own gradient does not sum a broadcast input's gradient back to its shape.
    gradient: (tf, x, y, _z, dz) => {
      const d = tf.mul(tf.mul(tf.sub(x, y), 2), dz);
      return [d, tf.neg(d)];
    },
  },
);
