import { z } from 'zod';
import { activate, activation } from './activations';
import type { Tensor } from './graph-emitter';
import { singleInput, type LayerKind } from './layer-kind';
import { dimsOf, type LayerScope } from './layer-scope';

/** `x + bias` along the last axis when the layer has a bias, then the activation. */
export function biasThenActivate(scope: LayerScope, x: Tensor, useBias: boolean, activationName: string): Tensor {
  const biased = useBias ? scope.op('BiasAdd', { value: x, bias: scope.weight('bias') }) : x;
  return activate(scope, activationName, biased);
}

/**
 * Dense: x · kernel, bias, activation. On a batch of matrices or more (rank > 2) the kernel applies
 * to the last axis of each, which BatchMatMulV2 does by broadcasting it.
 */
const Dense = singleInput(z.looseObject({ activation, use_bias: z.boolean().default(true) }), (scope, config, x) => {
  const kernel = scope.weight('kernel');
  const product =
    dimsOf(x).length === 2 ? scope.op('MatMul', { a: x, b: kernel }) : scope.op('BatchMatMulV2', { x, y: kernel });
  return biasThenActivate(scope, product, config.use_bias, config.activation);
});

/** An Identity node keeps a layer that computes nothing visible, with its name, on the canvas. */
const identity = (scope: LayerScope, x: Tensor) => scope.op('Identity', { input: x });

const Activation = singleInput(z.looseObject({ activation }), (scope, config, x) =>
  config.activation === 'linear' ? identity(scope, x) : activate(scope, config.activation, x),
);

/** Layers that only act in training: at inference (predict) they pass their input on. */
const trainingOnly = singleInput(z.looseObject({}), (scope, _, x) => identity(scope, x));

export const CORE_LAYERS: ReadonlyMap<string, LayerKind> = new Map([
  ['Dense', Dense],
  ['Activation', Activation],
  ['Dropout', trainingOnly],
  ['SpatialDropout1D', trainingOnly],
  ['SpatialDropout2D', trainingOnly],
  ['GaussianNoise', trainingOnly],
  ['GaussianDropout', trainingOnly],
  ['AlphaDropout', trainingOnly],
]);
