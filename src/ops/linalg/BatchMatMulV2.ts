import { attr } from '../../graph/attrs';
import { InferError } from '../../graph/op-signature';
import { broadcastShapes, dimsAgree, formatShape, sameDtype } from '../../graph/shape';
import { defineOp } from '../define-op';
import { NUMERIC } from '../dtypes';

export const BatchMatMulV2 = defineOp({
  name: 'BatchMatMulV2',
  category: 'linalg',
  doc: 'Batched matrix product over the last two dims of x and y, broadcasting the batch dims.',
  inputs: { x: { dtypes: NUMERIC }, y: { dtypes: NUMERIC } },
  outputs: ['output'],
  attrs: { adj_x: attr.bool(false), adj_y: attr.bool(false) },
  infer: (inputs, { adj_x, adj_y }) => {
    const dtype = sameDtype(inputs, ['x', 'y']);
    const { x, y } = inputs;
    for (const [port, s] of [
      ['x', x.shape],
      ['y', y.shape],
    ] as const)
      if (s !== null && s.length < 2)
        throw new InferError('shape', `${port} must have rank ≥ 2, got ${formatShape(s)}`, { port });
    if (x.shape === null || y.shape === null) return { output: { dtype, shape: null } };
    const [m, kx] = adj_x ? [x.shape.at(-1)!, x.shape.at(-2)!] : [x.shape.at(-2)!, x.shape.at(-1)!];
    const [ky, n] = adj_y ? [y.shape.at(-1)!, y.shape.at(-2)!] : [y.shape.at(-2)!, y.shape.at(-1)!];
    if (!dimsAgree(kx, ky))
      throw new InferError('shape', `inner dimensions differ: x ${formatShape(x.shape)} · y ${formatShape(y.shape)}`, {
        port: 'y',
      });
    const batch = broadcastShapes(x.shape.slice(0, -2), y.shape.slice(0, -2), 'y')!;
    return { output: { dtype, shape: [...batch, m, n] } };
  },
  forward: (tf, { x, y }, { adj_x, adj_y }) => ({ output: tf.matMul(x, y, adj_x, adj_y) }),
});
