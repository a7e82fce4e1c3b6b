import type { TensorLiteral, TensorType } from '../graph/types';
import type { Tensor, TF } from './define-op';
import { typedValues } from './dtypes';

export function literalTensor(tf: TF, value: TensorLiteral): Tensor {
  return tf.tensor(typedValues(value.values, value.dtype), value.shape as number[], value.dtype);
}

export function literalType(value: TensorLiteral): TensorType {
  return { dtype: value.dtype, shape: [...value.shape] };
}

export function scalarLiteral(v: number, dtype: TensorLiteral['dtype'] = 'float32'): TensorLiteral {
  return { dtype, shape: [], values: [v] };
}
