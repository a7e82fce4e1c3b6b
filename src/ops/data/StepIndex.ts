import { attr } from '../../graph/attrs';
import { defineOp } from '../define-op';

/**
 * The index of the training step under way (0 for the first), for a script that generates a
 * batch a step (the seeds' `tf.py_func` input pipeline); −1 while a training run tests the model,
 * so that the generator can give examples it never trains on. Outside training it holds `value`,
 * to look at the batch of any step.
 */
export const StepIndex = defineOp({
  name: 'StepIndex',
  category: 'inputs',
  doc: 'The training step under way (an int32 scalar); outside training, the value set here.',
  inputs: {},
  outputs: ['step'],
  attrs: { value: attr.int(0, { min: 0, max: 2 ** 31 - 1, doc: 'the step it gives outside training' }) },
  kind: 'feed',
  differentiable: false,
  infer: () => ({ step: { dtype: 'int32', shape: [] } }),
  forward: (tf, _, { value }) => ({ step: tf.scalar(value, 'int32') }),
  code: ({ attrs: { value } }) => ({ input: { dtype: 'int32', shape: [], values: [value] } }),
});
