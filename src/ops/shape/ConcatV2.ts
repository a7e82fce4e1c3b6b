import { attr, fromInput } from '../../graph/attrs';
import { InferError } from '../../graph/op-signature';
import { dimsAgree, formatShape, mergeDim, normalizeAxis } from '../../graph/shape';
import type { Dim } from '../../graph/types';
import { defineOp } from '../define-op';
import { ANY } from '../dtypes';
import { rankedValues, valuesDtype } from './variadic';

export const ConcatV2 = defineOp({
  name: 'ConcatV2',
  category: 'shape',
  doc: 'Joins two or more values along an existing axis; the other dimensions must match.',
  inputs: { values: { dtypes: ANY, variadic: true }, axis: { dtypes: ['int32'], attr: 'axis' } },
  outputs: ['output'],
  attrs: { axis: fromInput(attr.int(0), 'axis') },
  infer: ({ values }, { axis }) => {
    const dtype = valuesDtype(values);
    // TensorFlow's ConcatV2 takes N ≥ 2 values.
    if (values.length < 2)
      throw new InferError('shape', 'joins at least two values: connect another, or use Identity for one', {
        port: 'values:1',
      });
    const ranked = rankedValues(values);
    if (ranked.length === 0) return { output: { dtype, shape: null } };
    for (const { shape, port } of ranked)
      if (shape.length === 0) throw new InferError('shape', 'cannot concatenate scalars; Pack stacks them', { port });
    const out: Dim[] = [...ranked[0]!.shape];
    // An axis known only when running: every dimension may be the one that grows.
    if (axis === undefined) return { output: { dtype, shape: out.map(() => null) } };
    const a = normalizeAxis(axis, out.length);
    for (const { shape, port } of ranked.slice(1)) {
      if (shape.length !== out.length || shape.some((d, j) => j !== a && !dimsAgree(d, out[j]!)))
        throw new InferError('shape', `${port} ${formatShape(shape)} does not fit ${formatShape(out)} off axis ${a}`, {
          port,
        });
      shape.forEach((d, j) => {
        const o = out[j]!;
        out[j] = j !== a ? mergeDim(o, d) : o === null || d === null ? null : o + d;
      });
    }
    if (ranked.length < values.length) out[a] = null;
    return { output: { dtype, shape: out } };
  },
  forward: (tf, { values }, { axis }) => ({ output: tf.concat([...values], axis) }),
  code: ({ inputs: { values }, attr }) => `tf.concat([${values.join(', ')}], ${attr('axis')})`,
});
