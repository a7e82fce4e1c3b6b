import { attr, fromInput } from '../../graph/attrs';
import { InferError } from '../../graph/op-signature';
import { dimsAgree, formatShape, mergeDim, normalizeAxis } from '../../graph/shape';
import type { Dim } from '../../graph/types';
import { defineOp } from '../define-op';
import { ANY } from '../dtypes';
import { gatherRows, product } from './gather-rows';

export const GatherV2 = defineOp({
  name: 'GatherV2',
  category: 'shape',
  doc: 'The slices of params along axis that indices name; the first batch_dims dimensions pair params with indices.',
  inputs: {
    params: { dtypes: ANY },
    indices: { dtypes: ['int32'] },
    axis: { dtypes: ['int32'], attr: 'axis' },
  },
  outputs: ['output'],
  attrs: {
    axis: fromInput(attr.int(0, { doc: 'the dimension of params to gather from' }), 'axis'),
    batch_dims: attr.int(0, {
      doc: 'leading dimensions params and indices share; negative counts from the indices rank',
    }),
  },
  composite: true,
  infer: ({ params, indices }, { axis, batch_dims }) => {
    const { dtype } = params;
    if (params.shape === null || indices.shape === null) return { output: { dtype, shape: null } };
    const batch = batchDims(batch_dims, indices.shape.length);
    if (axis === undefined) {
      const rank = params.shape.length - 1 + indices.shape.length - batch;
      return { output: { dtype, shape: rank < 0 ? null : Array<null>(rank).fill(null) } };
    }
    const a = normalizeAxis(axis, params.shape.length);
    if (batch > a)
      throw new InferError('attr', `batch_dims (${batch}) must be at most axis (${a})`, { attr: 'batch_dims' });
    const shared: Dim[] = [];
    for (let i = 0; i < batch; i++) {
      const [p, q] = [params.shape[i]!, indices.shape[i]!];
      if (!dimsAgree(p, q))
        throw new InferError(
          'shape',
          `params ${formatShape(params.shape)} and indices ${formatShape(indices.shape)} differ in batch dimension ${i}`,
          { port: 'indices' },
        );
      shared.push(mergeDim(p, q));
    }
    return {
      output: { dtype, shape: [...shared, ...gatheredShape(params.shape, indices.shape, a, batch).slice(batch)] },
    };
  },
  forward: (tf, { params, indices }, { axis, batch_dims }) => {
    const a = axis < 0 ? axis + params.rank : axis;
    const batch = batchDims(batch_dims, indices.rank);
    const shape = gatheredShape(params.shape, indices.shape, a, batch) as number[];
    if (shape.includes(0)) return { output: tf.zeros(shape, params.dtype) };
    // params as rows [batch · pre · n, inner]: params[b, p, index, …] is row (b · pre + p) · n + index.
    const n = params.shape[a]!;
    const shared = product(params.shape.slice(0, batch));
    const pre = product(params.shape.slice(batch, a));
    const picks = product(indices.shape.slice(batch));
    const rows =
      shared * pre === 1
        ? indices
        : tf.add(
            tf.reshape(indices, [shared, 1, picks]),
            tf.reshape(tf.range(0, shared * pre * n, n, 'int32'), [shared, pre, 1]),
          );
    return { output: gatherRows(tf, params, shared * pre * n, rows, shape) };
  },
  checks: (tf, { params, indices }, { axis, batch_dims }) => {
    const a = axis < 0 ? axis + params.rank : axis;
    // TensorFlow looks at the indices only when it copies something.
    if (gatheredShape(params.shape, indices.shape, a, batchDims(batch_dims, indices.rank)).includes(0)) return [];
    const n = params.shape[a]!;
    return [
      {
        failed: tf.any(tf.logicalOr(tf.less(indices, 0), tf.greaterEqual(indices, n))),
        message: `an index is not in [0, ${n})`,
      },
    ];
  },
  code: ({ inputs: { params, indices }, attrs: { axis, batch_dims }, attr, outputs, types, literal }) => {
    const rank = types.inputs.params.shape?.length;
    const a = axis !== undefined && rank !== undefined ? String(axis < 0 ? axis + rank : axis) : undefined;
    const known = a === undefined ? null : (types.inputs.params.shape![Number(a)] ?? null);
    const axisCode = a ?? `(${attr('axis')} < 0 ? ${attr('axis')} + ${params}.rank : ${attr('axis')})`;
    const n = known === null ? `${params}.shape[${axisCode}]!` : String(known);
    const indicesRank = types.inputs.indices.shape?.length;
    const batch =
      batch_dims >= 0
        ? batch_dims
        : indicesRank !== undefined
          ? batch_dims + indicesRank
          : `${batch_dims} + ${indices}.rank`;
    return {
      lines: [
        `const ${outputs.output} = tf.gather(${params}, ${indices}, ${axisCode}${batch === 0 ? '' : `, ${batch}`});`,
      ],
      checks: [
        {
          failed: `tf.any(tf.logicalOr(tf.less(${indices}, 0), tf.greaterEqual(${indices}, ${n})))`,
          message:
            known === null ? `\`an index is not in [0, \${${n}})\`` : literal(`an index is not in [0, ${known})`),
        },
      ],
    };
  },
});

function batchDims(batchDims: number, indicesRank: number): number {
  const b = batchDims < 0 ? batchDims + indicesRank : batchDims;
  if (b < 0 || b > indicesRank)
    throw new InferError('attr', `batch_dims ${batchDims} is out of range for indices of rank ${indicesRank}`, {
      attr: 'batch_dims',
    });
  return b;
}

/** params.shape[:axis] + indices.shape[batch:] + params.shape[axis + 1:]. */
function gatheredShape<D extends Dim>(params: readonly D[], indices: readonly D[], axis: number, batch: number): D[] {
  return [...params.slice(0, axis), ...indices.slice(batch), ...params.slice(axis + 1)];
}
