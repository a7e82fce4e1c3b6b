import { extremeGradient } from './extreme-gradient';
import { reduceOp } from './reduce-op';

export const Max = reduceOp(
  'Max',
  'Maximum of elements across axis (-∞, or the least int32, over none). Of +0 and -0 either may be returned.',
  (tf, x, axes, keepDims) => tf.max(x, axes, keepDims),
  {
    code: (args) => `tf.max(${args})`,
    empty: (dtype) => (dtype === 'int32' ? -(2 ** 31) : -Infinity),
    gradient: extremeGradient,
    eitherZeroOnTies: true,
  },
);
