import type { DType, TensorLiteral } from '../../graph/types';
import { quote } from '../codegen/script-functions';

/** A number as TypeScript writes it, with NaN, ±Infinity and -0 spelled out. */
export function numberLiteral(v: number): string {
  if (Object.is(v, -0)) return '-0';
  return String(v);
}

/**
 * A float32 value in its shortest decimal form that reads back as the same float32: the typed
 * arrays of large tensors hold values like 0.1 as 0.10000000149011612.
 */
function float32Literal(v: number): string {
  if (!Number.isFinite(v) || Object.is(v, -0)) return numberLiteral(v);
  for (let digits = 1; digits < 9; digits++) {
    const short = Number(v.toPrecision(digits));
    if (Math.fround(short) === v) return String(short);
  }
  return String(v);
}

/** A plain value as a TypeScript literal: numbers, strings, booleans, null and (nested) lists. */
export function valueLiteral(value: unknown): string {
  if (typeof value === 'number') return numberLiteral(value);
  if (typeof value === 'string') return quote(value);
  if (Array.isArray(value) || ArrayBuffer.isView(value))
    return `[${Array.from(value as ArrayLike<unknown>, valueLiteral).join(', ')}]`;
  if (value === undefined) return 'undefined';
  return JSON.stringify(value);
}

/** A tensor's values as a TypeScript list: float32 in their shortest form, bool as true and false. */
function valuesLiteral(values: ArrayLike<number>, dtype: DType): string {
  const write =
    dtype === 'bool' ? (v: number) => String(v !== 0) : dtype === 'float32' ? float32Literal : numberLiteral;
  return `[${Array.from(values, write).join(', ')}]`;
}

/** The tfjs call that makes a tensor of these values: tf.scalar, tf.tensor1d, tf.tensor2d by rows, or tf.tensor. */
export function tensorLiteral({ dtype, shape, values }: TensorLiteral): string {
  const type = dtype === 'float32' ? '' : `, ${quote(dtype)}`;
  const scalar = dtype === 'bool' ? String(values[0] !== 0) : valuesLiteral(values, dtype).slice(1, -1);
  if (shape.length === 0) return `tf.scalar(${scalar}${type})`;
  if (shape.length === 1) return `tf.tensor1d(${valuesLiteral(values, dtype)}${type})`;
  const [rows, columns] = shape as [number, number];
  if (shape.length === 2 && rows > 0 && columns > 0) {
    const list = Array.from({ length: rows }, (_, r) =>
      valuesLiteral(Array.from(values).slice(r * columns, (r + 1) * columns), dtype),
    );
    // tensor2d takes the shape before the dtype.
    return `tf.tensor2d([${list.join(', ')}]${type && `, [${rows}, ${columns}]${type}`})`;
  }
  return `tf.tensor(${valuesLiteral(values, dtype)}, ${valueLiteral(shape)}${type})`;
}
