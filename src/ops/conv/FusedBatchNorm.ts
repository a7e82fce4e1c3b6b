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

export const FusedBatchNorm = defineOp({
  name: 'FusedBatchNorm',
  category: 'conv',
  doc: "Batch normalization per channel: (x - mean) / √(variance + epsilon) · scale + offset, in training by the batch's own statistics.",
  inputs: batchNormInputs,
  outputs: BATCH_NORM_OUTPUTS,
  attrs: batchNormAttrs,
  composite: true,
  infer: batchNormTypes,
  forward: batchNorm,
  gradient: batchNormGradient,
  code: (args) => batchNormCode(args as AnyCodeArgs),
});
