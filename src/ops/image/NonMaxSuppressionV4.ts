import { defineOp, type AnyCodeArgs } from '../define-op';
import { nmsAttrs, nmsInputs, padAttr, selectBoxes, selectionCode, selectionShape } from './non-max-suppression';

export const NonMaxSuppressionV4 = defineOp({
  name: 'NonMaxSuppressionV4',
  category: 'image',
  doc: 'The indices of the best-scoring boxes, dropping those that overlap a better one; padded on request, with how many are valid.',
  inputs: nmsInputs,
  outputs: ['selected_indices', 'valid_outputs'],
  attrs: { ...nmsAttrs, pad_to_max_output_size: padAttr },
  // The thresholds' dtype, a type parameter, which TensorFlow names apart from T.
  tf: { ignores: ['T_threshold'] },
  differentiable: false,
  // How many boxes it selects is known only from the values, which are read back from the device.
  awaits: true,
  infer: (inputs, { max_output_size, pad_to_max_output_size }) => ({
    selected_indices: { dtype: 'int32', shape: selectionShape(inputs, max_output_size, pad_to_max_output_size) },
    valid_outputs: { dtype: 'int32', shape: [] },
  }),
  forward: async (tf, { boxes, scores }, attrs) => {
    const selection = await selectBoxes(boxes, scores, { ...attrs, soft_nms_sigma: 0 });
    return {
      selected_indices: tf.tensor1d(selection.indices, 'int32'),
      valid_outputs: tf.scalar(selection.valid, 'int32'),
    };
  },
  code: (args) =>
    selectionCode(args as AnyCodeArgs, '0', String(args.attrs.pad_to_max_output_size), ['indices', 'valid']),
});
