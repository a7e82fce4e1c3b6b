import { binaryOp } from '../binary-op';
import { FLOAT } from '../dtypes';

export const RealDiv = binaryOp(
  'RealDiv',
  'Elementwise quotient x / y of floats, broadcasting.',
  (tf, x, y) => tf.div(x, y),
  { dtypes: FLOAT },
);
