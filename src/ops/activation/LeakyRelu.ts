import { attr } from '../../graph/attrs';
import { defineOp } from '../define-op';
import { FLOAT } from '../dtypes';

export const LeakyRelu = defineOp({
  name: 'LeakyRelu',
  category: 'activation',
  doc: 'Leaky rectifier: features if > 0, else alpha · features.',
  inputs: { features: { dtypes: FLOAT } },
  outputs: ['activations'],
  attrs: { alpha: attr.float(0.2, { doc: 'slope for negative features' }) },
  infer: ({ features }) => ({ activations: features }),
  forward: (tf, { features }, { alpha }) => ({ activations: tf.leakyRelu(features, alpha) }),
  code: ({ inputs: { features }, attr }) => `tf.leakyRelu(${features}, ${attr('alpha')})`,
});
