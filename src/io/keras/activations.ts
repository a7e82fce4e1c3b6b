import { z } from 'zod';
import type { Tensor } from './graph-emitter';
import type { LayerScope } from './layer-scope';

type Activate = (scope: LayerScope, x: Tensor) => Tensor;

const unary =
  (op: string): Activate =>
  (scope, x) =>
    scope.op(op, { [inputPort.get(op) ?? 'features']: x });

/** The input port of the one-input ops activations use, where it is not TensorFlow's `features`. */
const inputPort: ReadonlyMap<string, string> = new Map([
  ['Sigmoid', 'x'],
  ['Tanh', 'x'],
  ['Softmax', 'logits'],
  ['LogSoftmax', 'logits'],
]);

/**
 * Keras's activations by the name model.json gives them, as the ops that compute them in the order
 * tfjs-layers computes them (activations.ts there), so that rounding agrees.
 */
const ACTIVATIONS = new Map<string, Activate>([
  ['linear', (_, x) => x],
  ['relu', unary('Relu')],
  ['relu6', unary('Relu6')],
  ['sigmoid', unary('Sigmoid')],
  ['tanh', unary('Tanh')],
  ['softmax', unary('Softmax')],
  ['log_softmax', unary('LogSoftmax')],
  ['elu', unary('Elu')],
  ['selu', unary('Selu')],
  ['softplus', unary('Softplus')],
  // Keras 3's function; tfjs-layers has none of that name.
  ['leaky_relu', (scope, x) => scope.op('LeakyRelu', { features: x }, { alpha: 0.2 })],
  // x / (|x| + 1)
  [
    'softsign',
    (scope, x) =>
      scope.op('RealDiv', { x, y: scope.op('AddV2', { x: scope.op('Abs', { x }), y: scope.scalar('one', 1) }) }),
  ],
  // clip(0.2 · x + 0.5, 0, 1)
  [
    'hard_sigmoid',
    (scope, x) => {
      const line = scope.op('AddV2', {
        x: scope.op('Mul', { x, y: scope.scalar('slope', 0.2) }),
        y: scope.scalar('offset', 0.5),
      });
      return scope.op('Minimum', {
        x: scope.op('Maximum', { x: line, y: scope.scalar('zero', 0) }),
        y: scope.scalar('one', 1),
      });
    },
  ],
  // x · sigmoid(x)
  ['swish', (scope, x) => scope.op('Mul', { x: scope.op('Sigmoid', { x }), y: x })],
  // x · tanh(softplus(x))
  ['mish', (scope, x) => scope.op('Mul', { x, y: scope.op('Tanh', { x: scope.op('Softplus', { features: x }) }) })],
  // x · 0.5 · (1 + erf(x / √2)): the exact GELU, as Keras's default and tfjs's `gelu`.
  [
    'gelu',
    (scope, x) => {
      const erf = scope.op('Erf', { x: scope.op('RealDiv', { x, y: scope.scalar('sqrt2', Math.SQRT2) }) });
      const cdf = scope.op('Mul', {
        x: scope.scalar('half', 0.5),
        y: scope.op('AddV2', { x: scope.scalar('one', 1), y: erf }),
      });
      return scope.op('Mul', { x, y: cdf });
    },
  ],
]);

/**
 * A layer's `activation`: a name, null (linear), or an object naming it (`{class_name: "relu"}`, or
 * Keras 3's `{class_name: "function", config: "relu"}`).
 */
export const activation = z
  .union([z.string(), z.null(), z.looseObject({ class_name: z.string(), config: z.unknown().optional() })], {
    error: () => 'expected an activation name',
  })
  .transform((a) => {
    if (a === null) return 'linear';
    if (typeof a === 'string') return a;
    return a.class_name === 'function' && typeof a.config === 'string' ? a.config : a.class_name;
  })
  .refine((name) => ACTIVATIONS.has(name), {
    error: (issue) =>
      `activation ${JSON.stringify(issue.input)} is not one Tensorloom imports (it imports ${[...ACTIVATIONS.keys()].join(', ')})`,
  })
  .default('linear');

/** `x` through the named activation (one `activation` has read). */
export function activate(scope: LayerScope, name: string, x: Tensor): Tensor {
  return ACTIVATIONS.get(name)!(scope, x);
}
