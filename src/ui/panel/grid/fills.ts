import { elementCount, type DType, type TensorLiteral } from '../../../graph/types';

export const FILLS = ['zeros', 'ones', 'range', 'random normal', 'random uniform'] as const;
export type Fill = (typeof FILLS)[number];

/** Whether a fill draws random numbers (and so takes a seed). */
export const isRandom = (fill: Fill) => fill === 'random normal' || fill === 'random uniform';

/**
 * Mulberry32: a small, fast 32-bit generator. The same seed gives the same numbers in every
 * browser, so a filled tensor can be made again from its seed. Each call gives a number in [0, 1).
 */
export function mulberry32(seed: number): () => number {
  let a = seed | 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal numbers by Box–Muller, from two uniform draws each (the second draw's sine half is dropped). */
function normals(next: () => number): () => number {
  return () => {
    const u1 = 1 - next();
    const u2 = next();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  };
}

/**
 * A tensor of `shape` filled as asked: zeros, ones, 0, 1, 2… (range), or random numbers from
 * `seed`: standard normal, or uniform in [0, 1). Float values are rounded to float32, as they will
 * run; int32 ones to whole numbers; bool ones are 1 where the number is not 0 (or, uniform, ≥ 0.5).
 */
export function filled(fill: Fill, shape: readonly number[], dtype: DType, seed = 0): TensorLiteral {
  const count = elementCount(shape);
  const draw =
    fill === 'zeros'
      ? () => 0
      : fill === 'ones'
        ? () => 1
        : fill === 'random normal'
          ? normals(mulberry32(seed))
          : fill === 'random uniform'
            ? mulberry32(seed)
            : null;
  const raw = draw ? Array.from({ length: count }, draw) : Array.from({ length: count }, (_, i) => i);
  return { dtype, shape: [...shape], values: raw.map((v) => asDtype(v, dtype, fill)) };
}

function asDtype(value: number, dtype: DType, fill: Fill): number {
  if (dtype === 'float32') return Math.fround(value);
  if (dtype === 'int32') return Math.round(value);
  return (fill === 'random uniform' ? value >= 0.5 : value !== 0) ? 1 : 0;
}
