import { defineOp, type AnyCodeArgs } from '../define-op';
import {
  nmsAttrs,
  nmsInputs,
  padAttr,
  selectBoxes,
  selectionCode,
  selectionShape,
  softNmsSigmaAttr,
  softNmsSigmaInput,
} from './non-max-suppression';

export const NonMaxSuppressionV5 = defineOp({
  name: 'NonMaxSuppressionV5',
  category: 'image',
  doc: 'The indices of the best-scoring boxes, dropping those that overlap a better one (or lowering their scores: soft NMS), with their scores.',
  inputs: { ...nmsInputs, soft_nms_sigma: softNmsSigmaInput },
  outputs: ['selected_indices', 'selected_scores', 'valid_outputs'],
  attrs: { ...nmsAttrs, soft_nms_sigma: softNmsSigmaAttr, pad_to_max_output_size: padAttr },
  differentiable: false,
  // How many boxes it selects is known only from the values, which are read back from the device.
  awaits: true,
  infer: (inputs, { max_output_size, pad_to_max_output_size }) => {
    const shape = selectionShape(inputs, max_output_size, pad_to_max_output_size);
    return {
      selected_indices: { dtype: 'int32', shape },
      selected_scores: { dtype: 'float32', shape },
      valid_outputs: { dtype: 'int32', shape: [] },
    };
  },
  forward: async (tf, { boxes, scores }, attrs) => {
    const selection = await selectBoxes(boxes, scores, attrs);
    return {
      selected_indices: tf.tensor1d(selection.indices, 'int32'),
      selected_scores: tf.tensor1d(selection.scores, 'float32'),
      valid_outputs: tf.scalar(selection.valid, 'int32'),
    };
  },
  code: (args) =>
    selectionCode(args as AnyCodeArgs, args.attr('soft_nms_sigma'), String(args.attrs.pad_to_max_output_size), [
      'indices',
      'scores',
      'valid',
    ]),
});
