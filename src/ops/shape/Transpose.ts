import { attr, fromInput } from '../../graph/attrs';
import { InferError } from '../../graph/op-signature';
import { formatShape } from '../../graph/shape';
import { defineOp } from '../define-op';
import { ANY } from '../dtypes';
import { transposesIntsOnGpu } from '../gpu-transpose';
import { toFloat32 } from '../to-float32';

export const Transpose = defineOp({
  name: 'Transpose',
  category: 'shape',
  doc: 'Permutes the dimensions of x: y.shape[i] = x.shape[perm[i]].',
  inputs: { x: { dtypes: ANY }, perm: { dtypes: ['int32'], attr: 'perm' } },
  outputs: ['y'],
  attrs: {
    perm: fromInput(
      attr.ints([], { doc: 'a permutation of the axes (negative ones count from the end); reverses them when empty' }),
      'perm',
    ),
  },
  infer: ({ x }, { perm }) => {
    if (perm === undefined) return { y: { dtype: x.dtype, shape: x.shape === null ? null : x.shape.map(() => null) } };
    if (perm.length === 0) return { y: { dtype: x.dtype, shape: x.shape === null ? null : [...x.shape].reverse() } };
    if (x.shape !== null && perm.length !== x.shape.length)
      throw new InferError('attr', `perm [${perm.join(', ')}] does not fit x ${formatShape(x.shape)}`, {
        attr: 'perm',
      });
    const axes = normalizedPerm(perm);
    if (new Set(axes).size !== perm.length || perm.some((p) => p >= perm.length || p < -perm.length))
      throw new InferError('attr', `perm [${perm.join(', ')}] is not a permutation of 0…${perm.length - 1}`, {
        attr: 'perm',
      });
    const shape = x.shape;
    return { y: { dtype: x.dtype, shape: axes.map((p) => (shape === null ? null : shape[p]!)) } };
  },
  composite: true,
  forward: (tf, { x }, { perm }) => {
    const axes = perm.length === 0 ? [...x.shape.keys()].reverse() : normalizedPerm(perm);
    // tfjs's WebGPU transpose fails for int32 and bool beyond a 2-D swap; float32 carries them.
    const swap = x.rank === 2 && axes[0] === 1;
    if (swap || !transposesIntsOnGpu(tf, x, [0])) return { y: tf.transpose(x, axes) };
    return { y: tf.cast(tf.transpose(toFloat32(tf, x), axes), x.dtype) };
  },
  code: ({ inputs: { x }, attrs: { perm }, attr, literal }) => {
    if (perm === undefined) {
      const p = attr('perm');
      return `tf.transpose(${x}, ${p}.length ? ${p}.map((a) => (a < 0 ? a + ${p}.length : a)) : undefined)`;
    }
    return perm.length === 0 ? `tf.transpose(${x})` : `tf.transpose(${x}, ${literal(normalizedPerm(perm))})`;
  },
  simplify: (node) => {
    const inner = node.input('x')!.producer;
    const x = inner?.op === 'Transpose' && !inner.input('perm') && !node.input('perm') ? inner.input('x') : null;
    const rank = x?.type.shape?.length;
    if (!x || rank === undefined) return null;
    const first = axesOf(inner!.attrs.perm as readonly number[], rank);
    const composed = axesOf(node.attrs.perm as readonly number[], rank).map((a) => first[a]!);
    return composed.every((a, i) => a === i)
      ? { rule: 'Transpose∘Transpose → x', forward: x.ref }
      : { rule: 'Transpose∘Transpose → one Transpose', inputs: { x: x.ref }, attrs: { perm: composed } };
  },
});

/** The axes a perm attribute names for a tensor of `rank` dimensions (empty: reversed). */
function axesOf(perm: readonly number[], rank: number): number[] {
  return perm.length === 0 ? [...Array(rank).keys()].reverse() : normalizedPerm(perm);
}

/** TensorFlow counts a negative entry from the end (-1 is the last axis); tfjs refuses it. */
function normalizedPerm(perm: readonly number[]): number[] {
  return perm.map((p) => (p < 0 ? p + perm.length : p));
}
