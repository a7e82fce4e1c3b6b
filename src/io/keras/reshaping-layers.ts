import { z } from 'zod';
import { expected } from '../issues';
import { channelsLast, pair } from './config-fields';
import { singleInput, type LayerKind } from './layer-kind';
import { knownDims } from './layer-scope';

/** Flatten: [batch, everything else], the batch left as -1 so that any batch size runs. */
const Flatten = singleInput(z.looseObject({ data_format: channelsLast }), (scope, _, x) => {
  const size = knownDims(x, scope, 'Flatten').reduce((a, b) => a * b, 1);
  return scope.op('Reshape', { tensor: x }, { shape: [-1, size] });
});

/**
 * Reshape: Keras's target_shape leaves out the batch; an open size in it (-1, which tfjs writes as
 * null) is worked out here from the input's size.
 */
const Reshape = singleInput(
  z.looseObject({
    target_shape: z
      .array(z.int().min(-1).nullable(), expected('a list of sizes, at most one open (-1 or null)'))
      .transform((dims) => dims.map((d) => d ?? -1)),
  }),
  (scope, { target_shape }, x) => {
    const written = `[${target_shape.join(', ')}]`;
    const open = target_shape.filter((d) => d === -1).length;
    if (open > 1) scope.refuse(`target_shape ${written} has more than one open size`);
    if (open === 0) return scope.op('Reshape', { tensor: x }, { shape: [-1, ...target_shape] });
    const size = knownDims(x, scope, 'an open size in target_shape').reduce((a, b) => a * b, 1);
    const rest = target_shape.reduce((n, d) => (d === -1 ? n : n * d), 1);
    if (rest === 0 || size % rest !== 0) scope.refuse(`cannot reshape ${size} values per batch entry into ${written}`);
    return scope.op(
      'Reshape',
      { tensor: x },
      { shape: [-1, ...target_shape.map((d) => (d === -1 ? size / rest : d))] },
    );
  },
);

/**
 * UpSampling2D: each image resized to size times its height and width, as tfjs resizes it (corners
 * not aligned, pixels sampled at their top-left corners).
 */
const UpSampling2D = singleInput(
  z.looseObject({
    size: pair.default([2, 2]),
    interpolation: z.enum(['nearest', 'bilinear'], expected('"nearest" or "bilinear"')).default('nearest'),
    data_format: channelsLast,
  }),
  (scope, { size: [sh, sw], interpolation }, x) => {
    const [h, w] = knownDims(x, scope, 'UpSampling2D');
    const size = [h! * sh, w! * sw];
    if (interpolation === 'nearest') return scope.op('ResizeNearestNeighbor', { images: x }, { size });
    const resized = scope.op('ResizeBilinear', { images: x }, { size });
    scope.note(
      resized,
      'resized as tfjs resizes it, sampling at pixel corners; Keras in Python samples at pixel centres, so its values differ: set half_pixel_centers to get those',
    );
    return resized;
  },
);

/** ((top, bottom), (left, right)), which Keras also takes as one number or as (rows, columns). */
const zeroPadding = z
  .union(
    [
      z.int().min(0),
      z.tuple([z.int().min(0), z.int().min(0)]),
      z.tuple([z.tuple([z.int().min(0), z.int().min(0)]), z.tuple([z.int().min(0), z.int().min(0)])]),
    ],
    { error: () => 'expected a size, [rows, columns] or [[top, bottom], [left, right]]' },
  )
  .transform((p): [[number, number], [number, number]] => {
    if (typeof p === 'number')
      return [
        [p, p],
        [p, p],
      ];
    const [rows, columns] = p;
    return typeof rows === 'number' && typeof columns === 'number'
      ? [
          [rows, rows],
          [columns, columns],
        ]
      : (p as [[number, number], [number, number]]);
  });

const ZeroPadding2D = singleInput(
  z.looseObject({
    padding: zeroPadding.default([
      [1, 1],
      [1, 1],
    ]),
    data_format: channelsLast,
  }),
  (scope, { padding: [[top, bottom], [left, right]] }, x) =>
    scope.op('Pad', { input: x }, { paddings: [0, 0, top, bottom, left, right, 0, 0] }),
);

export const RESHAPING_LAYERS: ReadonlyMap<string, LayerKind> = new Map([
  ['Flatten', Flatten],
  ['Reshape', Reshape],
  ['UpSampling2D', UpSampling2D],
  ['ZeroPadding2D', ZeroPadding2D],
]);
