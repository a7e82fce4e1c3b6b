import { attr } from '../../graph/attrs';
import { InferError } from '../../graph/op-signature';
import { dimsAgree, formatShape, mergeDim, sameDtype } from '../../graph/shape';
import { defineOp } from '../define-op';
import { NUMERIC } from '../dtypes';

export const BiasAdd = defineOp({
  name: 'BiasAdd',
  category: 'linalg',
  doc: 'Adds the 1-D bias to value along its last (channel) dimension.',
  inputs: { value: { dtypes: NUMERIC }, bias: { dtypes: NUMERIC } },
  outputs: ['output'],
  attrs: { data_format: attr.enumOf('NHWC', ['NHWC']) },
  infer: (inputs) => {
    const dtype = sameDtype(inputs, ['value', 'bias']);
    const { value, bias } = inputs;
    if (bias.shape !== null && bias.shape.length !== 1)
      throw new InferError('shape', `bias must be 1-D, got ${formatShape(bias.shape)}`, { port: 'bias' });
    if (value.shape === null) return { output: { dtype, shape: null } };
    if (value.shape.length < 2)
      throw new InferError('shape', `value must have rank ≥ 2, got ${formatShape(value.shape)}`, { port: 'value' });
    const channels = value.shape.at(-1)!;
    const size = bias.shape === null ? null : bias.shape[0]!;
    if (!dimsAgree(channels, size))
      throw new InferError(
        'shape',
        `bias ${formatShape(bias.shape)} does not match the last dimension of value ${formatShape(value.shape)}`,
        { port: 'bias' },
      );
    return { output: { dtype, shape: [...value.shape.slice(0, -1), mergeDim(channels, size)] } };
  },
  forward: (tf, { value, bias }) => ({ output: tf.add(value, bias) }),
});
