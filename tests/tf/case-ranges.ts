import type { ValueRange } from '../../src/ops/backend-limits';
import { decodeValue, type TensorJson, type TfCase } from './fixture';

/**
 * What a backend limit needs to know of the values a case reads and makes (its inputs, then
 * TensorFlow's outputs): each tensor's dtype, magnitude, finiteness and ties.
 */
export function caseRanges(c: TfCase): ValueRange[] {
  const inputs = Object.values(c.inputs).flatMap((v) => (Array.isArray(v) ? v : [v as TensorJson]));
  return [...inputs, ...Object.values(c.outputs ?? {})].map(range);
}

function range(t: TensorJson): ValueRange {
  const values = t.values.map(decodeValue);
  let absMax = 0;
  let nonFinite = false;
  for (const v of values) {
    if (Number.isFinite(v)) absMax = Math.max(absMax, Math.abs(v));
    else nonFinite = true;
  }
  return { dtype: t.dtype, absMax, nonFinite, ties: new Set(values).size < values.length };
}
