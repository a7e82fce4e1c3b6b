import { defineOp } from '../define-op';
import { ANY } from '../dtypes';

export const Identity = defineOp({
  name: 'Identity',
  category: 'shape',
  doc: 'Passes input through unchanged.',
  inputs: { input: { dtypes: ANY } },
  outputs: ['output'],
  infer: ({ input }) => ({ output: input }),
  // tfjs has no tf.identity; a clone shares the data but is a tensor of its own, so disposing one keeps the other.
  forward: (tf, { input }) => ({ output: tf.clone(input) }),
  code: ({ inputs: { input } }) => `tf.clone(${input})`,
  simplify: (node) => ({ rule: 'Identity(x) → x', forward: node.input('input')!.ref }),
});
