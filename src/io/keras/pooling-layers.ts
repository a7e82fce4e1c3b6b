import { z } from 'zod';
import { channelsLast, nhwc, padding, pair, tfPadding } from './config-fields';
import { singleInput, type LayerKind } from './layer-kind';

/** MaxPooling2D and AveragePooling2D: strides default to the pool size, as in Keras. */
const pooling = (op: 'MaxPool' | 'AvgPool', port: 'input' | 'value') =>
  singleInput(
    z.looseObject({ pool_size: pair.default([2, 2]), strides: pair.nullish(), padding, data_format: channelsLast }),
    (scope, config, x) =>
      scope.op(
        op,
        { [port]: x },
        {
          ksize: nhwc(config.pool_size),
          strides: nhwc(config.strides ?? config.pool_size),
          padding: tfPadding(config.padding),
        },
      ),
  );

/** Global pooling: the mean or maximum over height and width, per channel. */
const globalPooling = (op: 'Mean' | 'Max') =>
  singleInput(z.looseObject({ data_format: channelsLast, keepdims: z.boolean().default(false) }), (scope, config, x) =>
    scope.op(op, { input: x }, { axis: [1, 2], keep_dims: config.keepdims }),
  );

export const POOLING_LAYERS: ReadonlyMap<string, LayerKind> = new Map([
  ['MaxPooling2D', pooling('MaxPool', 'input')],
  ['AveragePooling2D', pooling('AvgPool', 'value')],
  ['GlobalAveragePooling2D', globalPooling('Mean')],
  ['GlobalMaxPooling2D', globalPooling('Max')],
]);
