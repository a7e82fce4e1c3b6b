import { attr, fromInput } from '../../graph/attrs';
import { InferError } from '../../graph/op-signature';
import { formatShape } from '../../graph/shape';
import type { Shape, TensorType } from '../../graph/types';
import type { AnyCodeArgs, CodeHelper } from '../define-op';

/** Pad's and MirrorPad's `paddings`: a row [before, after] per dimension, from a [rank, 2] input. */
export const paddingsAttr = fromInput(
  attr.ints([1, 1, 1, 1], { min: 0, columns: 2, doc: 'per dimension, how many to add before and after it' }),
  'paddings',
);

export type MirrorMode = 'REFLECT' | 'SYMMETRIC';

/** The paddings as [before, after] pairs. */
export function pairs(paddings: readonly number[]): [number, number][] {
  return Array.from({ length: paddings.length / 2 }, (_, i) => [paddings[2 * i]!, paddings[2 * i + 1]!]);
}

/** pairs as generated code writes it. */
const PAIRS_CODE: CodeHelper = {
  name: 'pairs',
  source: `/** Paddings as [before, after] pairs, from the list of them a [rank, 2] tensor holds row by row. */
function pairs(paddings: number[]): [number, number][] {
  return Array.from({ length: paddings.length / 2 }, (_, i) => [paddings[2 * i]!, paddings[2 * i + 1]!]);
}`,
};

/** The paddings as tfjs takes them, in code: [before, after] pairs. */
export function pairsCode(paddings: readonly number[] | undefined, { attr, helper, literal }: AnyCodeArgs): string {
  return paddings ? literal(pairs(paddings)) : `${helper(PAIRS_CODE)}(${attr('paddings')})`;
}

/**
 * The padded shape; paddings known only when running leave the sizes open. A mirror takes its
 * padding from inside the dimension: at most its size less one (REFLECT, which leaves out the
 * edge) or its size (SYMMETRIC).
 */
export function paddedShape(input: TensorType, paddings: readonly number[] | undefined, mirror?: MirrorMode): Shape {
  if (paddings === undefined) return input.shape === null ? null : input.shape.map(() => null);
  const rows = pairs(paddings);
  if (input.shape === null) return rows.map(() => null);
  if (rows.length !== input.shape.length)
    throw new InferError(
      'attr',
      `paddings has ${rows.length} rows but input ${formatShape(input.shape)} has ${input.shape.length} dimensions`,
      { attr: 'paddings' },
    );
  return input.shape.map((d, i) => {
    const [before, after] = rows[i]!;
    if (d === null) return null;
    const most = mirror === 'REFLECT' ? d - 1 : d;
    if (mirror && Math.max(before, after) > most)
      throw new InferError(
        'attr',
        `${mirror} paddings of dimension ${i} (size ${d}) must be at most ${most}, got [${before}, ${after}]`,
        { attr: 'paddings' },
      );
    return d + before + after;
  });
}
