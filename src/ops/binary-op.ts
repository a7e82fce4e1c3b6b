import type { OpCategory } from '../graph/op-signature';
import { broadcastShapes, sameDtype } from '../graph/shape';
import type { DType } from '../graph/types';
import { defineOp, type Tensor, type TF } from './define-op';
import { NUMERIC } from './dtypes';

interface BinaryOptions {
  category?: OpCategory;
  dtypes?: readonly DType[];
  /** The output dtype when it is not the inputs' (comparisons give bool). */
  outputDtype?: DType;
  differentiable?: boolean;
  /** `fn` makes temporary tensors, so the executor must run it inside `tf.tidy`. */
  composite?: boolean;
}

/** A broadcasting elementwise op `z = f(x, y)` over inputs of one dtype. */
export function binaryOp(
  name: string,
  doc: string,
  fn: (tf: TF, x: Tensor, y: Tensor) => Tensor,
  options: BinaryOptions = {},
) {
  return defineOp({
    name,
    category: options.category ?? 'math',
    doc,
    inputs: { x: { dtypes: options.dtypes ?? NUMERIC }, y: { dtypes: options.dtypes ?? NUMERIC } },
    outputs: ['z'],
    differentiable: options.differentiable ?? true,
    composite: options.composite ?? false,
    infer: (inputs) => {
      const dtype = sameDtype(inputs, ['x', 'y']);
      return {
        z: { dtype: options.outputDtype ?? dtype, shape: broadcastShapes(inputs.x.shape, inputs.y.shape, 'y') },
      };
    },
    forward: (tf, { x, y }) => ({ z: fn(tf, x, y) }),
  });
}
