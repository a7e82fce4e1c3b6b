import { attr } from '../../graph/attrs';
import { defineOp } from '../define-op';
import { literalTensor, literalType, scalarLiteral } from '../literal';

export const Const = defineOp({
  name: 'Const',
  category: 'inputs',
  doc: 'A constant tensor, part of the graph: changing it re-traces.',
  inputs: {},
  outputs: ['output'],
  attrs: { value: attr.tensor(scalarLiteral(1)) },
  kind: 'const',
  infer: (_, { value }) => ({ output: literalType(value) }),
  forward: (tf, _, { value }) => ({ output: literalTensor(tf, value) }),
  code: ({ attrs: { value } }) => ({ constant: value }),
});
