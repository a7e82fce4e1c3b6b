import type { ValueRange } from '../../src/ops/backend-limits';
import { decodeValue, type InputJson, type TensorJson } from './fixture';

/** What a backend limit needs to know of a case's inputs: each tensor's dtype, magnitude, finiteness and ties. */
export function inputRanges(inputs: Readonly<Record<string, InputJson>>): ValueRange[] {
  return Object.values(inputs)
    .flatMap((v) => (Array.isArray(v) ? v : [v as TensorJson]))
    .map(range);
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
