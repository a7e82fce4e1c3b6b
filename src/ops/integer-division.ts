import type { TensorType } from '../graph/types';
import type { AnyCodeArgs, OpCode, Tensor, TF, ValueCheck } from './define-op';

const DIVISION_BY_ZERO = 'Integer division by zero';

/** TensorFlow refuses an int32 division by zero, where tfjs returns 0; so must Tensorloom. */
export function integerDivisionByZero(tf: TF, x: Tensor, y: Tensor): readonly ValueCheck[] {
  return x.dtype === 'int32' ? [{ failed: tf.any(tf.equal(y, 0)), message: DIVISION_BY_ZERO }] : [];
}

/** A division's code, `value` the expression of its output z, with TensorFlow's check where it divides int32 by y. */
export function divisionCode(value: string, y: string, type: TensorType, { outputs, literal }: AnyCodeArgs): OpCode {
  if (type.dtype !== 'int32') return value;
  return {
    lines: [`const ${outputs['z']} = ${value};`],
    checks: [{ failed: `tf.any(tf.equal(${y}, 0))`, message: literal(DIVISION_BY_ZERO) }],
  };
}
