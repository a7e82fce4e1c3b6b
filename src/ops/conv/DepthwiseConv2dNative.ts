import type { Tensor4D } from '@tensorflow/tfjs';
import { InferError } from '../../graph/op-signature';
import { dimsAgree, formatShape, sameDtype } from '../../graph/shape';
import { defineOp } from '../define-op';
import { FLOAT } from '../dtypes';
import { dilatedTaps, tapsCode } from './dilate';
import { convAttrs, convOutput, rank4, spatial, tfjsPadding } from './window';

export const DepthwiseConv2dNative = defineOp({
  name: 'DepthwiseConv2dNative',
  category: 'conv',
  doc: 'Each channel of an NHWC input convolved with its own filters ([h, w, in, multiplier]): in · multiplier channels out.',
  inputs: { input: { dtypes: FLOAT }, filter: { dtypes: FLOAT } },
  outputs: ['output'],
  attrs: convAttrs,
  composite: true,
  infer: (inputs, { strides, padding, dilations }) => {
    const dtype = sameDtype(inputs, ['input', 'filter']);
    const [n, h, w, c] = rank4(inputs.input, 'input');
    const [fh, fw, fc, multiplier] = rank4(inputs.filter, 'filter');
    const [sh, sw] = spatial(strides, 'strides');
    const [dh, dw] = spatial(dilations, 'dilations');
    if (sh !== sw)
      throw new InferError(
        'attr',
        `TensorFlow takes only equal strides along height and width, got [${strides.join(', ')}]`,
        { attr: 'strides' },
      );
    if (!dimsAgree(c, fc))
      throw new InferError(
        'shape',
        `filter ${formatShape(inputs.filter.shape)} takes ${fc} channels but input ${formatShape(inputs.input.shape)} has ${c}`,
        { port: 'filter' },
      );
    const channels = c ?? fc;
    return {
      output: {
        dtype,
        shape: [
          n,
          convOutput(h, fh, sh, dh, padding, 'filter'),
          convOutput(w, fw, sw, dw, padding, 'filter'),
          channels === null || multiplier === null ? null : channels * multiplier,
        ],
      },
    };
  },
  forward: (tf, { input, filter }, { strides, padding, dilations }) => ({
    output: tf.depthwiseConv2d(
      input as Tensor4D,
      dilatedTaps(tf, filter, dilations) as Tensor4D,
      spatial(strides, 'strides'),
      tfjsPadding(padding),
    ),
  }),
  code: ({ inputs: { input, filter }, attrs: { strides, padding, dilations }, helper, literal }) => {
    const taps = tapsCode(filter, dilations, helper);
    const [s, p] = [literal(spatial(strides, 'strides')), literal(tfjsPadding(padding))];
    return `tf.depthwiseConv2d(${input} as tf.Tensor4D, ${taps} as tf.Tensor4D, ${s}, ${p})`;
  },
});
