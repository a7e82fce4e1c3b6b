import { listText } from './list-text';
import { DTYPES, elementCount, type AttrValue, type DType, type PortDecl, type TensorLiteral } from './types';

interface AttrBase {
  readonly doc?: string;
  /**
   * The input by which TensorFlow takes this value as a tensor (Reshape's `shape`): when that input
   * is connected, its value replaces the attribute's. See `fromInput`.
   */
  readonly port?: string;
}
export interface IntAttr extends AttrBase {
  readonly kind: 'int';
  readonly default: number;
  readonly min?: number;
  readonly max?: number;
}
export interface FloatAttr extends AttrBase {
  readonly kind: 'float';
  readonly default: number;
  readonly min?: number;
  readonly max?: number;
}
export interface BoolAttr extends AttrBase {
  readonly kind: 'bool';
  readonly default: boolean;
}
export interface EnumAttr<V extends string = string> extends AttrBase {
  readonly kind: 'enum';
  readonly default: V;
  readonly options: readonly V[];
}
export interface DTypeAttr<V extends DType = DType> extends AttrBase {
  readonly kind: 'dtype';
  readonly default: V;
  readonly options: readonly V[];
}
/** A list of integers: axes, permutations, strides, shapes. `null` is allowed only when nullable. */
export interface IntsAttr<N extends boolean = boolean> extends AttrBase {
  readonly kind: 'ints';
  readonly default: N extends true ? readonly number[] | null : readonly number[];
  readonly nullable: N;
  readonly min?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  /**
   * The list is a matrix of this many columns, row after row (Pad's paddings: [rank, 2]): its
   * length is a multiple of it, and a tensor supplying it has that shape.
   */
  readonly columns?: number;
}
/** A short string: an equation, a name. */
export interface TextAttr extends AttrBase {
  readonly kind: 'text';
  readonly default: string;
  /** A pattern the text must match, with what it means for the error message. */
  readonly pattern?: { readonly regex: RegExp; readonly means: string };
  /** What an empty value means, shown in the empty field. */
  readonly empty?: string;
}
export interface TensorAttr extends AttrBase {
  readonly kind: 'tensor';
  readonly default: TensorLiteral;
}
/** Source code: a script node's TypeScript body. */
export interface CodeAttr extends AttrBase {
  readonly kind: 'code';
  readonly default: string;
}
/** A file's contents as a `data:<type>;base64,…` URL, so that the graph file carries it; '' for none. */
export interface FileAttr extends AttrBase {
  readonly kind: 'file';
  readonly default: '';
  readonly maxBytes: number;
}
/** A script node's declared inputs or outputs. */
export interface PortsAttr extends AttrBase {
  readonly kind: 'ports';
  readonly default: readonly PortDecl[];
  readonly minLength: number;
}

export type AttrSpec =
  | IntAttr
  | FloatAttr
  | BoolAttr
  | EnumAttr
  | DTypeAttr
  | IntsAttr
  | TextAttr
  | TensorAttr
  | CodeAttr
  | FileAttr
  | PortsAttr;
export type AttrSpecs = Readonly<Record<string, AttrSpec>>;

export type AttrValueOf<S extends AttrSpec> = S extends IntAttr | FloatAttr
  ? number
  : S extends BoolAttr
    ? boolean
    : S extends EnumAttr<infer V>
      ? V
      : S extends DTypeAttr<infer V>
        ? V
        : S extends IntsAttr<infer N>
          ? N extends true
            ? readonly number[] | null
            : readonly number[]
          : S extends TensorAttr
            ? TensorLiteral
            : S extends CodeAttr | FileAttr | TextAttr
              ? string
              : S extends PortsAttr
                ? readonly PortDecl[]
                : never;

/**
 * Attribute values as inference sees them: one that an input supplies is undefined when that
 * input's value is not known before running (it comes from a Const when it is).
 */
export type AttrValues<A extends AttrSpecs> = {
  readonly [K in keyof A]: A[K] extends { readonly port: string } ? AttrValueOf<A[K]> | undefined : AttrValueOf<A[K]>;
};

/** Attribute values as an op runs with them: by then every input that supplies one has its value. */
export type RunAttrValues<A extends AttrSpecs> = { readonly [K in keyof A]: AttrValueOf<A[K]> };

/** `spec`, which input `port` supplies when it is connected, as TensorFlow takes it. */
export function fromInput<S extends AttrSpec>(spec: S, port: string): S & { readonly port: string } {
  return { ...spec, port };
}

/**
 * The attribute value the tensor supplying it holds (its values, row-major, and shape), or the
 * problem: a list comes from a vector (or a scalar), a number from a single value.
 */
export function attrFromTensor(
  spec: AttrSpec,
  values: ArrayLike<number>,
  shape: readonly number[],
): { ok: true; value: AttrValue } | { ok: false; problem: string } {
  const list = Array.from(values);
  let value: AttrValue;
  if (spec.kind === 'ints') {
    const matrix = spec.columns !== undefined;
    if (matrix ? shape.length !== 2 || shape[1] !== spec.columns : shape.length > 1)
      return {
        ok: false,
        problem: `expected ${matrix ? `a [n, ${spec.columns}] matrix` : 'a vector'}, got a tensor of shape [${shape.join(', ')}]`,
      };
    value = list;
  } else if (spec.kind === 'int' || spec.kind === 'float' || spec.kind === 'bool') {
    if (list.length !== 1)
      return { ok: false, problem: `expected a single value, got ${list.length} (shape [${shape.join(', ')}])` };
    value = spec.kind === 'bool' ? list[0] !== 0 : list[0]!;
  } else return { ok: false, problem: `${spec.kind} attributes cannot come from a tensor` };
  const problem = checkAttr(spec, value);
  return problem ? { ok: false, problem } : { ok: true, value };
}

type Bounds = { min?: number; max?: number; doc?: string };

/** Attribute spec constructors: `attr.int(1, { min: 1 })`. */
export const attr = {
  int: (def: number, o: Bounds = {}): IntAttr => ({ kind: 'int', default: def, ...o }),
  float: (def: number, o: Bounds = {}): FloatAttr => ({ kind: 'float', default: def, ...o }),
  bool: (def: boolean, o: { doc?: string } = {}): BoolAttr => ({ kind: 'bool', default: def, ...o }),
  enumOf: <V extends string>(def: V, options: readonly V[], o: { doc?: string } = {}): EnumAttr<V> => ({
    kind: 'enum',
    default: def,
    options,
    ...o,
  }),
  dtype: <V extends DType>(
    def: V,
    options: readonly V[] = DTYPES as readonly DType[] as readonly V[],
    o: { doc?: string } = {},
  ): DTypeAttr<V> => ({
    kind: 'dtype',
    default: def,
    options,
    ...o,
  }),
  ints: (
    def: readonly number[],
    o: { min?: number; minLength?: number; maxLength?: number; columns?: number; doc?: string } = {},
  ): IntsAttr<false> => ({ kind: 'ints', default: def, nullable: false, ...o }),
  text: (def: string, o: { pattern?: TextAttr['pattern']; empty?: string; doc?: string } = {}): TextAttr => ({
    kind: 'text',
    default: def,
    ...o,
  }),
  /** A list of integers where `null` means "all" (e.g. reduce over every axis). */
  intsOrNull: (
    def: readonly number[] | null,
    o: { min?: number; minLength?: number; maxLength?: number; doc?: string } = {},
  ): IntsAttr<true> => ({ kind: 'ints', default: def, nullable: true, ...o }),
  tensor: (def: TensorLiteral, o: { doc?: string } = {}): TensorAttr => ({ kind: 'tensor', default: def, ...o }),
  code: (def: string, o: { doc?: string } = {}): CodeAttr => ({ kind: 'code', default: def, ...o }),
  file: (o: { maxBytes: number; doc?: string }): FileAttr => ({ kind: 'file', default: '', ...o }),
  ports: (def: readonly PortDecl[], o: { minLength?: number; doc?: string } = {}): PortsAttr => ({
    kind: 'ports',
    default: def,
    minLength: o.minLength ?? 0,
    ...(o.doc && { doc: o.doc }),
  }),
};

/** Checks one attribute value against its spec; returns the problem as text, or null when valid. */
export function checkAttr(spec: AttrSpec, value: AttrValue): string | null {
  switch (spec.kind) {
    case 'int':
    case 'float': {
      if (typeof value !== 'number' || Number.isNaN(value)) return `expected a number, got ${describe(value)}`;
      if (spec.kind === 'int' && !Number.isInteger(value)) return `expected an integer, got ${value}`;
      if (spec.min !== undefined && value < spec.min) return `must be ≥ ${spec.min}, got ${value}`;
      if (spec.max !== undefined && value > spec.max) return `must be ≤ ${spec.max}, got ${value}`;
      return null;
    }
    case 'bool':
      return typeof value === 'boolean' ? null : `expected true or false, got ${describe(value)}`;
    case 'enum':
    case 'dtype':
      return typeof value === 'string' && (spec.options as readonly string[]).includes(value)
        ? null
        : `expected one of ${spec.options.join(', ')}, got ${describe(value)}`;
    case 'ints': {
      if (value === null) return spec.nullable ? null : 'a list of integers is required';
      if (!Array.isArray(value) || !value.every((v) => typeof v === 'number' && Number.isInteger(v)))
        return `expected a list of integers, got ${describe(value)}`;
      const list = value as readonly number[];
      if (spec.minLength !== undefined && list.length < spec.minLength)
        return `needs at least ${spec.minLength} entries, got ${list.length}`;
      if (spec.maxLength !== undefined && list.length > spec.maxLength)
        return `takes at most ${spec.maxLength} entries, got ${list.length}`;
      const low = spec.min;
      if (low !== undefined && list.some((v) => v < low)) return `entries must be ≥ ${low}, got [${listText(list)}]`;
      if (spec.columns !== undefined && list.length % spec.columns !== 0)
        return `needs ${spec.columns} entries a row, got ${list.length} in all`;
      return null;
    }
    case 'text':
      if (typeof value !== 'string') return `expected text, got ${describe(value)}`;
      return spec.pattern && !spec.pattern.regex.test(value) ? `"${value}" is not ${spec.pattern.means}` : null;
    case 'tensor':
      return checkTensorLiteral(value);
    case 'code':
      return typeof value === 'string' ? null : `expected source code, got ${describe(value)}`;
    case 'file':
      return checkFile(value, spec.maxBytes);
    case 'ports':
      return checkPorts(value, spec.minLength);
  }
}

const DATA_URL = /^data:([\w.+-]+\/[\w.+-]+);base64,([A-Za-z0-9+/]*={0,2})$/;

/** A file attribute's value: '' or a base64 data URL of at most `maxBytes` bytes. */
function checkFile(value: AttrValue, maxBytes: number): string | null {
  if (value === '') return null;
  if (typeof value !== 'string' || !DATA_URL.test(value))
    return `expected a file as a data:<type>;base64,… URL, got ${typeof value === 'string' ? `"${value.slice(0, 32)}…"` : describe(value)}`;
  if ((value.length - value.indexOf(',') - 1) % 4 !== 0) return "the file's base64 text is cut short";
  const size = fileSize(value);
  return size > maxBytes ? `the file has ${size} bytes, more than the ${maxBytes} allowed` : null;
}

/** The type and size in bytes of a file held as a base64 data URL (as checkFile accepts). */
export function fileInfo(dataUrl: string): { type: string; bytes: number } | null {
  const match = DATA_URL.exec(dataUrl);
  return match ? { type: match[1]!, bytes: fileSize(dataUrl) } : null;
}

function fileSize(dataUrl: string): number {
  const base64 = dataUrl.slice(dataUrl.indexOf(',') + 1);
  const padding = base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0;
  return (base64.length / 4) * 3 - padding;
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const RESERVED = new Set([
  'tf',
  'dy',
  'inputs',
  'outputs',
  'await',
  'return',
  'function',
  'class',
  'const',
  'let',
  'var',
  'new',
  'this',
]);

/** Port declarations: names a body can use as variables, each once, with a dtype and sizes. */
export function checkPorts(value: AttrValue, minLength = 0): string | null {
  if (!Array.isArray(value) || !value.every((p) => typeof p === 'object' && p !== null && 'name' in p))
    return `expected a list of ports {name, dtype, shape?}, got ${describe(value)}`;
  const ports = value as readonly PortDecl[];
  if (ports.length < minLength) return `needs at least ${minLength} port${minLength === 1 ? '' : 's'}`;
  const seen = new Set<string>();
  for (const p of ports) {
    if (!IDENTIFIER.test(p.name))
      return `"${p.name}" is not a valid name: use letters, digits and _ (not first a digit)`;
    if (RESERVED.has(p.name)) return `"${p.name}" is reserved: choose another name`;
    if (seen.has(p.name)) return `the name "${p.name}" is used twice`;
    seen.add(p.name);
    if (!DTYPES.includes(p.dtype)) return `${p.name}: unknown dtype ${String(p.dtype)}`;
    if (p.shape && !p.shape.every((d) => d === null || (Number.isInteger(d) && d >= 0)))
      return `${p.name}: sizes must be whole numbers ≥ 0, or null where a size varies`;
  }
  return null;
}

export function isTensorLiteral(value: AttrValue): value is TensorLiteral {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && 'values' in value;
}

export function checkTensorLiteral(value: AttrValue): string | null {
  if (!isTensorLiteral(value)) return `expected a tensor value, got ${describe(value)}`;
  if (!DTYPES.includes(value.dtype)) return `unknown dtype ${String(value.dtype)}`;
  if (!Array.isArray(value.shape) || !(Array.isArray(value.values) || ArrayBuffer.isView(value.values)))
    return 'expected a tensor {dtype, shape, values}, with shape and values as lists';
  if (!value.shape.every((d) => Number.isInteger(d) && d >= 0))
    return `shape must be non-negative integers, got [${listText(value.shape)}]`;
  const n = elementCount(value.shape);
  if (value.values.length !== n)
    return `shape [${listText(value.shape)}] holds ${n} values, got ${value.values.length}`;
  if (value.dtype === 'int32' && !value.values.every((v) => Number.isInteger(v)))
    return 'int32 values must be integers';
  if (value.dtype === 'bool' && !value.values.every((v) => v === 0 || v === 1)) return 'bool values must be 0 or 1';
  return null;
}

function describe(value: AttrValue | undefined): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `[${listText(value)}]`;
  if (typeof value === 'object') return 'a tensor';
  return JSON.stringify(value);
}
