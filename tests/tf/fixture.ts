import type { AttrValue, DType, TensorLiteral } from '../../src/graph/types';

/** A tensor as the generator writes it: JSON has no NaN, ±Infinity or -0, so those are strings. */
export interface TensorJson {
  readonly dtype: DType;
  readonly shape: readonly number[];
  readonly values: readonly (number | boolean | 'NaN' | 'Infinity' | '-Infinity' | '-0')[];
}

export type InputJson = TensorJson | readonly TensorJson[];

/** What TensorFlow did with one case: outputs or an error, and the gradient of Σ weights · outputs. */
export interface TfCase {
  readonly title: string;
  readonly inputs: Readonly<Record<string, InputJson>>;
  readonly attrs: Readonly<Record<string, unknown>>;
  readonly outputs?: Readonly<Record<string, TensorJson>>;
  readonly error?: string;
  readonly distribution?: Readonly<Record<string, Distribution>>;
  /**
   * Where Tensorloom is known to compute otherwise (its JPEG decoder is not libjpeg-turbo): the
   * largest difference allowed in any value, integers included, and the largest share of values
   * that may differ at all, as measured, and why.
   */
  readonly tolerance?: { readonly atol: number; readonly differing: number; readonly why: string };
  readonly gradient?: {
    readonly weights: Readonly<Record<string, TensorJson>>;
    /** Per float input; null where TensorFlow has no gradient (no path to the outputs). */
    readonly inputs?: Readonly<Record<string, TensorJson | null | readonly (TensorJson | null)[]>>;
    readonly error?: string;
  };
}

/** A random op's sample, compared by shape, dtype, range and moments rather than value by value. */
export interface Distribution {
  readonly dtype: DType;
  readonly shape: readonly number[];
  readonly min: number | null;
  readonly max: number | null;
  readonly mean: number | null;
  readonly std: number | null;
}

export interface Fixture {
  readonly op: string;
  readonly tensorflow: string;
  readonly compare: 'values' | 'distribution';
  readonly cases: readonly TfCase[];
}

export function decodeValue(v: TensorJson['values'][number]): number {
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v === '-0') return -0;
  return typeof v === 'string' ? Number(v) : v;
}

export function literal(t: TensorJson): TensorLiteral {
  return { dtype: t.dtype, shape: [...t.shape], values: t.values.map(decodeValue) };
}

const isTensorJson = (v: unknown): v is TensorJson =>
  typeof v === 'object' && v !== null && 'dtype' in v && 'shape' in v && 'values' in v;

/** The case's attributes as Tensorloom takes them: tensor values decoded. */
export function caseAttrs(c: TfCase): Record<string, AttrValue> {
  return Object.fromEntries(
    Object.entries(c.attrs).map(([k, v]) => [k, isTensorJson(v) ? literal(v) : (v as AttrValue)]),
  );
}
