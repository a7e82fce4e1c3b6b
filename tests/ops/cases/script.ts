import type { DType, PortDecl } from '../../../src/graph/types';
import type { OpCase } from '../op-case';

const ports = (name: string, shape: number[], dtype: DType = 'float32'): PortDecl[] => [{ name, dtype, shape }];

export const cases: OpCase[] = [
  {
    op: 'TensorScript',
    title: 'sin(x) * 2, the seed 000 §1 body',
    inputs: { x: { shape: [3], values: [1, 2, 3] } },
    attrs: { inputs: ports('x', [3]), outputs: ports('y', [3]), body: 'return tf.mul(tf.sin(x), 2);' },
    reference: (tf, { x }) => ({ y: tf.mul(tf.sin(x as never), 2) }),
    expected: { y: [1.682942, 1.818595, 0.28224] },
  },
  {
    op: 'TensorScript',
    title: 'two inputs, two outputs, async, temporaries freed',
    inputs: { a: { shape: [2, 2] }, b: { shape: [2, 2] } },
    attrs: {
      inputs: [...ports('a', [2, 2]), ...ports('b', [2, 2])],
      outputs: [...ports('sum', [2, 2]), ...ports('prod', [2, 2])],
      body: 'const s = tf.add(a, b);\nawait Promise.resolve();\nconst unused = tf.square(s);\nreturn { sum: s, prod: tf.matMul(a, b) };',
    },
    reference: (tf, { a, b }) => ({ sum: tf.add(a as never, b as never), prod: tf.matMul(a as never, b as never) }),
  },
  {
    op: 'ArrayScript',
    title: 'log(x), the seed 000 §2 body',
    inputs: { x: { shape: [3], values: [1, Math.E, 10] } },
    attrs: { inputs: ports('x', [3]), outputs: ports('y', [3]), body: 'return x.map(Math.log);' },
    reference: (tf, { x }) => ({ y: tf.log(x as never) }),
    expected: { y: [0, 1, 2.302585] },
  },
  {
    op: 'ArrayScript',
    title: 'a source with no inputs and an int32 output',
    inputs: {},
    attrs: {
      inputs: [],
      outputs: ports('labels', [2, 3], 'int32'),
      body: 'const out = new Int32Array(6);\nfor (let i = 0; i < 6; i++) out[i] = i * i;\nreturn out;',
    },
    expected: { labels: [0, 1, 4, 9, 16, 25] },
  },
];
