import type { Tensor4D } from '@tensorflow/tfjs';
import { InferError } from '../../graph/op-signature';
import { dimsAgree, formatShape, sameDtype } from '../../graph/shape';
import { defineOp, type Tensor, type TF } from '../define-op';
import { FLOAT } from '../dtypes';
import { convAttrs, rank4, spatial, tfjsPadding, windowOutput } from './window';

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
    const blame = { port: 'filter' };
    return {
      output: {
        dtype,
        shape: [n, windowOutput(h, fh, sh, dh, padding, blame), windowOutput(w, fw, sw, dw, padding, blame), out],
      },
    };
  },
  forward: (tf, { input, filter }, { strides, padding, dilations }) => {
    const [dh, dw] = spatial(dilations, 'dilations');
    // tfjs dilates only with unit strides and has no gradient for dilations: a dilated convolution is
    // a plain one with zeros between the filter's taps.
    const taps = dh > 1 || dw > 1 ? dilate(tf, filter, dh, dw) : filter;
    return {
      output: tf.conv2d(input as Tensor4D, taps as Tensor4D, spatial(strides, 'strides'), tfjsPadding(padding), 'NHWC'),
    };
  },
});

/** The HWIO filter with dh - 1 zero rows between its rows and dw - 1 zero columns between its columns. */
function dilate(tf: TF, filter: Tensor, dh: number, dw: number): Tensor {
  const along = (f: Tensor, axis: 0 | 1, d: number): Tensor => {
    if (d === 1) return f;
    const n = f.shape[axis]!;
    const spread = tf.stack([f, ...Array.from({ length: d - 1 }, () => tf.zerosLike(f))], axis + 1);
    const shape = [...f.shape];
    shape[axis] = n * d;
    const size = shape.map((s, i) => (i === axis ? (n - 1) * d + 1 : s));
    return tf.slice(
      tf.reshape(spread, shape),
      shape.map(() => 0),
      size,
    );
  };
  return along(along(filter, 0, dh), 1, dw);
}
