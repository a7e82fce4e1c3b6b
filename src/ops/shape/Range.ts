import { attr, fromInput } from '../../graph/attrs';
import { InferError } from '../../graph/op-signature';
import { defineOp } from '../define-op';
import { NUMERIC } from '../dtypes';

export const Range = defineOp({
  name: 'Range',
  category: 'shape',
  doc: 'The sequence start, start + delta, … up to but excluding limit.',
  inputs: {
    start: { dtypes: NUMERIC, attr: 'start' },
    limit: { dtypes: NUMERIC, attr: 'limit' },
    delta: { dtypes: NUMERIC, attr: 'delta' },
  },
  outputs: ['output'],
  attrs: {
    start: fromInput(attr.float(0), 'start'),
    limit: fromInput(attr.float(5), 'limit'),
    delta: fromInput(attr.float(1), 'delta'),
    Tidx: attr.dtype('int32', ['float32', 'int32']),
  },
  differentiable: false,
  infer: (inputs, { start, limit, delta, Tidx }) => {
    // TensorFlow's Range takes Tidx from its inputs: the attribute must say the same.
    for (const port of ['start', 'limit', 'delta'] as const)
      if (inputs[port] && inputs[port].dtype !== Tidx)
        throw new InferError('attr', `${port} is ${inputs[port].dtype} but Tidx is ${Tidx}`, { attr: 'Tidx' });
    if (start === undefined || limit === undefined || delta === undefined)
      return { output: { dtype: Tidx, shape: [null] } };
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
  code: ({ attr }) => `tf.range(${attr('start')}, ${attr('limit')}, ${attr('delta')}, ${attr('Tidx')})`,
});
