import type { Tensor4D } from '@tensorflow/tfjs';
import { InferError } from '../../graph/op-signature';
import { dimsAgree, formatShape, sameDtype } from '../../graph/shape';
import { defineOp } from '../define-op';
import { FLOAT } from '../dtypes';
import { dilatedTaps, tapsCode } from './dilate';
import { convAttrs, convOutput, rank4, spatial, tfjsPadding } from './window';

export const Conv2D = defineOp({
  name: 'Conv2D',
  category: 'conv',
  doc: '2-D convolution of an NHWC input with an HWIO filter, with any strides and dilations.',
  inputs: { input: { dtypes: FLOAT }, filter: { dtypes: FLOAT } },
  outputs: ['output'],
  attrs: convAttrs,
  composite: true,
  infer: (inputs, { strides, padding, dilations }) => {
    const dtype = sameDtype(inputs, ['input', 'filter']);
    const [n, h, w, c] = rank4(inputs.input, 'input');
    const [fh, fw, fc, out] = rank4(inputs.filter, 'filter');
    const [sh, sw] = spatial(strides, 'strides');
    const [dh, dw] = spatial(dilations, 'dilations');
    if (!dimsAgree(c, fc))
      throw new InferError(
        'shape',
        `filter ${formatShape(inputs.filter.shape)} takes ${fc} channels but input ${formatShape(inputs.input.shape)} has ${c}`,
        { port: 'filter' },
      );
    return {
      output: {
        dtype,
        shape: [n, convOutput(h, fh, sh, dh, padding, 'filter'), convOutput(w, fw, sw, dw, padding, 'filter'), out],
      },
    };
  },
  forward: (tf, { input, filter }, { strides, padding, dilations }) => {
    const taps = dilatedTaps(tf, filter, dilations);
    return {
      output: tf.conv2d(input as Tensor4D, taps as Tensor4D, spatial(strides, 'strides'), tfjsPadding(padding), 'NHWC'),
    };
  },
  code: ({ inputs: { input, filter }, attrs: { strides, padding, dilations }, helper, literal }) => {
    const taps = tapsCode(filter, dilations, helper);
    const [s, p] = [literal(spatial(strides, 'strides')), literal(tfjsPadding(padding))];
    return `tf.conv2d(${input} as tf.Tensor4D, ${taps} as tf.Tensor4D, ${s}, ${p})`;
  },
});
