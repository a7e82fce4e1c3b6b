import type { DType } from '../graph/types';

export const FLOAT: readonly DType[] = ['float32'];
export const NUMERIC: readonly DType[] = ['float32', 'int32'];
export const BOOL: readonly DType[] = ['bool'];
export const ANY: readonly DType[] = ['float32', 'int32', 'bool'];

const ARRAYS = { float32: Float32Array, int32: Int32Array, bool: Uint8Array } as const;

/**
 * Values as the typed array tfjs stores for `dtype`: given a plain array, tfjs flattens and converts
 * it value by value, some twenty times slower. The values must already fit the dtype.
 */
export function typedValues(values: ArrayLike<number>, dtype: DType): Float32Array | Int32Array | Uint8Array {
  const Ctor = ARRAYS[dtype];
  return values instanceof Ctor ? values : Ctor.from(values);
}
