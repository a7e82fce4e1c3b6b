import { attr } from '../../graph/attrs';
import { InferError, type InputsOf } from '../../graph/op-signature';
import { dimsAgree, formatShape, mergeDim } from '../../graph/shape';
import type { Dim, TensorType } from '../../graph/types';
import type { AnyCodeArgs, CodeHelper, OpCode, Tensor, TF } from '../define-op';
import { FLOAT } from '../dtypes';

export const batchNormInputs = {
  x: { dtypes: FLOAT },
  scale: { dtypes: FLOAT },
  offset: { dtypes: FLOAT },
  mean: { dtypes: FLOAT, doc: 'the population mean; in training, only for the running average' },
  variance: { dtypes: FLOAT, doc: 'the population variance; in training, only for the running average' },
} as const;

export const batchNormAttrs = {
  epsilon: attr.float(0.0001, { doc: 'added to the variance before its square root' }),
  exponential_avg_factor: attr.float(1, {
    doc: "in training, the weight of the batch's statistics against mean and variance in batch_mean and batch_variance",
  }),
  data_format: attr.enumOf('NHWC', ['NHWC', 'NCHW']),
  is_training: attr.bool(true, { doc: "normalize by the batch's own mean and variance" }),
};

export const BATCH_NORM_OUTPUTS = ['y', 'batch_mean', 'batch_variance', 'reserve_space_1', 'reserve_space_2'] as const;
type BatchNormOutput = (typeof BATCH_NORM_OUTPUTS)[number];

interface BatchNormAttrs {
  readonly epsilon: number;
  readonly exponential_avg_factor: number;
  readonly data_format: 'NHWC' | 'NCHW';
  readonly is_training: boolean;
}

/** The channel axis: the last (NHWC, NDHWC for rank 5) or the second (NCHW, NCDHW). */
const channelAxis = (rank: number, format: BatchNormAttrs['data_format']) => (format === 'NCHW' ? 1 : rank - 1);

/**
 * x's type, and per channel the statistics'. In training with no running average, mean and
 * variance go unread, so TensorFlow takes any length for them.
 */
export function batchNormTypes(
  inputs: InputsOf<typeof batchNormInputs, TensorType>,
  { exponential_avg_factor, data_format, is_training }: BatchNormAttrs,
): Record<BatchNormOutput, TensorType> {
  const { x } = inputs;
  if (x.shape !== null && x.shape.length !== 4 && x.shape.length !== 5)
    throw new InferError('shape', `x must be rank 4 or 5, got ${formatShape(x.shape)}`, { port: 'x' });
  let channels: Dim = x.shape === null ? null : x.shape[channelAxis(x.shape.length, data_format)]!;
  const statsRead = !is_training || exponential_avg_factor !== 1;
  for (const port of ['scale', 'offset', 'mean', 'variance'] as const) {
    const { shape } = inputs[port];
    if (shape === null) continue;
    if (shape.length !== 1) throw new InferError('shape', `${port} must be 1-D, got ${formatShape(shape)}`, { port });
    if (!statsRead && (port === 'mean' || port === 'variance')) continue;
    if (!dimsAgree(shape[0]!, channels))
      throw new InferError('shape', `${port} has ${shape[0]} values for the ${channels} channels of x`, { port });
    channels = mergeDim(channels, shape[0]!);
  }
  const stats: TensorType = { dtype: 'float32', shape: [channels] };
  return {
    y: x,
    batch_mean: stats,
    batch_variance: stats,
    reserve_space_1: stats,
    reserve_space_2: stats,
  };
}

/**
 * x viewed as [values, channels] (NHWC, NDHWC) or [batch, channels, values] (NCHW, NCDHW): the
 * statistics reduce over axis 0 (and 2), and per-channel vectors broadcast as [channels] or
 * [channels, 1]. tfjs's WebGPU kernels cannot broadcast against a rank-5 tensor.
 */
class ChannelView {
  readonly values: Tensor;
  readonly axes: number[];
  /** How many values each channel has. */
  readonly count: number;
  private readonly channelsLast: boolean;

  constructor(
    private readonly tf: TF,
    private readonly x: Tensor,
    format: BatchNormAttrs['data_format'],
  ) {
    const axis = channelAxis(x.rank, format);
    const size = (dims: number[]) => dims.reduce((a, b) => a * b, 1);
    const [before, channels, after] = [size(x.shape.slice(0, axis)), x.shape[axis]!, size(x.shape.slice(axis + 1))];
    this.channelsLast = axis === x.rank - 1;
    this.values = tf.reshape(x, this.channelsLast ? [before, channels] : [before, channels, after]);
    this.axes = this.channelsLast ? [0] : [0, 2];
    this.count = before * after;
  }

  perChannel(t: Tensor): Tensor {
    return this.channelsLast ? t : this.tf.reshape(t, [t.size, 1]);
  }

  /** Per channel, the sum of `t`, a tensor of the view's shape. */
  sum(t: Tensor): Tensor {
    return this.tf.sum(t, this.axes);
  }

  /** `t`, a tensor of the view's shape, in x's. */
  unview(t: Tensor): Tensor {
    return this.tf.reshape(t, this.x.shape);
  }

  /**
   * The mean and (biased) variance per channel, as TensorFlow computes them: multiplying by
   * 1 / count rather than dividing.
   */
  statistics(): [Tensor, Tensor] {
    const { tf, values } = this;
    const mean = tf.mul(this.sum(values), 1 / this.count);
    return [mean, tf.mul(this.sum(tf.square(tf.sub(values, this.perChannel(mean)))), 1 / this.count)];
  }
}

/** (x - mean) · (rsqrt(variance + epsilon) · scale) + offset, in the order TensorFlow's CPU kernel rounds. */
export function normalize(
  tf: TF,
  x: Tensor,
  { scale, offset, mean, variance }: Readonly<Record<'scale' | 'offset' | 'mean' | 'variance', Tensor>>,
  epsilon: number,
): Tensor {
  return tf.add(tf.mul(tf.sub(x, mean), tf.mul(tf.rsqrt(tf.add(variance, epsilon)), scale)), offset);
}

/**
 * In training, by the batch's statistics: batch_variance is unbiased (for the running average),
 * reserve_space_2 biased (what y used). Otherwise by mean and variance, which the other outputs
 * repeat (TensorFlow's CPU kernel leaves the reserve spaces unset then).
 */
export function batchNorm(
  tf: TF,
  { x, scale, offset, mean, variance }: InputsOf<typeof batchNormInputs, Tensor>,
  { epsilon, exponential_avg_factor: factor, data_format, is_training }: BatchNormAttrs,
): Record<BatchNormOutput, Tensor> {
  if (x.size === 0) {
    // TensorFlow's statistics of no values are NaN, even when it only has to repeat mean and variance.
    const nan = () => tf.fill([x.shape[channelAxis(x.rank, data_format)]!], NaN);
    return { y: tf.clone(x), batch_mean: nan(), batch_variance: nan(), reserve_space_1: nan(), reserve_space_2: nan() };
  }
  const view = new ChannelView(tf, x, data_format);
  const normalizedBy = (by: Tensor, spread: Tensor) => {
    const along = (t: Tensor) => view.perChannel(t);
    const stats = { scale: along(scale), offset: along(offset), mean: along(by), variance: along(spread) };
    return view.unview(normalize(tf, view.values, stats, epsilon));
  };
  if (!is_training)
    return {
      y: normalizedBy(mean, variance),
      batch_mean: tf.clone(mean),
      batch_variance: tf.clone(variance),
      reserve_space_1: tf.clone(mean),
      reserve_space_2: tf.clone(variance),
    };
  const [batchMean, batchVariance] = view.statistics();
  const { count } = view;
  const unbiased = tf.mul(batchVariance, count > 1 ? count / (count - 1) : 1);
  const average = (old: Tensor, now: Tensor) =>
    factor === 1 ? tf.clone(now) : tf.add(tf.mul(old, 1 - factor), tf.mul(now, factor));
  return {
    y: normalizedBy(batchMean, batchVariance),
    batch_mean: average(mean, batchMean),
    batch_variance: average(variance, unbiased),
    reserve_space_1: batchMean,
    reserve_space_2: batchVariance,
  };
}

/**
 * TensorFlow's FusedBatchNormGrad: only y passes a gradient back (none reaches mean or variance),
 * through the statistics y was normalized by.
 */
export function batchNormGradient(
  tf: TF,
  {
    inputs: { x, scale, mean, variance },
    dy: { y: dy },
    attrs: { epsilon, data_format, is_training },
  }: {
    readonly inputs: InputsOf<typeof batchNormInputs, Tensor>;
    readonly dy: Readonly<Record<BatchNormOutput, Tensor>>;
    readonly attrs: BatchNormAttrs;
  },
): Partial<InputsOf<typeof batchNormInputs, Tensor>> {
  // Nothing to pass back; TensorFlow gives zeros rather than a product with the NaN statistics.
  if (x.size === 0) return {};
  const view = new ChannelView(tf, x, data_format);
  const [statMean, statVariance] = is_training ? view.statistics() : [mean, variance];
  const rsqrt = tf.rsqrt(tf.add(statVariance, epsilon));
  const centered = tf.sub(view.values, view.perChannel(statMean));
  const dyValues = tf.reshape(dy, view.values.shape);
  const dOffset = view.sum(dyValues);
  const dyCentered = view.sum(tf.mul(dyValues, centered));
  const gain = view.perChannel(tf.mul(scale, rsqrt));
  const grads = { scale: tf.mul(dyCentered, rsqrt), offset: dOffset };
  if (!is_training) return { x: view.unview(tf.mul(dyValues, gain)), ...grads };
  // The batch's statistics depend on x too: dy - mean(dy) - centered · mean(dy · centered) / (variance + epsilon).
  const meanDy = view.perChannel(tf.mul(dOffset, 1 / view.count));
  const along = view.perChannel(tf.mul(tf.mul(dyCentered, 1 / view.count), tf.square(rsqrt)));
  return { x: view.unview(tf.mul(gain, tf.sub(tf.sub(dyValues, meanDy), tf.mul(centered, along)))), ...grads };
}

/** normalize as generated code writes it. */
export const NORMALIZE_CODE: CodeHelper = {
  name: 'normalize',
  source: `/** (x - mean) · (rsqrt(variance + epsilon) · scale) + offset, in the order TensorFlow's CPU kernel rounds. */
function normalize(
  x: tf.Tensor,
  scale: tf.Tensor,
  offset: tf.Tensor,
  mean: tf.Tensor,
  variance: tf.Tensor,
  epsilon: number,
): tf.Tensor {
  return tf.add(tf.mul(tf.sub(x, mean), tf.mul(tf.rsqrt(tf.add(variance, epsilon)), scale)), offset);
}`,
};

/** batchNorm as generated code writes it. */
const BATCH_NORM_CODE: CodeHelper = {
  name: 'batchNorm',
  uses: [NORMALIZE_CODE],
  source: `/**
 * Batch normalization per channel, x viewed as [values, channels] or (channels first) [batch,
 * channels, values]: in training by the batch's own mean and biased variance (the running averages
 * take it unbiased), otherwise by mean and variance, which the other outputs repeat. Returns y,
 * batch_mean, batch_variance, reserve_space_1 and reserve_space_2.
 */
function batchNorm(
  x: tf.Tensor,
  scale: tf.Tensor,
  offset: tf.Tensor,
  mean: tf.Tensor,
  variance: tf.Tensor,
  epsilon: number,
  factor: number,
  channelsFirst: boolean,
  training: boolean,
): tf.Tensor[] {
  const axis = channelsFirst ? 1 : x.rank - 1;
  if (x.size === 0) {
    // TensorFlow's statistics of no values are NaN, even when it only has to repeat mean and variance.
    const nan = () => tf.fill([x.shape[axis]!], NaN);
    return [tf.clone(x), nan(), nan(), nan(), nan()];
  }
  const size = (dims: number[]) => dims.reduce((a, b) => a * b, 1);
  const [before, after] = [size(x.shape.slice(0, axis)), size(x.shape.slice(axis + 1))];
  const last = axis === x.rank - 1;
  const values = tf.reshape(x, last ? [before, x.shape[axis]!] : [before, x.shape[axis]!, after]);
  const along = (t: tf.Tensor) => (last ? t : tf.reshape(t, [t.size, 1]));
  const sum = (t: tf.Tensor) => tf.sum(t, last ? [0] : [0, 2]);
  const normalizedBy = (by: tf.Tensor, spread: tf.Tensor) =>
    tf.reshape(normalize(values, along(scale), along(offset), along(by), along(spread), epsilon), x.shape);
  if (!training)
    return [normalizedBy(mean, variance), tf.clone(mean), tf.clone(variance), tf.clone(mean), tf.clone(variance)];
  const count = before * after;
  // Multiplied by 1 / count rather than divided, as TensorFlow computes them.
  const batchMean = tf.mul(sum(values), 1 / count);
  const batchVariance = tf.mul(sum(tf.square(tf.sub(values, along(batchMean)))), 1 / count);
  const unbiased = tf.mul(batchVariance, count > 1 ? count / (count - 1) : 1);
  const average = (old: tf.Tensor, now: tf.Tensor) =>
    factor === 1 ? tf.clone(now) : tf.add(tf.mul(old, 1 - factor), tf.mul(now, factor));
  return [
    normalizedBy(batchMean, batchVariance),
    average(mean, batchMean),
    average(variance, unbiased),
    batchMean,
    batchVariance,
  ];
}`,
};

/** batchNorm as code, declaring its five outputs, and any `more` lines (FusedBatchNormV3's sixth). */
export function batchNormCode(args: AnyCodeArgs, more: readonly string[] = []): OpCode {
  const { x, scale, offset, mean, variance } = args.inputs as Record<string, string>;
  const { epsilon, exponential_avg_factor, data_format, is_training } = args.attrs as unknown as BatchNormAttrs;
  const outputs = BATCH_NORM_OUTPUTS.map((port) => args.outputs[port]).join(', ');
  const call = [x, scale, offset, mean, variance, ...[epsilon, exponential_avg_factor].map(args.literal)];
  return {
    lines: [
      `const [${outputs}] = ${args.helper(BATCH_NORM_CODE)}(${call.join(', ')}, ${data_format === 'NCHW'}, ${is_training});`,
      ...more,
    ],
  };
}
