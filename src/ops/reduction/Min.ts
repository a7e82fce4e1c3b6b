import { extremeGradient } from './extreme-gradient';
import { reduceOp } from './reduce-op';

export const Min = reduceOp(
  'Min',
  'Minimum of elements across axis (+∞, or the greatest int32, over none). Of +0 and -0 either may be returned.',
  (tf, x, axes, keepDims) => tf.min(x, axes, keepDims),
  {
    code: (args) => `tf.min(${args})`,
    empty: (dtype) => (dtype === 'int32' ? 2 ** 31 - 1 : Infinity),
    gradient: extremeGradient,
    eitherZeroOnTies: true,
  },
);
