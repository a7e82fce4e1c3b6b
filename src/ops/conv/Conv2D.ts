import type { Tensor4D } from '@tensorflow/tfjs';
import { InferError } from '../../graph/op-signature';
import { dimsAgree, formatShape, sameDtype } from '../../graph/shape';
import { defineOp } from '../define-op';
import { FLOAT } from '../dtypes';
import { convAttrs, rank4, spatial, tfjsPadding, windowOutput } from './window';

export const Conv2D = defineOp({
  name: 'Conv2D',
  category: 'conv',
  doc: '2-D convolution of an NHWC input with an HWIO filter.',
  inputs: { input: { dtypes: FLOAT }, filter: { dtypes: FLOAT } },
  outputs: ['output'],
  attrs: convAttrs,
  infer: (inputs, { strides, padding, dilations }) => {
    const dtype = sameDtype(inputs, ['input', 'filter']);
    const [n, h, w, c] = rank4(inputs.input, 'input');
    const [fh, fw, fc, out] = rank4(inputs.filter, 'filter');
    const [sh, sw] = spatial(strides, 'strides');
    const [dh, dw] = spatial(dilations, 'dilations');
    if (Math.max(sh, sw) > 1 && Math.max(dh, dw) > 1)
      throw new InferError('attr', 'tfjs cannot combine strides > 1 with dilations > 1', { attr: 'dilations' });
    if (!dimsAgree(c, fc))
      throw new InferError(
        'shape',
        `filter ${formatShape(inputs.filter.shape)} takes ${fc} channels but input ${formatShape(inputs.input.shape)} has ${c}`,
        { port: 'filter' },
      );
    const blame = { port: 'filter' };
    return {
      output: {
        dtype,
        shape: [n, windowOutput(h, fh, sh, dh, padding, blame), windowOutput(w, fw, sw, dw, padding, blame), out],
      },
    };
  },
  forward: (tf, { input, filter }, { strides, padding, dilations }) => ({
    output: tf.conv2d(
      input as Tensor4D,
      filter as Tensor4D,
      spatial(strides, 'strides'),
      tfjsPadding(padding),
      'NHWC',
      spatial(dilations, 'dilations'),
    ),
  }),
});
