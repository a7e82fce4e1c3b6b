import type { AttrSpec } from './attrs';
import type { AttrValue, DType } from './types';

/** A tensor shape as a GraphDef in JSON writes it: sizes as strings, -1 where unknown. */
export interface TfShape {
  readonly dim?: readonly { readonly size?: string | number }[];
  readonly unknownRank?: boolean;
}

/** A GraphDef attribute value as JSON (a tfjs `model.json`) spells it; one field is set. */
export interface TfAttrValue {
  /** A string, base64 of its bytes. */
  readonly s?: string;
  /** An int64, as a decimal string. */
  readonly i?: string | number;
  readonly f?: number;
  readonly b?: boolean;
  /** A dtype: `DT_FLOAT`, `DT_INT32`, … */
  readonly type?: string;
  readonly shape?: TfShape;
  readonly list?: {
    readonly s?: readonly string[];
    readonly i?: readonly (string | number)[];
    readonly f?: readonly number[];
    readonly b?: readonly boolean[];
    readonly type?: readonly string[];
    readonly shape?: readonly TfShape[];
  };
  readonly tensor?: { readonly dtype?: string; readonly tensorShape?: TfShape };
  readonly func?: { readonly name?: string };
}

export type TfAttrs = Readonly<Record<string, TfAttrValue>>;

/** TensorFlow's dtype enums for Tensorloom's dtypes, as GraphDefs write them. */
export const TF_DTYPES: Readonly<Record<DType, string>> = { float32: 'DT_FLOAT', int32: 'DT_INT32', bool: 'DT_BOOL' };

/**
 * The dtype TensorFlow's enum stands for in Tensorloom, or null. int64 reads as int32, as tfjs reads
 * it: tfjs has no int64, and the converter writes int64 tensors as int32.
 */
export function dtypeFromTf(type: string | undefined): DType | null {
  switch (type) {
    case 'DT_FLOAT':
      return 'float32';
    case 'DT_INT32':
    case 'DT_INT64':
      return 'int32';
    case 'DT_BOOL':
      return 'bool';
    default:
      return null;
  }
}

/** The sizes of a GraphDef shape, null where unknown; null for an unknown rank. */
export function shapeFromTf(shape: TfShape | undefined): (number | null)[] | null {
  if (!shape || shape.unknownRank) return null;
  return (shape.dim ?? []).map(({ size }) => {
    const n = Number(size ?? 0);
    return Number.isInteger(n) && n >= 0 ? n : null;
  });
}

/** Texts already decoded: a model spells the same few ("SAME", "NHWC") on every node. */
const decodedTexts = new Map<string, string>();

/** The text of a GraphDef string attribute (base64 of UTF-8 bytes). */
export function textFromTf(s: string): string {
  let text = decodedTexts.get(s);
  if (text === undefined) {
    const binary = atob(s);
    text = new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
    if (s.length <= 64) decodedTexts.set(s, text);
  }
  return text;
}

/** The text, or null when `s` is not base64. */
function textOrNull(s: string): string | null {
  try {
    return textFromTf(s);
  } catch {
    return null;
  }
}

export function textToTf(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/**
 * An attribute's value read from the TensorFlow attribute of the same meaning, by the attribute's
 * kind, or what is wrong when the TF value is not of that kind.
 */
export function attrFromTf(spec: AttrSpec, value: TfAttrValue): { value: AttrValue } | { problem: string } {
  const read = readAttr(spec, value);
  return typeof read === 'object' && read !== null && 'problem' in read ? read : { value: read as AttrValue };
}

function readAttr(spec: AttrSpec, value: TfAttrValue): AttrValue | { problem: string } {
  switch (spec.kind) {
    case 'int':
      return value.i !== undefined ? Number(value.i) : { problem: 'expected an integer (i)' };
    case 'float':
      return value.f !== undefined
        ? Number(value.f)
        : value.i !== undefined
          ? Number(value.i)
          : { problem: 'expected a float (f)' };
    case 'bool':
      return value.b !== undefined ? value.b : { problem: 'expected a bool (b)' };
    case 'text':
    case 'enum': {
      if (value.s === undefined) return { problem: 'expected a string (s)' };
      const text = textOrNull(value.s);
      if (text === null) return { problem: 'its string (s) is not base64 text' };
      if (spec.kind === 'enum' && !spec.options.includes(text))
        return { problem: `"${text}" is not one of ${spec.options.map((o) => `"${o}"`).join(', ')}` };
      return text;
    }
    case 'dtype': {
      const dtype = dtypeFromTf(value.type);
      if (!dtype)
        return { problem: `dtype ${value.type ?? '(none)'} is not one Tensorloom computes in (float32, int32, bool)` };
      return spec.options.includes(dtype)
        ? dtype
        : { problem: `dtype ${dtype} is not one of ${spec.options.join(', ')}` };
    }
    case 'ints':
      if (value.list) return (value.list.i ?? []).map(Number);
      if (value.shape) {
        const shape = shapeFromTf(value.shape);
        return shape && shape.every((d) => d !== null)
          ? (shape as number[])
          : { problem: 'expected a fully known shape' };
      }
      return { problem: 'expected a list of integers (list.i)' };
    default:
      return { problem: `a ${spec.kind} attribute is not read from TensorFlow` };
  }
}

/** The TensorFlow attribute for an attribute's value, by its kind; undefined where TF has none. */
export function attrToTf(spec: AttrSpec, value: AttrValue): TfAttrValue | undefined {
  switch (spec.kind) {
    case 'int':
      return { i: String(value) };
    case 'float':
      return { f: value as number };
    case 'bool':
      return { b: value as boolean };
    case 'text':
    case 'enum':
      return { s: textToTf(value as string) };
    case 'dtype':
      return { type: TF_DTYPES[value as DType] };
    case 'ints':
      return value === null ? undefined : { list: { i: (value as readonly number[]).map(String) } };
    default:
      return undefined;
  }
}

/**
 * How an op reads from and writes to a TensorFlow GraphDef node, where it differs from the rule:
 * inputs in the op's input order (a variadic one taking `N` or `num_args` tensors), and each
 * attribute from the TF attribute of the same name, read by its kind.
 */
export interface TfMapping {
  /** TensorFlow's name for an attribute whose name differs (OneHot's `dtype` is TF's `T`). */
  readonly attrNames?: Readonly<Record<string, string>>;
  /**
   * Attributes the rule cannot read (a list of fused op names to one choice), from the node's TF
   * attributes; a message says why the node cannot be computed as TensorFlow would. The TF
   * attributes of the names it gives count as read; name others it reads in `ignores`.
   */
  readonly importAttrs?: (attrs: TfAttrs) => Readonly<Record<string, AttrValue>> | string;
  /** The TF attributes for those attributes, the inverse of importAttrs. */
  readonly exportAttrs?: (attrs: Readonly<Record<string, AttrValue>>) => TfAttrs;
  /**
   * TF attributes that change nothing Tensorloom computes (kernel hints), beyond those every op
   * ignores (type parameters such as `T`, and `_`-prefixed annotations).
   */
  readonly ignores?: readonly string[];
}
