import type { Tensor, TF, ValueCheck } from './define-op';

/** TensorFlow refuses an int32 division by zero, where tfjs returns 0; so must Tensorloom. */
export function integerDivisionByZero(tf: TF, x: Tensor, y: Tensor): readonly ValueCheck[] {
  return x.dtype === 'int32' ? [{ failed: tf.any(tf.equal(y, 0)), message: 'Integer division by zero' }] : [];
}
