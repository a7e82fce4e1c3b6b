import { InferError } from '../../graph/op-signature';
import { defineOp, type CodeHelper } from '../define-op';
import { ANY } from '../dtypes';

/** TensorFlow's CPU kernel takes ranks 1 to 8 (and raises on a scalar). */
const MAX_RANK = 8;

export const Where = defineOp({
  name: 'Where',
  category: 'shape',
  doc: 'The [n, rank] int32 coordinates of the n true (nonzero, NaN included) elements of input, in row-major order.',
  inputs: { input: { dtypes: ANY } },
  outputs: ['index'],
  differentiable: false,
  // How many rows the output has is known only from the values, which are read back from the device.
  awaits: true,
  infer: ({ input }) => {
    const rank = input.shape === null ? null : input.shape.length;
    if (rank !== null && (rank === 0 || rank > MAX_RANK))
      throw new InferError('shape', `input must have 1 to ${MAX_RANK} dimensions, got ${rank}`, { port: 'input' });
    return { index: { dtype: 'int32', shape: [null, rank] } };
  },
  forward: async (tf, { input }) => {
    const values = await input.data();
    const rank = input.rank;
    let count = 0;
    // NaN !== 0, so NaN counts as true, as in TensorFlow (and unlike JavaScript's truthiness).
    for (let i = 0; i < values.length; i++) if (values[i] !== 0) count++;
    const index = new Int32Array(count * rank);
    const coordinate = new Array<number>(rank).fill(0);
    for (let i = 0, row = 0; i < values.length; i++) {
      if (values[i] !== 0) index.set(coordinate, rank * row++);
      // Step the coordinate like an odometer, last axis fastest.
      for (let d = rank - 1; d >= 0 && ++coordinate[d]! === input.shape[d]; d--) coordinate[d] = 0;
    }
    return { index: tf.tensor(index, [count, rank], 'int32') };
  },
  code: ({ inputs: { input }, helper }) => `await ${helper(WHERE_CODE)}(${input})`,
});

/** The forward pass as generated code writes it. */
const WHERE_CODE: CodeHelper = {
  name: 'whereTrue',
  source: `/** The [n, rank] coordinates of the n true (nonzero, NaN included) elements of input, in row-major order. */
async function whereTrue(input: tf.Tensor): Promise<tf.Tensor> {
  const values = await input.data();
  const rank = input.rank;
  // NaN !== 0, so NaN counts as true, as in TensorFlow (and unlike JavaScript's truthiness).
  let count = 0;
  for (const v of values) if (v !== 0) count++;
  const index = new Int32Array(count * rank);
  const coordinate = new Array<number>(rank).fill(0);
  for (let i = 0, row = 0; i < values.length; i++) {
    if (values[i] !== 0) index.set(coordinate, rank * row++);
    for (let d = rank - 1; d >= 0 && ++coordinate[d]! === input.shape[d]; d--) coordinate[d] = 0;
  }
  return tf.tensor(index, [count, rank], 'int32');
}`,
};
