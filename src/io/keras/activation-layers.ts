import { z } from 'zod';
import { expected } from '../issues';
import { singleInput, type LayerKind } from './layer-kind';
import { dimsOf } from './layer-scope';

/** Settings tfjs's ReLU layer does not read: it would compute a plain ReLU where Keras does not. */
const onlyZero = (what: string) =>
  z
    .number()
    .nullish()
    .refine((v) => !v, {
      error: `${what} other than 0 is not supported (tfjs's ReLU layer leaves it out, so the model's values are in doubt)`,
    });

/** ReLU, capped at max_value: Relu6 for the common cap of 6. */
const ReLU = singleInput(
  z.looseObject({
    max_value: z.number(expected('a number')).nullish(),
    negative_slope: onlyZero('negative_slope'),
    threshold: onlyZero('threshold'),
  }),
  (scope, { max_value }, x) => {
    if (max_value === 6) return scope.op('Relu6', { features: x });
    const relu = scope.op('Relu', { features: x });
    return max_value == null ? relu : scope.op('Minimum', { x: relu, y: scope.scalar('max_value', max_value) });
  },
);

/** Keras 2 and tfjs call the slope alpha (default 0.3), Keras 3 negative_slope. */
const LeakyReLU = singleInput(
  z.looseObject({ alpha: z.number().optional(), negative_slope: z.number().optional() }),
  (scope, config, x) => scope.op('LeakyRelu', { features: x }, { alpha: config.alpha ?? config.negative_slope ?? 0.3 }),
);

/** PReLU: a learned slope per position (one per channel over shared_axes), which broadcasts against x. */
const PReLU = singleInput(z.looseObject({}), (scope, _, x) => scope.op('Prelu', { x, alpha: scope.weight('alpha') }));

const ELU = singleInput(
  z.looseObject({
    alpha: z
      .number()
      .default(1)
      .refine((alpha) => alpha === 1, { error: 'alpha other than 1 is not supported, as in tfjs' }),
  }),
  (scope, _, x) => scope.op('Elu', { features: x }),
);

/** Softmax over the last axis, the one TensorFlow's Softmax op takes. */
const Softmax = singleInput(
  z.looseObject({
    axis: z.union([z.int(), z.tuple([z.int()])], { error: () => 'expected an axis' }).default(-1),
  }),
  (scope, config, x) => {
    const rank = dimsOf(x).length;
    const axis = typeof config.axis === 'number' ? config.axis : config.axis[0];
    if (axis !== -1 && axis !== rank - 1)
      scope.refuse(`softmax over axis ${axis} of a rank-${rank} input: only the last axis is supported`);
    return scope.op('Softmax', { logits: x });
  },
);

export const ACTIVATION_LAYERS: ReadonlyMap<string, LayerKind> = new Map([
  ['ReLU', ReLU],
  ['LeakyReLU', LeakyReLU],
  ['PReLU', PReLU],
  ['ELU', ELU],
  ['Softmax', Softmax],
]);
