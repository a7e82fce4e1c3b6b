import { checkTensorLiteral } from '../../graph/attrs';
import type { DType, TensorLiteral } from '../../graph/types';

/**
 * Reads a tensor typed by a person: nested brackets (`[[1, 2], [3, 4]]`, the shape follows the
 * nesting) or a flat list (`1, 2, 3`, shaped by `shape` when the count fits, else 1-D). A single
 * number is a scalar.
 */
export function parseTensor(text: string, dtype: DType, shape: readonly number[] | null): TensorLiteral | string {
  const trimmed = text.trim();
  if (!trimmed) return 'enter at least one value';
  let values: number[];
  let nestedShape: number[] | null = null;
  if (trimmed.startsWith('[')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(trimmed.replace(/\b(NaN|-?Infinity)\b/g, '"$1"'));
    } catch {
      return 'brackets do not match, or a value is not a number';
    }
    const flat = flatten(parsed);
    if (typeof flat === 'string') return flat;
    ({ values, shape: nestedShape } = flat);
  } else {
    const parts = trimmed.split(/[\s,]+/).filter(Boolean);
    values = parts.map(toNumber);
    const bad = parts.findIndex((_, i) => Number.isNaN(values[i]) && parts[i] !== 'NaN');
    if (bad >= 0) return `"${parts[bad]}" is not a number`;
  }
  if (dtype === 'bool') values = values.map((v) => (v ? 1 : 0));
  const fits = shape && shape.reduce((a, b) => a * b, 1) === values.length;
  const finalShape =
    nestedShape ?? (fits ? [...shape] : values.length === 1 && !trimmed.includes(',') ? [] : [values.length]);
  const literal: TensorLiteral = { dtype, shape: finalShape, values };
  return checkTensorLiteral(literal) ?? literal;
}

function toNumber(s: string | number | boolean): number {
  if (typeof s === 'number') return s;
  if (typeof s === 'boolean') return s ? 1 : 0;
  if (s === 'true') return 1;
  if (s === 'false') return 0;
  return Number(s);
}

function flatten(value: unknown): { values: number[]; shape: number[] } | string {
  if (!Array.isArray(value)) {
    const n = toNumber(value as string);
    return Number.isNaN(n) && value !== 'NaN' ? `"${String(value)}" is not a number` : { values: [n], shape: [] };
  }
  if (value.length === 0) return { values: [], shape: [0] };
  const parts = value.map(flatten);
  const problem = parts.find((p) => typeof p === 'string');
  if (problem) return problem;
  const ok = parts as { values: number[]; shape: number[] }[];
  const inner = ok[0]!.shape.join();
  if (ok.some((p) => p.shape.join() !== inner)) return 'rows have different lengths';
  return { values: ok.flatMap((p) => p.values), shape: [value.length, ...ok[0]!.shape] };
}

/** The text a person would type for a literal: nested brackets by shape. */
export function formatTensor(literal: TensorLiteral): string {
  const { shape, values } = literal;
  if (shape.length === 0) return String(values[0]);
  let i = 0;
  const nest = (dims: readonly number[]): string =>
    dims.length === 1
      ? `[${values.slice(i, (i += dims[0]!)).join(', ')}]`
      : `[${Array.from({ length: dims[0]! }, () => nest(dims.slice(1))).join(', ')}]`;
  return nest(shape);
}
