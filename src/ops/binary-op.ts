import type { OpCategory } from '../graph/op-signature';
import { broadcastShapes, sameDtype } from '../graph/shape';
import type { DType, TensorType } from '../graph/types';
import { defineOp, type AnyCodeArgs, type OpCode, type Tensor, type TF, type ValueCheck } from './define-op';
import type { BackendLimit } from './backend-limits';
import { sumToShape } from './broadcast-gradient';
import { NUMERIC } from './dtypes';
import type { SimplifyRule } from './simplify';

interface BinaryOptions {
  category?: OpCategory;
  dtypes?: readonly DType[];
  /** The output dtype when it is not the inputs' (comparisons give bool). */
  outputDtype?: DType;
  differentiable?: boolean;
  /** `fn` makes temporary tensors, so the executor must run it inside `tf.tidy`. */
  composite?: boolean;
  /**
   * TensorFlow's gradient with respect to x and y, both of the broadcast output's shape (they are
   * summed back to each input's shape), where tfjs's differs.
   */
  gradient?: (tf: TF, x: Tensor, y: Tensor, z: Tensor, dz: Tensor) => [Tensor, Tensor];
  limits?: readonly BackendLimit[];
  eitherZeroOnTies?: boolean;
  /** TensorFlow's checks of the input values (see OpDef.checks). */
  checks?: (tf: TF, x: Tensor, y: Tensor) => readonly ValueCheck[];
  /**
   * How the op is written as tfjs code (see OpDef.code), given the expressions of x and y and x's
   * type. An op without it cannot be exported as TypeScript (tests/io/typescript lists such ops).
   */
  code?: (x: string, y: string, type: TensorType, args: AnyCodeArgs) => OpCode;
  /** The op's algebraic rules (see OpDef.simplify). */
  simplify?: SimplifyRule;
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
    limits: options.limits ?? [],
    eitherZeroOnTies: options.eitherZeroOnTies ?? false,
    infer: (inputs) => {
      const dtype = sameDtype(inputs, ['x', 'y']);
      return {
        z: { dtype: options.outputDtype ?? dtype, shape: broadcastShapes(inputs.x.shape, inputs.y.shape, 'y') },
      };
    },
    forward: (tf, { x, y }) => ({ z: fn(tf, x, y) }),
    gradient: options.gradient
      ? (tf, { inputs: { x, y }, outputs: { z }, dy: { z: dz } }) => {
          const [dx, dy] = options.gradient!(tf, x, y, z, dz);
          return { x: sumToShape(tf, dx, x.shape), y: sumToShape(tf, dy, y.shape) };
        }
      : undefined,
    checks: options.checks ? (tf, { x, y }) => options.checks!(tf, x, y) : undefined,
    code: options.code
      ? (args) => options.code!(args.inputs.x, args.inputs.y, args.types.inputs.x, args as AnyCodeArgs)
      : undefined,
    simplify: options.simplify,
  });
}
