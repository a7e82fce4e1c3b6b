import type { AttrSpecs, AttrValues } from './attrs';
import type { TfMapping } from './tf-mapping';
import type { DType, TensorType } from './types';

export const OP_CATEGORIES = [
  'inputs',
  'math',
  'comparison',
  'activation',
  'linalg',
  'reduction',
  'shape',
  'random',
  'conv',
  'image',
  'script',
  'imported',
] as const;
export type OpCategory = (typeof OP_CATEGORIES)[number];

export interface InputSpec {
  /** The dtypes this port accepts. */
  readonly dtypes: readonly DType[];
  /** Takes any number (≥ 1) of values, connected as `name:0`, `name:1`, … */
  readonly variadic?: boolean;
  /**
   * The attribute this input supplies (TensorFlow takes the value as a tensor): optional, since
   * the attribute serves when it is not connected. The attribute's spec names it as its `port`.
   */
  readonly attr?: string;
  readonly doc?: string;
}
export type InputSpecs = Readonly<Record<string, InputSpec>>;

/** Per input port: one value, or a list for a variadic port. */
export type InputsOf<I extends InputSpecs, T> = {
  readonly [K in keyof I as I[K] extends { attr: string } ? never : K]: I[K] extends { variadic: true }
    ? readonly T[]
    : T;
} & {
  /** An input that supplies an attribute may be left unconnected. */
  readonly [K in keyof I as I[K] extends { attr: string } ? K : never]?: T;
};

/**
 * How a node's value comes about, which decides what the compiler may do with it:
 * `pure` nodes fold when all their inputs are constant; `const` nodes are constants;
 * `feed` nodes read their `value` attribute at run time, which never causes a retrace;
 * `random` nodes are never folded; `script` nodes are never folded, and always run again.
 */
export type OpKind = 'pure' | 'const' | 'feed' | 'random' | 'script';

/** What the graph layer knows of an op: enough to validate and infer, nothing to run. */
export interface OpSignature<
  I extends InputSpecs = InputSpecs,
  O extends string = string,
  A extends AttrSpecs = AttrSpecs,
> {
  readonly name: string;
  readonly category: OpCategory;
  /** One line: what the op computes. */
  readonly doc: string;
  readonly inputs: I;
  readonly outputs: readonly O[];
  readonly attrs: A;
  readonly kind: OpKind;
  /** False for ops that no gradient passes through (argmax, comparisons, casts to integers…). */
  readonly differentiable: boolean;
  /**
   * Ports that depend on attributes (a script node declares its own); when present they replace
   * `inputs` and `outputs`, which then describe the defaults.
   */
  readonly ports?: (attrs: AttrValues<A>) => { readonly inputs: InputSpecs; readonly outputs: readonly string[] };
  /** How it maps to a TensorFlow GraphDef node, where that differs from the rule of tf-mapping.ts. */
  readonly tf?: TfMapping;
  /** False for ops that only an import makes (a TensorFlow op Tensorloom lacks): not in the palette. */
  readonly placeable?: boolean;
  /** Output types from input types; throws InferError when they do not fit together. */
  infer(inputs: InputsOf<I, TensorType>, attrs: AttrValues<A>): Readonly<Record<O, TensorType>>;
}

/** A signature as the graph layer handles it, its type parameters erased. */
export type AnyOpSignature = OpSignature<InputSpecs, string, AttrSpecs>;

export type InferErrorKind = 'shape' | 'dtype' | 'attr';

/** Thrown by `infer`; names the input port or attribute at fault so diagnostics can point at it. */
export class InferError extends Error {
  constructor(
    readonly kind: InferErrorKind,
    message: string,
    readonly where: { port?: string; attr?: string } = {},
  ) {
    super(message);
    this.name = 'InferError';
  }
}
