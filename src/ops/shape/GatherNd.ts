import { InferError } from '../../graph/op-signature';
import { formatShape, sizeOf } from '../../graph/shape';
import { defineOp } from '../define-op';
import { ANY } from '../dtypes';
import { gatherRows, product } from './gather-rows';

export const GatherNd = defineOp({
  name: 'GatherNd',
  category: 'shape',
  doc: 'The elements or slices of params that the index tuples along the last dimension of indices name.',
  inputs: { params: { dtypes: ANY }, indices: { dtypes: ['int32'] } },
  outputs: ['output'],
  composite: true,
  infer: ({ params, indices }) => {
    const { dtype } = params;
    if (indices.shape?.length === 0)
      throw new InferError('shape', 'indices must be at least a vector', { port: 'indices' });
    if (params.shape?.length === 0)
      throw new InferError('shape', 'params must be at least a vector', { port: 'params' });
    const depth = indices.shape?.at(-1) ?? null;
    if (params.shape === null || indices.shape === null || depth === null) return { output: { dtype, shape: null } };
    if (depth > params.shape.length)
      throw new InferError(
        'shape',
        `index tuples of length ${depth} are longer than params ${formatShape(params.shape)} has dimensions`,
        { port: 'indices' },
      );
    const tuples = indices.shape.slice(0, -1);
    const count = sizeOf(tuples);
    if (count !== null && count > 0 && params.shape.includes(0))
      throw new InferError('shape', emptyParams(params.shape), { port: 'params' });
    return { output: { dtype, shape: [...tuples, ...params.shape.slice(depth)] } };
  },
  forward: (tf, { params, indices }) => {
    const depth = indices.shape.at(-1)!;
    const shape = [...indices.shape.slice(0, -1), ...params.shape.slice(depth)];
    if (shape.includes(0)) return { output: tf.zeros(shape, params.dtype) };
    // A tuple names a row of params viewed as [its first depth dimensions, the rest]: Σ index · stride.
    const counts = params.shape.slice(0, depth);
    const strides = counts.map((_, k) => product(counts.slice(k + 1)));
    const rows =
      depth === 0
        ? tf.zeros(indices.shape.slice(0, -1), 'int32')
        : depth === 1
          ? indices
          : tf.sum(tf.mul(indices, tf.tensor1d(strides, 'int32')), -1);
    return { output: gatherRows(tf, params, product(counts), rows, shape) };
  },
  checks: (tf, { params, indices }) => {
    const depth = indices.shape.at(-1)!;
    if (product(indices.shape.slice(0, -1)) === 0) return [];
    // Where inference did not know the shapes.
    if (params.size === 0) return [{ failed: tf.scalar(true), message: emptyParams(params.shape) }];
    if (depth === 0) return [];
    const counts = tf.tensor1d(params.shape.slice(0, depth), 'int32');
    return [
      {
        failed: tf.any(tf.logicalOr(tf.less(indices, 0), tf.greaterEqual(indices, counts))),
        message: `an index tuple does not index into params ${formatShape(params.shape)}`,
      },
    ];
  },
  code: ({ inputs: { params, indices }, outputs, types, literal }) => {
    const [p, i] = [types.inputs.params.shape, types.inputs.indices.shape];
    const depth = i?.at(-1) ?? null;
    const gathered = { lines: [`const ${outputs.output} = tf.gatherND(${params}, ${indices});`] };
    if (depth === 0 || sizeOf(i?.slice(0, -1) ?? null) === 0) return gathered;
    const counts = depth !== null && p !== null && p.slice(0, depth).every((d) => d !== null);
    const failed = (bounds: string) =>
      `tf.any(tf.logicalOr(tf.less(${indices}, 0), tf.greaterEqual(${indices}, tf.tensor1d(${bounds}, 'int32'))))`;
    const check = counts
      ? {
          failed: failed(literal(p.slice(0, depth))),
          message: literal(`an index tuple does not index into params ${formatShape(p)}`),
        }
      : {
          failed: failed(`${params}.shape.slice(0, ${indices}.shape.at(-1))`),
          message: `\`an index tuple does not index into params [\${${params}.shape.join(', ')}]\``,
        };
    return { ...gathered, checks: [check] };
  },
});

const emptyParams = (shape: readonly (number | null)[]) =>
  `index tuples into params ${formatShape([...shape])}, which is empty`;
