import { attr } from '../../graph/attrs';
import { defineOp } from '../define-op';
import { literalTensor, literalType, scalarLiteral } from '../literal';

/** A graph input. Its value is fed at run time: changing it re-runs the plan without re-tracing it. */
export const Placeholder = defineOp({
  name: 'Placeholder',
  category: 'inputs',
  doc: 'A graph input whose value is fed at run time.',
  inputs: {},
  outputs: ['output'],
  attrs: { value: attr.tensor(scalarLiteral(0), { doc: 'the value fed to the graph' }) },
  kind: 'feed',
  infer: (_, { value }) => ({ output: literalType(value) }),
  forward: (tf, _, { value }) => ({ output: literalTensor(tf, value) }),
  code: ({ attrs: { value } }) => ({ input: value }),
});
