import type { Tensor4D } from '@tensorflow/tfjs';
import { attr, fromInput } from '../../graph/attrs';
import { InferError } from '../../graph/op-signature';
import { dimsAgree, formatShape, mergeDim, sameDtype, sizeOf } from '../../graph/shape';
import type { Dim } from '../../graph/types';
import { defineOp } from '../define-op';
import { FLOAT } from '../dtypes';
import { dilatedTaps, tapsCode } from './dilate';
import { convAttrs, convOutput, rank4, spatial, tfjsPadding } from './window';

export const Conv2DBackpropInput = defineOp({
  name: 'Conv2DBackpropInput',
  category: 'conv',
  doc: 'The gradient of Conv2D with respect to its input (a transposed convolution): out_backprop spread back through filter into an input_sizes tensor.',
  inputs: {
    input_sizes: { dtypes: ['int32'], attr: 'input_sizes' },
    filter: { dtypes: FLOAT },
    out_backprop: { dtypes: FLOAT },
  },
  outputs: ['output'],
  attrs: {
    input_sizes: fromInput(
      attr.ints([1, 1, 1, 1], {
        min: 0,
        minLength: 2,
        maxLength: 4,
        doc: "the convolution's NHWC input shape, or only its height and width",
      }),
      'input_sizes',
    ),
    ...convAttrs,
  },
  composite: true,
  infer: (inputs, { input_sizes, strides, padding, dilations }) => {
    const dtype = sameDtype(inputs, ['filter', 'out_backprop']);
    const [fh, fw, fc, fout] = rank4(inputs.filter, 'filter');
    const [n, oh, ow, oc] = rank4(inputs.out_backprop, 'out_backprop');
    const [sh, sw] = spatial(strides, 'strides');
    const [dh, dw] = spatial(dilations, 'dilations');
    if (!dimsAgree(fout, oc))
      throw new InferError(
        'shape',
        `out_backprop ${formatShape(inputs.out_backprop.shape)} has ${oc} channels but filter ${formatShape(inputs.filter.shape)} makes ${fout}`,
        { port: 'out_backprop' },
      );
    if (fc === 0) throw new InferError('shape', 'filter must take at least one input channel', { port: 'filter' });
    // Known only when running: the batch and channels still follow from out_backprop and filter.
    if (input_sizes === undefined) return { output: { dtype, shape: [n, null, null, fc] } };
    if (input_sizes.length === 3)
      throw new InferError('attr', 'input_sizes must hold 4 values (NHWC), or 2 (height and width)', {
        attr: 'input_sizes',
      });
    const [batch, h, w, c] = (input_sizes.length === 4 ? input_sizes : [n, ...input_sizes, fc]) as [Dim, Dim, Dim, Dim];
    const sizes = `input_sizes [${input_sizes.join(', ')}]`;
    if (!dimsAgree(batch, n))
      throw new InferError(
        'shape',
        `out_backprop ${formatShape(inputs.out_backprop.shape)} has another batch than ${sizes}`,
        { port: 'out_backprop' },
      );
    if (!dimsAgree(c, fc))
      throw new InferError(
        'shape',
        `filter ${formatShape(inputs.filter.shape)} takes ${fc} channels but ${sizes} has ${c}`,
        { port: 'filter' },
      );
    const rows = convOutput(h, fh, sh, dh, padding, 'filter');
    const cols = convOutput(w, fw, sw, dw, padding, 'filter');
    if (!dimsAgree(rows, oh) || !dimsAgree(cols, ow))
      throw new InferError(
        'shape',
        `out_backprop ${formatShape(inputs.out_backprop.shape)} is not the ${rows} × ${cols} a convolution of ${sizes} makes`,
        { port: 'out_backprop' },
      );
    return { output: { dtype, shape: [mergeDim(batch, n), h, w, mergeDim(c, fc)] } };
  },
  forward: (tf, { filter, out_backprop }, { input_sizes, strides, padding, dilations }) => {
    const shape = (
      input_sizes.length === 4 ? input_sizes : [out_backprop.shape[0]!, ...input_sizes, filter.shape[2]!]
    ) as [number, number, number, number];
    // Nothing to spread: every input position gets a sum of no terms.
    if (out_backprop.size === 0 || filter.size === 0) return { output: tf.zeros(shape) };
    return {
      output: tf.conv2dTranspose(
        out_backprop as Tensor4D,
        dilatedTaps(tf, filter, dilations) as Tensor4D,
        shape,
        spatial(strides, 'strides'),
        tfjsPadding(padding),
      ),
    };
  },
  code: ({
    inputs: { filter, out_backprop },
    attrs: { strides, padding, dilations },
    attr,
    types,
    helper,
    literal,
  }) => {
    const out = types.outputs.output.shape;
    const sizes = attr('input_sizes');
    const shape =
      out && !out.includes(null)
        ? literal(out)
        : `(${sizes}.length === 4 ? ${sizes} : [${out_backprop}.shape[0]!, ...${sizes}, ${filter}.shape[2]!]) as [number, number, number, number]`;
    const [s, p] = [literal(spatial(strides, 'strides')), literal(tfjsPadding(padding))];
    const taps = tapsCode(filter, dilations, helper);
    const spread = `tf.conv2dTranspose(${out_backprop} as tf.Tensor4D, ${taps} as tf.Tensor4D, ${shape}, ${s}, ${p})`;
    // Nothing to spread: every input position gets a sum of no terms.
    const sizesOf = [types.inputs.out_backprop.shape, types.inputs.filter.shape].map(sizeOf);
    if (sizesOf.includes(0)) return `tf.zeros(${shape})`;
    if (!sizesOf.includes(null)) return spread;
    return `${out_backprop}.size === 0 || ${filter}.size === 0 ? tf.zeros(${shape}) : ${spread}`;
  },
});
