import { NON_FINITE } from '../backend-limits';
import { InferError } from '../../graph/op-signature';
import { defineOp } from '../define-op';
import { FLOAT } from '../dtypes';

export const LogSoftmax = defineOp({
  name: 'LogSoftmax',
  category: 'activation',
  doc: 'Log of the softmax over the last axis: logits - log(sum(exp(logits))).',
  inputs: { logits: { dtypes: FLOAT } },
  limits: [NON_FINITE],
  outputs: ['logsoftmax'],
  infer: ({ logits }) => {
    if (logits.shape?.length === 0)
      throw new InferError('shape', 'logits must have rank ≥ 1, got a scalar', { port: 'logits' });
    return { logsoftmax: logits };
  },
  forward: (tf, { logits }) => ({ logsoftmax: tf.logSoftmax(logits) }),
  code: ({ inputs: { logits } }) => `tf.logSoftmax(${logits})`,
});
