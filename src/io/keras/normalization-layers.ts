import { z } from 'zod';
import type { Tensor } from './graph-emitter';
import { singleInput, type LayerKind } from './layer-kind';
import { dimsOf, type LayerScope } from './layer-scope';

const config = z.looseObject({
  // Keras 2 writes the axis it was built with as a list of one.
  axis: z.union([z.int(), z.tuple([z.int()])], { error: () => 'expected an axis (or a list of one)' }).default(-1),
  epsilon: z.number().min(0).default(0.001),
  center: z.boolean().default(true),
  scale: z.boolean().default(true),
});

/**
 * BatchNormalization at inference, by its moving statistics: over the channels of an NHWC image
 * one FusedBatchNormV3; along any other axis (after a Dense layer, on sequences) the arithmetic,
 * (x - mean) · (rsqrt(variance + epsilon) · gamma) + beta, with the statistics shaped to broadcast
 * along that axis. Without center or scale, beta or gamma is left out.
 */
const BatchNormalization = singleInput(config, (scope, { axis: given, epsilon, center, scale }, x) => {
  const rank = dimsOf(x).length;
  const written = typeof given === 'number' ? given : given[0];
  const axis = written < 0 ? written + rank : written;
  if (axis <= 0 || axis >= rank) scope.refuse(`axis ${written} is no channel axis of its rank-${rank} input`);
  const channels = dimsOf(x)[axis]!;
  if (channels === null) scope.refuse(`the size of axis ${axis}, its channels, is open`);
  if (rank === 4 && axis === 3)
    return scope.op(
      'FusedBatchNormV3',
      {
        x,
        scale: scale ? scope.weight('gamma') : scope.scalar('ones', 1, channels),
        offset: center ? scope.weight('beta') : scope.scalar('zeros', 0, channels),
        mean: scope.weight('moving_mean'),
        variance: scope.weight('moving_variance'),
      },
      { epsilon, is_training: false },
    );
  return arithmetic(scope, x, axis, channels, { epsilon, center, scale });
});

function arithmetic(
  scope: LayerScope,
  x: Tensor,
  axis: number,
  channels: number,
  { epsilon, center, scale }: { epsilon: number; center: boolean; scale: boolean },
): Tensor {
  const rank = dimsOf(x).length;
  const last = axis === rank - 1;
  const weight = (name: string) =>
    scope.weight(name, last ? undefined : dimsOf(x).map((_, i) => (i === axis ? channels : 1)));
  const centered = scope.op('Sub', { x, y: weight('moving_mean') });
  let factor = scope.op('Rsqrt', {
    x: scope.op('AddV2', { x: weight('moving_variance'), y: scope.scalar('epsilon', epsilon) }),
  });
  if (scale) factor = scope.op('Mul', { x: factor, y: weight('gamma') });
  const normalized = scope.op('Mul', { x: centered, y: factor });
  return center ? scope.op('AddV2', { x: normalized, y: weight('beta') }) : normalized;
}

export const NORMALIZATION_LAYERS: ReadonlyMap<string, LayerKind> = new Map([
  ['BatchNormalization', BatchNormalization],
]);
