import type * as tfjs from '@tensorflow/tfjs';
import type { AttrValue, DType } from '../../src/graph/types';

/** How to make one input: a shape and dtype, with fixed values or random ones drawn from `range`. */
export interface InputGen {
  shape: number[];
  dtype?: DType;
  values?: number[];
  /** Random values are uniform in [lo, hi); int32 values are floored. Default [-2, 2). */
  range?: [number, number];
}

/**
 * One conformance case: the op on these inputs and attributes must agree with `reference`, written
 * in plain tfjs without going through Tensorloom, and with `expected` values worked out by hand.
 */
/** An input's values: the case's own, or drawn from `random` in its range (float32 values as float32 holds them). */
export function inputValues(gen: InputGen, random: () => number): number[] {
  const dtype = gen.dtype ?? 'float32';
  const [lo, hi] = gen.range ?? [-2, 2];
  if (gen.values) return gen.values;
  return Array.from({ length: gen.shape.reduce((a, b) => a * b, 1) }, () => {
    if (dtype === 'bool') return random() < 0.5 ? 0 : 1;
    const v = lo + (hi - lo) * random();
    return dtype === 'int32' ? Math.floor(v) : Math.fround(v);
  });
}

export interface OpCase {
  op: string;
  title?: string;
  inputs: Record<string, InputGen | InputGen[]>;
  attrs?: Record<string, AttrValue>;
  reference?: (tf: typeof tfjs, inputs: Record<string, tfjs.Tensor | tfjs.Tensor[]>) => Record<string, tfjs.Tensor>;
  expected?: Record<string, number[]>;
  tolerance?: number;
}
