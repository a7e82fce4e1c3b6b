import { attr } from '../../graph/attrs';
import { InferError } from '../../graph/op-signature';
import { broadcastShapes, dimsAgree, formatShape, sameDtype } from '../../graph/shape';
import { defineOp, type CodeHelper } from '../define-op';
import { matMulCode, productOrZeros } from './product';
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
  composite: true,
  forward: (tf, { x, y }, { adj_x, adj_y }) => {
    const bx = x.shape.slice(0, -2);
    const by = y.shape.slice(0, -2);
    if (bx.join() === by.join()) return { output: productOrZeros(tf, x, y, adj_x, adj_y) };
    // tfjs's matMul gets broadcast batches wrong (and its gradient fails on them): both sides are
    // stretched to the common batch first, and the gradient of that stretch sums them back.
    const batch = broadcastShapes(bx, by) as number[];
    return {
      output: productOrZeros(
        tf,
        tf.broadcastTo(x, [...batch, ...x.shape.slice(-2)]),
        tf.broadcastTo(y, [...batch, ...y.shape.slice(-2)]),
        adj_x,
        adj_y,
      ),
    };
  },
  code: ({ inputs: { x, y }, attrs: { adj_x, adj_y }, types, helper }) => {
    const batch = (t: { shape: readonly (number | null)[] | null }) => t.shape?.slice(0, -2);
    const [bx, by] = [batch(types.inputs.x), batch(types.inputs.y)];
    const same = bx && by && !bx.includes(null) && bx.join() === by.join();
    return same ? matMulCode(x, y, adj_x, adj_y) : `${helper(BROADCAST_MAT_MUL_CODE)}(${x}, ${y}, ${adj_x}, ${adj_y})`;
  },
});

/** The forward pass where the batches may differ, as generated code writes it. */
const BROADCAST_MAT_MUL_CODE: CodeHelper = {
  name: 'broadcastMatMul',
  source: `/** Batched matrix products, the batch dimensions broadcast: tfjs's matMul gets broadcast batches wrong. */
function broadcastMatMul(x: tf.Tensor, y: tf.Tensor, adjX: boolean, adjY: boolean): tf.Tensor {
  const batch = tf.backend_util.assertAndGetBroadcastShape(x.shape.slice(0, -2), y.shape.slice(0, -2));
  const stretched = (t: tf.Tensor) => tf.broadcastTo(t, [...batch, ...t.shape.slice(-2)]);
  return tf.matMul(stretched(x), stretched(y), adjX, adjY);
}`,
};
