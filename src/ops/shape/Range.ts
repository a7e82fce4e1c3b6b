import { attr } from '../../graph/attrs';
import { InferError } from '../../graph/op-signature';
import { defineOp } from '../define-op';

export const Range = defineOp({
  name: 'Range',
  category: 'shape',
  doc: 'The sequence start, start + delta, … up to but excluding limit.',
  inputs: {},
  outputs: ['output'],
  attrs: {
    start: attr.float(0),
    limit: attr.float(5),
    delta: attr.float(1),
    Tidx: attr.dtype('int32', ['float32', 'int32']),
  },
  differentiable: false,
  infer: (_, { start, limit, delta, Tidx }) => {
    if (Tidx === 'int32')
      for (const [name, v] of Object.entries({ start, limit, delta }))
        if (!Number.isInteger(v))
          throw new InferError('attr', `an int32 range needs integer bounds, but ${name} is ${v}`, { attr: name });
    if (delta === 0) throw new InferError('attr', 'delta must not be 0', { attr: 'delta' });
    if (delta > 0 ? start > limit : start < limit)
      throw new InferError('attr', `delta ${delta} never takes ${start} to ${limit}`, { attr: 'limit' });
    return { output: { dtype: Tidx, shape: [Math.ceil(Math.abs((limit - start) / delta))] } };
  },
  forward: (tf, _, { start, limit, delta, Tidx }) => ({ output: tf.range(start, limit, delta, Tidx) }),
});
