import { defineOp, type AnyCodeArgs } from '../define-op';
import {
  BATCH_NORM_OUTPUTS,
  batchNorm,
  batchNormAttrs,
  batchNormCode,
  batchNormGradient,
  batchNormInputs,
  batchNormTypes,
} from './batch-norm';

/** FusedBatchNorm with a sixth output, a reserve space only cuDNN fills: on the CPU, a scalar 0. */
export const FusedBatchNormV3 = defineOp({
  name: 'FusedBatchNormV3',
  category: 'conv',
  doc: "Batch normalization per channel, as FusedBatchNorm; reserve_space_3 is TensorFlow's scalar 0.",
  inputs: batchNormInputs,
  outputs: [...BATCH_NORM_OUTPUTS, 'reserve_space_3'],
  attrs: batchNormAttrs,
  composite: true,
  infer: (inputs, attrs) => ({ ...batchNormTypes(inputs, attrs), reserve_space_3: { dtype: 'float32', shape: [] } }),
  forward: (tf, inputs, attrs) => ({ ...batchNorm(tf, inputs, attrs), reserve_space_3: tf.zeros([]) }),
  gradient: batchNormGradient,
  code: (args) => batchNormCode(args as AnyCodeArgs, [`const ${args.outputs.reserve_space_3} = tf.zeros([]);`]),
});
