import { attr, fromInput } from '../../graph/attrs';
import { InferError } from '../../graph/op-signature';
import { formatShape, sizeOf, vectorLength } from '../../graph/shape';
import { defineOp } from '../define-op';
import { onlyOutput, sameType } from '../simplify';
import { ANY } from '../dtypes';

export const Reshape = defineOp({
  name: 'Reshape',
  category: 'shape',
  doc: 'The same elements in a new shape; one dimension may be -1, inferred from the rest.',
  inputs: { tensor: { dtypes: ANY }, shape: { dtypes: ['int32'], attr: 'shape' } },
  outputs: ['output'],
  attrs: { shape: fromInput(attr.ints([-1], { min: -1, doc: 'the new shape; at most one -1' }), 'shape') },
  infer: ({ tensor, shape: supplied }, { shape }) => {
    // Known only when running (computed from other shapes): as many dims as the shape vector holds.
    if (shape === undefined) {
      const rank = vectorLength(supplied);
      return { output: { dtype: tensor.dtype, shape: rank === null ? null : Array<null>(rank).fill(null) } };
    }
    const target = `[${shape.join(', ')}]`;
    const wildcards = shape.filter((d) => d === -1).length;
    if (wildcards > 1) throw new InferError('attr', `shape ${target} has more than one -1`, { attr: 'shape' });
    const rest = shape.reduce((n, d) => (d === -1 ? n : n * d), 1);
    // Beside a zero dimension, a -1 could be any size.
    if (wildcards === 1 && rest === 0)
      throw new InferError('attr', `cannot infer the -1 in ${target} beside a zero dimension`, { attr: 'shape' });
    const size = sizeOf(tensor.shape);
    if (size !== null && (wildcards === 1 ? size % rest !== 0 : size !== rest))
      throw new InferError('attr', `cannot reshape ${formatShape(tensor.shape)} (${size} elements) into ${target}`, {
        attr: 'shape',
      });
    return {
      output: {
        dtype: tensor.dtype,
        shape: shape.map((d) => (d !== -1 ? d : size === null ? null : size / rest)),
      },
    };
  },
  forward: (tf, { tensor }, { shape }) => ({ output: tf.reshape(tensor, [...shape]) }),
  code: ({ inputs: { tensor }, attr }) => `tf.reshape(${tensor}, ${attr('shape')})`,
  simplify: (node) => {
    const inner = node.input('tensor')!.producer;
    const x = inner?.op === 'Reshape' && !inner.input('shape') && !node.input('shape') ? inner.input('tensor') : null;
    if (!x) return null;
    return sameType(x.type, onlyOutput(node))
      ? { rule: 'Reshape∘Reshape → x', forward: x.ref }
      : { rule: 'Reshape∘Reshape → one Reshape', inputs: { tensor: x.ref }, attrs: node.attrs };
  },
});
