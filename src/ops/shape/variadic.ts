import { InferError } from '../../graph/op-signature';
import { sameDtype } from '../../graph/shape';
import type { Dim, DType, TensorType } from '../../graph/types';

/** The dtype every value of the variadic port `values` shares (TensorFlow's `T`), naming each as `values:k`. */
export function valuesDtype(values: readonly TensorType[]): DType {
  if (values.length === 0) throw new InferError('shape', 'needs at least one value', { port: 'values:0' });
  const ports = values.map((_, i) => `values:${i}`);
  return sameDtype(Object.fromEntries(values.map((v, i) => [ports[i]!, v])), ports);
}

/** The values whose rank is known, each with its port name `values:k`. */
export function rankedValues(values: readonly TensorType[]): { shape: Dim[]; port: string }[] {
  return values.flatMap(({ shape }, i) => (shape === null ? [] : [{ shape, port: `values:${i}` }]));
}
