import { z } from 'zod';
import { activation } from './activations';
import { channelsLast, nhwc, padding, pair, tfPadding } from './config-fields';
import { biasThenActivate } from './core-layers';
import { singleInput, type LayerKind } from './layer-kind';

/** What every 2-D convolution layer says of its window. */
const window = {
  kernel_size: pair,
  strides: pair.default([1, 1]),
  padding,
  data_format: channelsLast,
  dilation_rate: pair.default([1, 1]),
  activation,
  use_bias: z.boolean().default(true),
};

const windowAttrs = (config: {
  strides: [number, number];
  padding: 'valid' | 'same';
  dilation_rate: [number, number];
}) => ({
  strides: nhwc(config.strides),
  padding: tfPadding(config.padding),
  dilations: nhwc(config.dilation_rate),
});

/** Conv2D: the HWIO kernel over the input, then bias and activation. */
const Conv2D = singleInput(
  z.looseObject({
    ...window,
    groups: z
      .int()
      .default(1)
      .refine((groups) => groups === 1, {
        error: 'grouped convolution (groups > 1) is not supported: Tensorloom has no grouped Conv2D',
      }),
  }),
  (scope, config, x) => {
    const conv = scope.op('Conv2D', { input: x, filter: scope.weight('kernel') }, windowAttrs(config));
    return biasThenActivate(scope, conv, config.use_bias, config.activation);
  },
);

/** DepthwiseConv2D: each channel with its own depth_multiplier filters ([h, w, in, multiplier]). */
const DepthwiseConv2D = singleInput(z.looseObject(window), (scope, config, x) => {
  const conv = scope.op(
    'DepthwiseConv2dNative',
    { input: x, filter: scope.weight('depthwise_kernel') },
    windowAttrs(config),
  );
  return biasThenActivate(scope, conv, config.use_bias, config.activation);
});

/**
 * SeparableConv2D: a depthwise convolution with the layer's window, then a pointwise (1×1, stride 1)
 * one mixing the channels, as tfjs's separableConv2d computes it.
 */
const SeparableConv2D = singleInput(z.looseObject(window), (scope, config, x) => {
  const depthwise = scope.op(
    'DepthwiseConv2dNative',
    { input: x, filter: scope.weight('depthwise_kernel') },
    windowAttrs(config),
  );
  const pointwise = scope.op(
    'Conv2D',
    { input: depthwise, filter: scope.weight('pointwise_kernel') },
    { strides: [1, 1, 1, 1], padding: 'VALID' },
  );
  return biasThenActivate(scope, pointwise, config.use_bias, config.activation);
});

export const CONV_LAYERS: ReadonlyMap<string, LayerKind> = new Map([
  ['Conv2D', Conv2D],
  ['DepthwiseConv2D', DepthwiseConv2D],
  ['SeparableConv2D', SeparableConv2D],
]);
