import type { DType } from '../graph/types';

/** JSON has no NaN or ±Infinity, so tensor values spell them as these strings. */
export const NON_FINITE = ['NaN', 'Infinity', '-Infinity'] as const;
export type NonFinite = (typeof NON_FINITE)[number];

export type TensorValueJson = number | NonFinite | boolean;

export function decodeTensorValue(value: TensorValueJson): number {
  if (typeof value === 'boolean') return value ? 1 : 0;
  return typeof value === 'string' ? Number(value) : value;
}

/**
 * Bool tensors are written as true/false because that is how people read them; a value that is
 * neither 0 nor 1 (nor -0) stays a number so that an invalid graph still round-trips for validation to report.
 */
export function encodeTensorValue(value: number, dtype: DType): TensorValueJson {
  if (dtype === 'bool' && (Object.is(value, 0) || value === 1)) return value === 1;
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return 'Infinity';
  if (value === -Infinity) return '-Infinity';
  return value;
}
