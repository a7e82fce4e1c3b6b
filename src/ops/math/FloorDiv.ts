import { binaryOp } from '../binary-op';
import { divisionCode, integerDivisionByZero } from '../integer-division';

export const FloorDiv = binaryOp(
  'FloorDiv',
  'Elementwise x / y rounded down to an integer, broadcasting; int32 division by zero is an error.',
  // tfjs's floorDiv returns int32 even for float32 inputs (overflowing past 2³¹), where TensorFlow keeps float32.
  (tf, x, y) => (x.dtype === 'int32' ? tf.floorDiv(x, y) : tf.floor(tf.div(x, y))),
  // TensorFlow has no gradient for FloorDiv.
  {
    composite: true,
    differentiable: false,
    checks: integerDivisionByZero,
    code: (x, y, type, args) =>
      divisionCode(type.dtype === 'int32' ? `tf.floorDiv(${x}, ${y})` : `tf.floor(tf.div(${x}, ${y}))`, y, type, args),
  },
);
