import { attr } from '../../graph/attrs';
import { InferError } from '../../graph/op-signature';
import { dimsAgree, formatShape, mergeDim, sameDtype } from '../../graph/shape';
import type { Dim } from '../../graph/types';
import { defineOp } from '../define-op';
import { NUMERIC } from '../dtypes';

/** The channel dimension: the last one, or under NCHW the second of a tensor of rank 3 or more. */
const channelAxis = (rank: number, format: string) => (format === 'NCHW' && rank >= 3 ? 1 : rank - 1);

export const BiasAdd = defineOp({
  name: 'BiasAdd',
  category: 'linalg',
  doc: 'Adds the 1-D bias to value along its channel dimension (the last, or the second under NCHW).',
  inputs: { value: { dtypes: NUMERIC }, bias: { dtypes: NUMERIC } },
  outputs: ['output'],
  attrs: { data_format: attr.enumOf('NHWC', ['NHWC', 'NCHW']) },
  composite: true,
  infer: (inputs, { data_format }) => {
    const dtype = sameDtype(inputs, ['value', 'bias']);
    const { value, bias } = inputs;
    if (bias.shape !== null && bias.shape.length !== 1)
      throw new InferError('shape', `bias must be 1-D, got ${formatShape(bias.shape)}`, { port: 'bias' });
    if (value.shape === null) return { output: { dtype, shape: null } };
    if (value.shape.length < 2)
      throw new InferError('shape', `value must have rank ≥ 2, got ${formatShape(value.shape)}`, { port: 'value' });
    const axis = channelAxis(value.shape.length, data_format);
    const channels = value.shape[axis]!;
    const size = bias.shape === null ? null : bias.shape[0]!;
    if (!dimsAgree(channels, size))
      throw new InferError(
        'shape',
        `bias ${formatShape(bias.shape)} does not match the channel dimension (${axis}) of value ${formatShape(value.shape)}`,
        { port: 'bias' },
      );
    const shape: Dim[] = [...value.shape];
    shape[axis] = mergeDim(channels, size);
    return { output: { dtype, shape } };
  },
  forward: (tf, { value, bias }, { data_format }) => {
    const axis = channelAxis(value.rank, data_format);
    if (axis === value.rank - 1) return { output: tf.add(value, bias) };
    // [C] → [C, 1, …, 1]: one bias per channel, stretched over the dimensions after it.
    return { output: tf.add(value, tf.reshape(bias, [bias.size, ...value.shape.slice(axis + 1).map(() => 1)])) };
  },
  code: ({ inputs: { value, bias }, attrs: { data_format }, types }) => {
    const rank = types.inputs.value.shape?.length;
    // [C] → [C, 1, …, 1], one bias per channel, where the channels come before other dimensions.
    const stretched = (ones: string) => `tf.add(${value}, tf.reshape(${bias}, [-1, ${ones}]))`;
    if (data_format === 'NHWC' || (rank !== undefined && rank < 3)) return `tf.add(${value}, ${bias})`;
    if (rank !== undefined)
      return stretched(
        Array<string>(rank - 2)
          .fill('1')
          .join(', '),
      );
    return `${value}.rank < 3 ? tf.add(${value}, ${bias}) : ${stretched(`...${value}.shape.slice(2).map(() => 1)`)}`;
  },
});
