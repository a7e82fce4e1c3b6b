import { attr } from '../../graph/attrs';
import { InferError } from '../../graph/op-signature';
import type { DType } from '../../graph/types';
import { defineOp } from '../define-op';
import { exactFill } from '../exact-fill';

export const Fill = defineOp({
  name: 'Fill',
  category: 'shape',
  doc: 'A tensor of shape dims with every element equal to value.',
  inputs: {},
  outputs: ['output'],
  attrs: {
    dims: attr.ints([2, 2], { min: 0, doc: 'the shape of the result' }),
    value: attr.float(0),
    dtype: attr.dtype<DType>('float32'),
  },
  differentiable: false,
  infer: (_, { dims, value, dtype }) => {
    if (dtype === 'int32' && !Number.isInteger(value))
      throw new InferError('attr', `an int32 fill needs an integer value, got ${value}`, { attr: 'value' });
    if (dtype === 'bool' && value !== 0 && value !== 1)
      throw new InferError('attr', `a bool fill needs the value 0 or 1, got ${value}`, { attr: 'value' });
    return { output: { dtype, shape: [...dims] } };
  },
  forward: (tf, _, { dims, value, dtype }) => ({ output: exactFill(tf, dims, value, dtype) }),
});
