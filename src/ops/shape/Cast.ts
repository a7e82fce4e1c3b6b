import { attr } from '../../graph/attrs';
import type { DType } from '../../graph/types';
import { defineOp } from '../define-op';
import { ANY } from '../dtypes';

export const Cast = defineOp({
  name: 'Cast',
  category: 'shape',
  doc: 'Converts x to DstT; floats become integers by truncation toward zero, nonzero becomes true.',
  inputs: { x: { dtypes: ANY } },
  outputs: ['y'],
  attrs: { DstT: attr.dtype<DType>('float32') },
  infer: ({ x }, { DstT }) => ({ y: { dtype: DstT, shape: x.shape } }),
  forward: (tf, { x }, { DstT }) => ({ y: tf.cast(x, DstT) }),
});
