import { NON_FINITE } from '../backend-limits';
import { InferError } from '../../graph/op-signature';
import { defineOp } from '../define-op';
import { FLOAT } from '../dtypes';

export const Softmax = defineOp({
  name: 'Softmax',
  category: 'activation',
  doc: 'Softmax over the last axis: exp(logits) / sum(exp(logits)).',
  inputs: { logits: { dtypes: FLOAT } },
  limits: [NON_FINITE],
  outputs: ['softmax'],
  infer: ({ logits }) => {
    if (logits.shape?.length === 0)
      throw new InferError('shape', 'logits must have rank ≥ 1, got a scalar', { port: 'logits' });
    return { softmax: logits };
  },
  forward: (tf, { logits }) => ({ softmax: tf.softmax(logits) }),
  code: ({ inputs: { logits } }) => `tf.softmax(${logits})`,
});
