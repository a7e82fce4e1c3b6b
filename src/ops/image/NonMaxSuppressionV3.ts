import { defineOp, type AnyCodeArgs } from '../define-op';
import { nmsAttrs, nmsInputs, selectBoxes, selectionCode, selectionShape } from './non-max-suppression';

export const NonMaxSuppressionV3 = defineOp({
  name: 'NonMaxSuppressionV3',
  category: 'image',
  doc: 'The indices of the best-scoring boxes, best first, dropping those that overlap a better one (tf.image.non_max_suppression).',
  inputs: nmsInputs,
  outputs: ['selected_indices'],
  attrs: nmsAttrs,
  // The thresholds' dtype, a type parameter, which TensorFlow names apart from T.
  tf: { ignores: ['T_threshold'] },
  differentiable: false,
  // How many boxes it selects is known only from the values, which are read back from the device.
  awaits: true,
  infer: (inputs, { max_output_size }) => ({
    selected_indices: { dtype: 'int32', shape: selectionShape(inputs, max_output_size, false) },
  }),
  forward: async (tf, { boxes, scores }, attrs) => {
    const selection = await selectBoxes(boxes, scores, {
      ...attrs,
      soft_nms_sigma: 0,
      pad_to_max_output_size: false,
    });
    return { selected_indices: tf.tensor1d(selection.indices, 'int32') };
  },
  code: (args) => selectionCode(args as AnyCodeArgs, '0', 'false', ['indices']),
});
