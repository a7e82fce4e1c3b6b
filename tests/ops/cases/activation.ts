import type * as tfjs from '@tensorflow/tfjs';
import type { InputGen, OpCase } from '../op-case';

type Tensor = tfjs.Tensor;
type TF = typeof tfjs;

const SELU_SCALE = 1.0507009873554805;
const SELU_ALPHA = 1.6732632423543772;

/**
 * A case for a one-input op checked against `fn`, run in `tf.tidy` because the harness counts live
 * tensors once the reference's outputs are disposed.
 */
function against(
  op: string,
  [input, output]: [string, string],
  fn: (tf: TF, x: Tensor) => Tensor,
  gen: InputGen,
  extra: Partial<OpCase> = {},
): OpCase {
  return {
    op,
    inputs: { [input]: gen },
    reference: (tf, inputs) => tf.tidy(() => ({ [output]: fn(tf, inputs[input] as Tensor) })),
    ...extra,
  };
}

function byHand(
  op: string,
  [input, output]: [string, string],
  values: number[],
  expected: number[],
  extra: Partial<OpCase> = {},
): OpCase {
  return {
    op,
    title: 'by hand',
    inputs: { [input]: { shape: [values.length], values } },
    expected: { [output]: expected },
    ...extra,
  };
}

const FEATURES: [string, string] = ['features', 'activations'];
const XY: [string, string] = ['x', 'y'];
const f = (shape: number[], range?: [number, number]): InputGen => ({ shape, range });

export const cases: OpCase[] = [
  against('Relu', FEATURES, (tf, x) => tf.maximum(x, tf.zerosLike(x)), f([2, 3])),
  against(
    'Relu',
    FEATURES,
    (tf, x) => tf.maximum(x, tf.zerosLike(x)),
    { shape: [5], dtype: 'int32', range: [-5, 5] },
    {
      title: 'int32',
    },
  ),
  byHand('Relu', FEATURES, [-1, 0, 2.5], [0, 0, 2.5]),
  against('Relu6', FEATURES, (tf, x) => tf.clipByValue(x, 0, 6), f([2, 3], [-3, 9])),
  against(
    'Relu6',
    FEATURES,
    (tf, x) => tf.minimum(tf.maximum(x, tf.zerosLike(x)), tf.fill(x.shape, 6, 'int32')),
    { shape: [6], dtype: 'int32', range: [-3, 9] },
    { title: 'int32' },
  ),
  byHand('Relu6', FEATURES, [-1, 3, 7], [0, 3, 6]),
  against('LeakyRelu', FEATURES, (tf, x) => tf.where(tf.greater(x, 0), x, tf.mul(x, 0.2)), f([2, 3]), {
    title: 'default alpha',
  }),
  against('LeakyRelu', FEATURES, (tf, x) => tf.maximum(x, tf.mul(x, 0.05)), f([4]), {
    title: 'alpha 0.05',
    attrs: { alpha: 0.05 },
  }),
  byHand('LeakyRelu', FEATURES, [-2, 0, 3], [-1, 0, 3], { attrs: { alpha: 0.5 } }),
  against('Elu', FEATURES, (tf, x) => tf.where(tf.greater(x, 0), x, tf.sub(tf.exp(x), 1)), f([2, 3])),
  byHand('Elu', FEATURES, [1, 0, -1], [1, 0, -0.6321206]),
  against(
    'Selu',
    FEATURES,
    (tf, x) => tf.mul(SELU_SCALE, tf.where(tf.greater(x, 0), x, tf.mul(SELU_ALPHA, tf.sub(tf.exp(x), 1)))),
    f([2, 3]),
  ),
  byHand('Selu', FEATURES, [1, 0, -1], [1.050701, 0, -1.1113307]),
  against('Softplus', FEATURES, (tf, x) => tf.log(tf.add(tf.exp(x), 1)), f([2, 3], [-5, 5])),
  byHand('Softplus', FEATURES, [0, 1, -1], [0.6931472, 1.3132617, 0.3132617]),
  against('Sigmoid', XY, (tf, x) => tf.div(1, tf.add(tf.exp(tf.neg(x)), 1)), f([2, 3], [-5, 5])),
  byHand('Sigmoid', XY, [0, 2, -2], [0.5, 0.8807971, 0.1192029]),
  against('Tanh', XY, (tf, x) => tf.div(tf.sub(tf.exp(tf.mul(x, 2)), 1), tf.add(tf.exp(tf.mul(x, 2)), 1)), f([2, 3])),
  byHand('Tanh', XY, [0, 1, -1], [0, 0.7615942, -0.7615942]),
  against('Softmax', ['logits', 'softmax'], (tf, x) => tf.div(tf.exp(x), tf.sum(tf.exp(x), -1, true)), f([2, 4])),
  against(
    'Softmax',
    ['logits', 'softmax'],
    (tf, x) => tf.div(tf.exp(x), tf.sum(tf.exp(x), -1, true)),
    f([2, 3, 4], [-5, 5]),
    { title: 'rank 3' },
  ),
  byHand('Softmax', ['logits', 'softmax'], [1, 2, 3], [0.0900306, 0.2447285, 0.665241]),
  against('LogSoftmax', ['logits', 'logsoftmax'], (tf, x) => tf.sub(x, tf.logSumExp(x, -1, true)), f([3, 5], [-5, 5])),
  byHand('LogSoftmax', ['logits', 'logsoftmax'], [1, 2, 3], [-2.4076059, -1.4076059, -0.4076059]),
];
