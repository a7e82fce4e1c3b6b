import { attr, fromInput } from '../../graph/attrs';
import { InferError } from '../../graph/op-signature';
import { formatShape } from '../../graph/shape';
import type { DType } from '../../graph/types';
import { NON_FINITE } from '../backend-limits';
import { defineOp, type CodeHelper, type Tensor, type TF } from '../define-op';
import { NUMERIC, typedValues } from '../dtypes';
import { onHost } from '../host-int32';

export const TopKV2 = defineOp({
  name: 'TopKV2',
  category: 'reduction',
  doc: 'The k largest values along the last dimension, largest first (ties: lower index first), and their indices.',
  inputs: { input: { dtypes: NUMERIC }, k: { dtypes: ['int32'], attr: 'k' } },
  outputs: ['values', 'indices'],
  attrs: {
    k: fromInput(attr.int(1, { min: 0, doc: 'how many to keep from each row' }), 'k'),
    sorted: attr.bool(true, { doc: 'TensorFlow leaves the order open when false: they come sorted anyway' }),
  },
  composite: true,
  // On WebGPU, NaN and ±∞ go through tfjs's bitonic sort.
  limits: [NON_FINITE],
  infer: ({ input }, { k }) => {
    const { dtype, shape } = input;
    if (shape === null) return { values: { dtype, shape: null }, indices: { dtype: 'int32', shape: null } };
    if (shape.length === 0) throw new InferError('shape', 'input must have at least one dimension', { port: 'input' });
    const last = shape.at(-1)!;
    if (k !== undefined && last !== null && last < k)
      throw new InferError('attr', `k ${k} is more than input ${formatShape(shape)} has along its last dimension`, {
        attr: 'k',
      });
    const out = [...shape.slice(0, -1), k ?? null];
    return { values: { dtype, shape: out }, indices: { dtype: 'int32', shape: out } };
  },
  forward: (tf, { input }, { k }) => topK(tf, input, k),
  code: ({ inputs: { input }, attr, outputs, helper }) => ({
    lines: [
      `const { values: ${outputs.values}, indices: ${outputs.indices} } = ${helper(TOP_K_CODE)}(${input}, ${attr('k')});`,
    ],
  }),
  // Each value's dy goes back to where it came from.
  gradient: (tf, { inputs: { input }, outputs: { indices }, dy: { values: dy }, attrs: { k } }) => {
    const n = input.shape.at(-1)!;
    const rows = input.size / n;
    const positions = tf.add(tf.reshape(indices, [rows, k]), tf.reshape(tf.range(0, rows * n, n, 'int32'), [rows, 1]));
    return {
      input: tf.reshape(
        tf.unsortedSegmentSum(tf.reshape(dy, [-1]), tf.reshape(positions, [-1]), rows * n),
        input.shape,
      ),
    };
  },
});

function topK(tf: TF, input: Tensor, k: number): { values: Tensor; indices: Tensor } {
  // tfjs's WebGPU kernel fails on an empty batch.
  if (input.size === 0) {
    const shape = [...input.shape.slice(0, -1), k];
    return { values: tf.zeros(shape, input.dtype), indices: tf.zeros(shape, 'int32') };
  }
  if (onHost(tf)) return topKOnHost(tf, input, k);
  const { values, indices } = tf.topk(input, k, true);
  return { values, indices };
}

/**
 * TensorFlow's order, exactly: tfjs's CPU kernel compares values by subtracting them, which
 * makes equal infinities (∞ - ∞ = NaN) incomparable and leaves their order to its selection.
 */
function topKOnHost(tf: TF, input: Tensor, k: number): { values: Tensor; indices: Tensor } {
  const n = input.shape.at(-1)!;
  const x = input.dataSync();
  const rows = x.length / n;
  const values: number[] = [];
  const indices: number[] = [];
  for (let r = 0; r < rows; r++) {
    const row = x.subarray(r * n, (r + 1) * n);
    const order = Array.from({ length: n }, (_, i) => i);
    order.sort((a, b) => (row[a]! > row[b]! ? -1 : row[a]! < row[b]! ? 1 : a - b));
    for (const i of order.slice(0, k)) {
      values.push(row[i]!);
      indices.push(i);
    }
  }
  const shape = [...input.shape.slice(0, -1), k];
  return {
    values: tf.tensor(typedValues(values, input.dtype as DType), shape, input.dtype),
    indices: tf.tensor(Int32Array.from(indices), shape, 'int32'),
  };
}

/** topK, on the host, as generated code writes it. */
const TOP_K_CODE: CodeHelper = {
  name: 'topK',
  source: `/**
 * The k largest values of each row (the last dimension), largest first, and their indices, in
 * TensorFlow's order: ties go to the lower index. tfjs compares values by subtracting them, which
 * leaves equal infinities (∞ - ∞ = NaN) in the order of its selection.
 */
function topK(input: tf.Tensor, k: number): { values: tf.Tensor; indices: tf.Tensor } {
  const n = input.shape.at(-1)!;
  const shape = [...input.shape.slice(0, -1), k];
  const x = input.dataSync();
  const values: number[] = [];
  const indices: number[] = [];
  for (let r = 0; r * n < x.length; r++) {
    const row = x.subarray(r * n, (r + 1) * n);
    const order = Array.from({ length: n }, (_, i) => i);
    order.sort((a, b) => (row[a]! > row[b]! ? -1 : row[a]! < row[b]! ? 1 : a - b));
    for (const i of order.slice(0, k)) {
      values.push(row[i]!);
      indices.push(i);
    }
  }
  return { values: tf.tensor(values, shape, input.dtype), indices: tf.tensor(indices, shape, 'int32') };
}`,
};
