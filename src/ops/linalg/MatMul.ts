import { attr } from '../../graph/attrs';
import { InferError } from '../../graph/op-signature';
import { dimsAgree, formatShape, sameDtype } from '../../graph/shape';
import { defineOp } from '../define-op';
import { matMulCode, productOrZeros } from './product';
import { NUMERIC } from '../dtypes';

/** Matrix product of `a` [m,k] and `b` [k,n] → `product` [m,n]. */
export const MatMul = defineOp({
  name: 'MatMul',
  category: 'linalg',
  doc: 'Matrix product of a [m,k] and b [k,n], optionally transposing either.',
  inputs: { a: { dtypes: NUMERIC }, b: { dtypes: NUMERIC } },
  outputs: ['product'],
  attrs: { transpose_a: attr.bool(false), transpose_b: attr.bool(false) },
  infer: (inputs, { transpose_a, transpose_b }) => {
    const dtype = sameDtype(inputs, ['a', 'b']);
    const { a, b } = inputs;
    for (const [port, s] of [
      ['a', a.shape],
      ['b', b.shape],
    ] as const)
      if (s !== null && s.length !== 2)
        throw new InferError('shape', `${port} must be a matrix, got ${formatShape(s)}`, { port });
    const [m, ka] =
      a.shape === null ? [null, null] : transpose_a ? [a.shape[1]!, a.shape[0]!] : [a.shape[0]!, a.shape[1]!];
    const [kb, n] =
      b.shape === null ? [null, null] : transpose_b ? [b.shape[1]!, b.shape[0]!] : [b.shape[0]!, b.shape[1]!];
    if (!dimsAgree(ka, kb))
      throw new InferError('shape', `inner dimensions differ: a ${formatShape(a.shape)} · b ${formatShape(b.shape)}`, {
        port: 'b',
      });
    return { product: { dtype, shape: [m, n] } };
  },
  forward: (tf, { a, b }, { transpose_a, transpose_b }) => ({
    product: productOrZeros(tf, a, b, transpose_a, transpose_b),
  }),
  code: ({ inputs: { a, b }, attrs: { transpose_a, transpose_b } }) => matMulCode(a, b, transpose_a, transpose_b),
});
