import { attr, fromInput } from '../../graph/attrs';
import { InferError } from '../../graph/op-signature';
import type { DType } from '../../graph/types';
import { unknownDims } from '../../graph/shape';
import { defineOp } from '../define-op';
import { ANY } from '../dtypes';
import { exactFill } from '../exact-fill';

export const Fill = defineOp({
  name: 'Fill',
  category: 'shape',
  doc: 'A tensor of shape dims with every element equal to value.',
  inputs: { dims: { dtypes: ['int32'], attr: 'dims' }, value: { dtypes: ANY, attr: 'value' } },
  outputs: ['output'],
  // TensorFlow calls the output's dtype T.
  tf: { attrNames: { dtype: 'T' } },
  attrs: {
    dims: fromInput(attr.ints([2, 2], { min: 0, doc: 'the shape of the result' }), 'dims'),
    value: fromInput(attr.float(0), 'value'),
    dtype: attr.dtype<DType>('float32'),
  },
  differentiable: false,
  infer: (inputs, { dims, value, dtype }) => {
    // TensorFlow's Fill takes its dtype from the value tensor: the attribute must say the same.
    if (inputs.value && inputs.value.dtype !== dtype)
      throw new InferError('attr', `the value is ${inputs.value.dtype} but dtype is ${dtype}`, { attr: 'dtype' });
    if (dims === undefined) {
      return { output: { dtype, shape: unknownDims(inputs.dims) } };
    }
    if (value === undefined) return { output: { dtype, shape: [...dims] } };
    if (dtype === 'int32' && !Number.isInteger(value))
      throw new InferError('attr', `an int32 fill needs an integer value, got ${value}`, { attr: 'value' });
    if (dtype === 'bool' && value !== 0 && value !== 1)
      throw new InferError('attr', `a bool fill needs the value 0 or 1, got ${value}`, { attr: 'value' });
    return { output: { dtype, shape: [...dims] } };
  },
  forward: (tf, _, { dims, value, dtype }) => ({ output: exactFill(tf, dims, value, dtype) }),
  // On the CPU, tfjs's fill is exact for int32 too.
  code: ({ attr }) => `tf.fill(${attr('dims')}, ${attr('value')}, ${attr('dtype')})`,
});
