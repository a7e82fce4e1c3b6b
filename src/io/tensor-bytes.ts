import type { DType, TensorValues } from '../graph/types';
import { base64ToBytes, bytesToBase64 } from './base64';

/** Bytes per value in a file's binary tensors: little-endian float32 and int32, one byte per bool. */
export const BYTES_PER_VALUE: Readonly<Record<DType, number>> = { float32: 4, int32: 4, bool: 1 };

/** The typed array each dtype is stored in. */
export type TypedValues = Float32Array | Int32Array | Uint8Array;

const TYPED_ARRAY = { float32: Float32Array, int32: Int32Array, bool: Uint8Array } as const;

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * The values in their dtype's typed array, or null when one of them would change on the way
 * (0.1 in float32, 1.5 in int32, 2 in bool): the values as they are, or nothing.
 */
export function toTyped(values: TensorValues, dtype: DType): TypedValues | null {
  const Typed = TYPED_ARRAY[dtype];
  const typed = values instanceof Typed ? values : Typed.from(values);
  if (typed !== values && !typed.every((v, i) => Object.is(v, values[i]))) return null;
  return dtype === 'bool' && typed.some((v) => v > 1) ? null : typed;
}

/** The values as base64 of their little-endian bytes, as graph files (version 2) hold large tensors. */
export function tensorToBase64(typed: TypedValues, dtype: DType): string {
  const bytes = new Uint8Array(typed.buffer, typed.byteOffset, typed.byteLength);
  return bytesToBase64(LITTLE_ENDIAN ? bytes : swapped(bytes, BYTES_PER_VALUE[dtype]));
}

/** The typed values of a base64 tensor, or the problem: not base64, or not `count` values' worth. */
export function base64ToTensor(text: string, dtype: DType, count: number): TypedValues | string {
  const raw = base64ToBytes(text);
  if (!raw) return 'not base64 text';
  const width = BYTES_PER_VALUE[dtype];
  if (raw.length !== count * width)
    return `holds ${raw.length} bytes, but ${count} ${dtype} value${count === 1 ? '' : 's'} take ${count * width}`;
  const bytes = LITTLE_ENDIAN ? raw : swapped(raw, width);
  if (dtype === 'bool') return bytes;
  return dtype === 'float32' ? new Float32Array(bytes.buffer) : new Int32Array(bytes.buffer);
}

/** Each `width`-byte value's bytes reversed: little-endian to the host's big-endian, or back. */
function swapped(bytes: Uint8Array, width: number): Uint8Array {
  const out = new Uint8Array(bytes.length);
  for (let i = 0; i < bytes.length; i += width) for (let k = 0; k < width; k++) out[i + k] = bytes[i + width - 1 - k]!;
  return out;
}
