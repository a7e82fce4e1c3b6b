import { attr } from '../../graph/attrs';
import { defineOp } from '../define-op';
import { literalTensor, literalType, scalarLiteral } from '../literal';

/** A trainable variable: gradients are reported for it, and its value is state, not structure. */
export const VariableV2 = defineOp({
  name: 'VariableV2',
  category: 'inputs',
  doc: 'A trainable variable holding its current value.',
  inputs: {},
  outputs: ['ref'],
  attrs: {
    value: attr.tensor(scalarLiteral(0), { doc: 'the current value' }),
    trainable: attr.bool(true),
  },
  kind: 'feed',
  infer: (_, { value }) => ({ ref: literalType(value) }),
  forward: (tf, _, { value }) => ({ ref: literalTensor(tf, value) }),
  // Its current value: the module computes, it does not train.
  code: ({ attrs: { value } }) => ({ constant: value }),
});
