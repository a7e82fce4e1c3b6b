import { NUMERIC } from '../dtypes';
import { unaryOp } from '../unary-op';

export const Abs = unaryOp('Abs', 'Elementwise absolute value |x|.', (tf, x) => tf.abs(x), { dtypes: NUMERIC });
