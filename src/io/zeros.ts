import { listText } from '../graph/list-text';
import { elementCount, type DType, type TensorLiteral } from '../graph/types';

/**
 * An input an import fills with zeros holds at most this many values (256 MB of float32): a
 * model's declared input size is read from the file, and is not allocated blindly.
 */
export const MAX_ZERO_VALUES = 2 ** 26;

/** Zeros of `shape`, which an imported model's input holds until the user sets it; why not, when too many. */
export function zerosOf(dtype: DType, shape: readonly number[]): TensorLiteral | string {
  const count = elementCount(shape);
  if (!(count <= MAX_ZERO_VALUES))
    return `its shape [${listText(shape)}] holds ${count.toLocaleString('en-US')} values, more than the ${MAX_ZERO_VALUES.toLocaleString('en-US')} an import fills with zeros`;
  const values =
    dtype === 'float32' ? new Float32Array(count) : dtype === 'int32' ? new Int32Array(count) : new Uint8Array(count);
  return { dtype, shape: [...shape], values };
}
