import { NUMERIC } from '../dtypes';
import { INT32_UNARY_CODE, int32Unary, onHost, wrappingMul } from '../host-int32';
import { unaryOp } from '../unary-op';

export const Square = unaryOp(
  'Square',
  'Elementwise square x²; int32 results wrap past 2³¹ as in TensorFlow.',
  // tfjs's CPU kernel returns int32 squares through float32, rounding those past 2²⁴.
  (tf, x) => (x.dtype === 'int32' && onHost(tf) ? int32Unary(tf, x, (a) => wrappingMul(a, a)) : tf.square(x)),
  {
    dtypes: NUMERIC,
    code: (x, { dtype }, { helper }) =>
      dtype === 'int32' ? `${helper(INT32_UNARY_CODE)}(${x}, (a) => Math.imul(a, a))` : `tf.square(${x})`,
  },
);
