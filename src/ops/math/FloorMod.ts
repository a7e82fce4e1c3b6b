import { binaryOp } from '../binary-op';
import type { CodeHelper, Tensor, TF } from '../define-op';
import { divisionCode, integerDivisionByZero } from '../integer-division';

export const FloorMod = binaryOp(
  'FloorMod',
  'Elementwise remainder x - floor(x / y) * y, taking the sign of y, broadcasting; int32 division by zero is an error.',
  (tf, x, y) => {
    if (x.dtype !== 'int32') return floatFloorMod(tf, x, y);
    // tfjs's mod already rounds the quotient down, unlike JavaScript's %.
    return tf.mod(x, y);
  },
  {
    composite: true,
    checks: integerDivisionByZero,
    code: (x, y, type, args) =>
      divisionCode(
        type.dtype === 'int32' ? `tf.mod(${x}, ${y})` : `${args.helper(FLOAT_FLOOR_MOD_CODE)}(${x}, ${y})`,
        y,
        type,
        args,
      ),
    // TensorFlow's: dz for x and -floor(x / y) · dz for y.
    gradient: (tf, x, y, _z, dz) => [dz, tf.mul(dz, tf.neg(tf.floor(tf.div(x, y))))],
  },
);

/**
 * TensorFlow's float remainder: r = fmod(x, y), plus y when r is nonzero and its sign differs from
 * y's. tfjs's mod rounds (r + y) once more (giving 0 where y dwarfs x) and gives its zeros y's sign
 * and NaN for an infinite y, so fmod is built from a remainder of magnitudes, which tfjs gets exact.
 */
function floatFloorMod(tf: TF, x: Tensor, y: Tensor): Tensor {
  const rem = tf.mod(tf.abs(x), tf.abs(y));
  // fmod's result has the sign of x, a zero included (fmod(-6, 3) = -0).
  const fmod = tf.where(tf.equal(rem, 0), tf.mul(x, 0), tf.where(tf.less(x, 0), tf.neg(rem), rem));
  const crosses = tf.logicalAnd(tf.notEqual(fmod, 0), tf.notEqual(tf.less(y, 0), tf.less(fmod, 0)));
  return tf.where(crosses, tf.add(fmod, y), fmod);
}

/** floatFloorMod as generated code writes it. */
const FLOAT_FLOOR_MOD_CODE: CodeHelper = {
  name: 'floorMod',
  source: `/**
 * TensorFlow's float remainder: r = fmod(x, y), plus y when r is nonzero and its sign differs from
 * y's. tfjs's mod rounds (r + y) once more, gives its zeros y's sign and NaN for an infinite y.
 */
function floorMod(x: tf.Tensor, y: tf.Tensor): tf.Tensor {
  const rem = tf.mod(tf.abs(x), tf.abs(y));
  const fmod = tf.where(tf.equal(rem, 0), tf.mul(x, 0), tf.where(tf.less(x, 0), tf.neg(rem), rem));
  const crosses = tf.logicalAnd(tf.notEqual(fmod, 0), tf.notEqual(tf.less(y, 0), tf.less(fmod, 0)));
  return tf.where(crosses, tf.add(fmod, y), fmod);
}`,
};
