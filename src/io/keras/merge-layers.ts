import { z } from 'zod';
import type { Tensor } from './graph-emitter';
import { merging, type LayerKind } from './layer-kind';
import { dimsOf, type LayerScope } from './layer-scope';

/**
 * The inputs at one rank, as Keras's merge layers (and tfjs's) make them: axes inserted after the
 * batch, not before everything as TensorFlow's ops broadcast.
 */
function sameRank(scope: LayerScope, xs: readonly Tensor[]): Tensor[] {
  // A loop, not Math.max(...ranks): a layer may merge more inputs than a call takes arguments.
  let rank = 0;
  for (const x of xs) rank = Math.max(rank, dimsOf(x).length);
  return xs.map((x) => {
    let expanded = x;
    for (let k = dimsOf(x).length; k < rank; k++) expanded = scope.op('ExpandDims', { input: expanded }, { axis: 1 });
    return expanded;
  });
}

/** ((x0 ∘ x1) ∘ x2) ∘ …, in the order Keras and tfjs combine them. */
const folding = (op: 'AddV2' | 'Mul' | 'Maximum' | 'Minimum') =>
  merging(z.looseObject({}), (scope, _, xs) => fold(scope, op, xs));

function fold(scope: LayerScope, op: string, xs: readonly Tensor[]): Tensor {
  const [first, ...rest] = sameRank(scope, xs);
  return rest.reduce((acc, x) => scope.op(op, { x: acc, y: x }), first!);
}

/** The sum times 1/n, as tfjs computes the mean. */
const Average = merging(z.looseObject({}), (scope, _, xs) =>
  scope.op('Mul', { x: fold(scope, 'AddV2', xs), y: scope.scalar('one_over_n', 1 / xs.length) }),
);

const Concatenate = merging(z.looseObject({ axis: z.int().default(-1) }), (scope, config, xs) => {
  const rank = dimsOf(xs[0]!).length;
  return scope.op('ConcatV2', { values: xs }, { axis: config.axis < 0 ? config.axis + rank : config.axis });
});

export const MERGE_LAYERS: ReadonlyMap<string, LayerKind> = new Map([
  ['Add', folding('AddV2')],
  ['Multiply', folding('Mul')],
  ['Maximum', folding('Maximum')],
  ['Minimum', folding('Minimum')],
  ['Average', Average],
  ['Concatenate', Concatenate],
]);
