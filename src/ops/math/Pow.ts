import { NON_FINITE } from '../backend-limits';
import { binaryOp } from '../binary-op';
import type { CodeHelper, Tensor, TF } from '../define-op';
import { INT32_BINARY_CODE, int32Binary, onHost, WRAPPING_POW_CODE, wrappingPow } from '../host-int32';

const NEGATIVE_POWER = 'Integers to negative integer powers are not allowed';

export const Pow = binaryOp(
  'Pow',
  'Elementwise power x to the y, broadcasting (C pow: 1 to any power is 1); an int32 negative power is an error.',
  (tf, x, y) => (x.dtype === 'int32' ? intPow(tf, x, y) : floatPow(tf, x, y)),
  {
    composite: true,
    limits: [NON_FINITE],
    code: (x, y, { dtype }, { helper, outputs, literal }) =>
      dtype === 'int32'
        ? {
            lines: [`const ${outputs['z']} = ${helper(INT32_BINARY_CODE)}(${x}, ${y}, ${helper(WRAPPING_POW_CODE)});`],
            checks: [{ failed: `tf.any(tf.less(${y}, 0))`, message: literal(NEGATIVE_POWER) }],
          }
        : `${helper(C_POW_CODE)}(${x}, ${y})`,
    checks: (tf, x, y) => (x.dtype === 'int32' ? [{ failed: tf.any(tf.less(y, 0)), message: NEGATIVE_POWER }] : []),
    // TensorFlow's: y·x^(y-1)·dz for x, and z·log(x)·dz for y where x > 0 (0 elsewhere).
    gradient: (tf, x, y, z, dz) => [
      tf.mul(dz, tf.mul(y, floatPow(tf, x, tf.sub(y, 1)))),
      tf.mul(dz, tf.mul(z, tf.where(tf.greater(x, 0), tf.log(x), tf.zerosLike(x)))),
    ],
  },
);

/**
 * C's pow (TensorFlow's). JavaScript's Math.pow gives NaN for 1^NaN, 1^±∞ and (-1)^±∞, where C
 * gives 1; tfjs's WebGPU kernel, which goes through exp2(y · log2 x), gets a zero base wrong.
 */
function floatPow(tf: TF, x: Tensor, y: Tensor): Tensor {
  const p = tf.pow(x, y);
  const one = tf.logicalOr(tf.equal(x, 1), tf.logicalAnd(tf.equal(x, -1), tf.isInf(y)));
  const c = tf.where(one, 1, p);
  if (onHost(tf)) return c;
  // ±0 to an odd integer power keeps the zero's sign: ±0 above 0, ±∞ (1 / x) below; +0 and +∞ otherwise.
  const odd = tf.logicalAnd(tf.equal(tf.floor(y), y), tf.equal(tf.mod(y, 2), 1));
  const ofZero = tf.where(tf.less(y, 0), tf.where(odd, tf.div(1, x), Infinity), tf.where(odd, x, 0));
  return tf.where(tf.logicalAnd(tf.equal(x, 0), tf.notEqual(y, 0)), ofZero, c);
}

/**
 * tfjs raises int32 values to powers in floating point: on the host backends it is done exactly
 * here; elsewhere the float result is rounded (tfjs's WebGPU kernel truncates 999.9999 to 999).
 */
function intPow(tf: TF, x: Tensor, y: Tensor): Tensor {
  if (onHost(tf)) return int32Binary(tf, x, y, wrappingPow);
  return tf.cast(tf.round(tf.pow(tf.cast(x, 'float32'), tf.cast(y, 'float32'))), 'int32');
}

/** floatPow, as on the CPU, as generated code writes it. */
const C_POW_CODE: CodeHelper = {
  name: 'cPow',
  source: `/** C's pow, TensorFlow's: JavaScript's gives NaN for 1^NaN, 1^±∞ and (-1)^±∞, where C gives 1. */
function cPow(x: tf.Tensor, y: tf.Tensor): tf.Tensor {
  const one = tf.logicalOr(tf.equal(x, 1), tf.logicalAnd(tf.equal(x, -1), tf.isInf(y)));
  return tf.where(one, 1, tf.pow(x, y));
}`,
};
