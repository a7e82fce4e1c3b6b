import type { DType, PortDecl } from '../../graph/types';
import type { Tensor, TF } from '../../ops/define-op';
import { overBudget } from '../over-budget';
import { ScriptError } from './script-error';

const fail = (message: string) => new ScriptError('result', message);
const describeShape = (shape: readonly (number | null)[]) => `[${shape.map((d) => (d === null ? '?' : d)).join(', ')}]`;

/** A plain object (not an array, tensor or typed array): outputs by name. */
function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

/**
 * Matches what a body returned to its declared outputs: the value itself for a single output, an
 * object by name, or an array in declaration order. Names that are missing or extra are errors.
 * Only the object's own keys count: an output may be named `constructor` or `__proto__`.
 */
export function outputsByName(
  returned: unknown,
  declared: readonly PortDecl[],
  isValue: (v: unknown) => boolean,
): Map<string, unknown> {
  const names = declared.map((d) => d.name);
  if (declared.length === 1 && !(isRecord(returned) && Object.hasOwn(returned, names[0]!) && !isValue(returned)))
    return new Map([[names[0]!, returned]]);
  if (Array.isArray(returned)) {
    if (returned.length !== declared.length)
      throw fail(
        `returned ${returned.length} values, but ${declared.length} outputs are declared (${names.join(', ')})`,
      );
    return new Map(names.map((n, i) => [n, returned[i]]));
  }
  if (!isRecord(returned))
    throw fail(
      `returned ${kindOf(returned)}; ${declared.length} outputs are declared, so return an object { ${names.join(', ')} }`,
    );
  const extra = Object.keys(returned).filter((k) => !names.includes(k));
  if (extra.length)
    throw fail(
      `returned ${extra.map((k) => `"${k}"`).join(', ')}, which is not a declared output (declared: ${names.join(', ')})`,
    );
  const missing = names.filter((n) => !Object.hasOwn(returned, n));
  if (missing.length)
    throw fail(`output ${missing.map((k) => `"${k}"`).join(', ')} is missing from what the body returned`);
  return new Map(names.map((n) => [n, returned[n]]));
}

export function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'an array';
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name}`;
  if (typeof value === 'object') return value.constructor?.name === 'Tensor' ? 'a tensor' : 'an object';
  return `a ${typeof value} (${JSON.stringify(value)})`;
}

export function checkShape(name: string, decl: PortDecl, shape: readonly number[]): void {
  if (!decl.shape) return;
  const ok = decl.shape.length === shape.length && decl.shape.every((d, i) => d === null || d === shape[i]);
  if (!ok) throw fail(`output "${name}": declared shape ${describeShape(decl.shape)}, got ${describeShape(shape)}`);
}

/** Tensor-script results: each must be a tensor of exactly the declared dtype and a fitting shape. */
export function checkTensorResults(tf: TF, returned: unknown, declared: readonly PortDecl[]): Map<string, Tensor> {
  const isTensor = (v: unknown): v is Tensor => v instanceof tf.Tensor;
  const out = new Map<string, Tensor>();
  for (const [name, value] of outputsByName(returned, declared, isTensor)) {
    const decl = declared.find((d) => d.name === name)!;
    if (!isTensor(value)) throw fail(`output "${name}": expected a tensor, got ${kindOf(value)}`);
    if (value.dtype !== decl.dtype)
      throw fail(
        `output "${name}": declared ${decl.dtype}, got ${value.dtype}; convert it with tf.cast(…, '${decl.dtype}')`,
      );
    checkShape(name, decl, value.shape);
    out.set(name, value);
  }
  return out;
}

/** A value an array script returned, as flat numbers and a shape, checked against its dtype. */
export interface ArrayValue {
  readonly values: ArrayLike<number>;
  readonly shape: number[];
}

const FLOAT_ARRAYS = ['Float32Array', 'Float64Array'];

/**
 * Array-script results: numbers, nested arrays, typed arrays or `{ data, shape }`, converted to the
 * declared dtype only where nothing is lost (a fractional value never becomes an int32).
 */
export function checkArrayResults(
  returned: unknown,
  declared: readonly PortDecl[],
  maxBytes = Infinity,
): Map<string, ArrayValue> {
  const isValue = (v: unknown) =>
    typeof v === 'number' ||
    typeof v === 'boolean' ||
    Array.isArray(v) ||
    ArrayBuffer.isView(v) ||
    (isRecord(v) && 'data' in v);
  const out = new Map<string, ArrayValue>();
  for (const [name, value] of outputsByName(returned, declared, isValue)) {
    const decl = declared.find((d) => d.name === name)!;
    const array = toArrayValue(name, value, decl);
    // Before the values are read through, let alone uploaded: the tensor they make must fit the budget.
    const tooLarge = overBudget(
      'ArrayScript',
      declared.length > 1 ? name : null,
      { ...decl, shape: array.shape },
      maxBytes,
    );
    if (tooLarge) throw fail(tooLarge);
    checkValues(name, array.values, decl.dtype, value);
    checkShape(name, decl, array.shape);
    out.set(name, array);
  }
  return out;
}

function toArrayValue(name: string, value: unknown, decl: PortDecl): ArrayValue {
  if (typeof value === 'number' || typeof value === 'boolean') return { values: [Number(value)], shape: [] };
  if (isRecord(value) && 'data' in value) {
    const shape = value['shape'];
    if (!Array.isArray(shape) || !shape.every((d) => Number.isInteger(d) && d >= 0))
      throw fail(`output "${name}": { data, shape } needs shape to be a list of sizes`);
    const inner = toArrayValue(name, value['data'], { ...decl, shape: undefined });
    const size = shape.reduce((a: number, b: number) => a * b, 1);
    if (inner.values.length !== size)
      throw fail(
        `output "${name}": shape ${describeShape(shape)} holds ${size} values, data has ${inner.values.length}`,
      );
    return { values: inner.values, shape };
  }
  if (ArrayBuffer.isView(value)) {
    const values = value as unknown as ArrayLike<number>;
    const known = decl.shape && decl.shape.every((d) => d !== null) ? (decl.shape as number[]) : null;
    if (known && known.reduce((a, b) => a * b, 1) === values.length) return { values, shape: [...known] };
    // An input array returned as it is (or a copy made with its shape) keeps the shape it came with.
    const carried = carriedShape(value, values.length);
    if (carried && (!decl.shape || decl.shape.length === carried.length)) return { values, shape: carried };
    if (!decl.shape || decl.shape.length <= 1) return { values, shape: [values.length] };
    throw fail(
      `output "${name}": a flat ${value.constructor.name} of ${values.length} values does not fill the declared shape ${describeShape(decl.shape)}; return { data, shape }`,
    );
  }
  if (Array.isArray(value)) return nested(name, value);
  throw fail(`output "${name}": expected numbers (a number, an array or a typed array), got ${kindOf(value)}`);
}

function nested(name: string, value: unknown[]): ArrayValue {
  // The common case, one row of numbers, is used as it is: copying it would cost ten times as much.
  if (allNumbers(value)) return { values: value, shape: [value.length] };
  const values: number[] = [];
  const shape: number[] = [];
  // Where the walk is, for error messages: one path kept up to date, not a new one per value.
  const at: number[] = [];
  const where = (i: number) => [...at, i].join(', ');
  // Values are handled in their row's loop, not by a call each: rows of 1e5 numbers are common.
  const walk = (row: unknown[], depth: number) => {
    if (shape.length === depth) shape.push(row.length);
    else if (shape[depth] !== row.length)
      throw fail(`output "${name}": rows have different lengths at [${at.join(', ')}]`);
    for (let i = 0; i < row.length; i++) {
      const v = row[i];
      if (Array.isArray(v)) {
        at.push(i);
        walk(v, depth + 1);
        at.pop();
        continue;
      }
      if (depth + 1 !== shape.length) throw fail(`output "${name}": rows have different depths at [${where(i)}]`);
      if (typeof v === 'number') values.push(v);
      else if (typeof v === 'boolean') values.push(v ? 1 : 0);
      else throw fail(`output "${name}": the value at [${where(i)}] is not a number: ${kindOf(v)}`);
    }
  };
  walk(value, 0);
  if (values.length !== shape.reduce((a, b) => a * b, 1))
    throw fail(`output "${name}": rows have different depths (a number stands where a row of numbers does elsewhere)`);
  return { values, shape };
}

function carriedShape(value: object, length: number): number[] | null {
  const shape = (value as { shape?: unknown }).shape;
  return Array.isArray(shape) &&
    shape.every((d) => Number.isInteger(d) && d >= 0) &&
    shape.reduce((a: number, b: number) => a * b, 1) === length
    ? [...(shape as number[])]
    : null;
}

function allNumbers(row: unknown[]): row is number[] {
  for (let i = 0; i < row.length; i++) if (typeof row[i] !== 'number') return false;
  return true;
}

function checkValues(name: string, values: ArrayLike<number>, dtype: DType, original: unknown): void {
  if (dtype === 'float32') return;
  const from = ArrayBuffer.isView(original) ? original.constructor.name : null;
  if (dtype === 'int32' && from && FLOAT_ARRAYS.includes(from))
    throw fail(
      `output "${name}": declared int32, got a ${from}; convert it (e.g. Int32Array.from(…)) rather than let values be truncated`,
    );
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (dtype === 'int32' && !Number.isInteger(v))
      throw fail(`output "${name}": declared int32, but value ${i} is ${v}`);
    if (dtype === 'bool' && v !== 0 && v !== 1) throw fail(`output "${name}": declared bool, but value ${i} is ${v}`);
  }
}
