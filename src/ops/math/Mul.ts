import { binaryOp } from '../binary-op';
import { firstOf, neutralOperand } from '../simplify';
import { INT32_BINARY_CODE, int32Binary, onHost, wrappingMul } from '../host-int32';

export const Mul = binaryOp(
  'Mul',
  'Elementwise product x * y, broadcasting; int32 products wrap past 2³¹ as in TensorFlow.',
  // tfjs multiplies int32 values as doubles, which lose the low bits of products past 2⁵³.
  (tf, x, y) => (x.dtype === 'int32' && onHost(tf) ? int32Binary(tf, x, y, wrappingMul) : tf.mul(x, y)),
  {
    code: (x, y, { dtype }, { helper }) =>
      dtype === 'int32' ? `${helper(INT32_BINARY_CODE)}(${x}, ${y}, Math.imul)` : `tf.mul(${x}, ${y})`,
    simplify: firstOf(neutralOperand('x', 'y', 1, 'x · 1 → x'), neutralOperand('y', 'x', 1, '1 · x → x')),
  },
);
