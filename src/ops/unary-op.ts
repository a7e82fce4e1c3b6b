import type { InputSpec, OpCategory } from '../graph/op-signature';
import type { DType, TensorType } from '../graph/types';
import type { BackendLimit } from './backend-limits';
import { defineOp, type AnyCodeArgs, type OpCode, type Tensor, type TF } from './define-op';
import { FLOAT } from './dtypes';
import type { SimplifyRule } from './simplify';

interface UnaryOptions<X extends string, Y extends string> {
  category?: OpCategory;
  dtypes?: readonly DType[];
  differentiable?: boolean;
  /** TensorFlow's input and output port names where they are not `x` → `y` (activations use `features`). */
  ports?: readonly [X, Y];
  /** `fn` makes temporary tensors, so the executor must run it inside `tf.tidy`. */
  composite?: boolean;
  limits?: readonly BackendLimit[];
  /** TensorFlow's dy/dx times `dy`, where tfjs's differs (kinks). */
  gradient?: (tf: TF, x: Tensor, y: Tensor, dy: Tensor) => Tensor;
  /** How the op is written as tfjs code (see OpDef.code), given the expression of x and its type. */
  code: (x: string, type: TensorType, args: AnyCodeArgs) => OpCode;
  /** The op's algebraic rules (see OpDef.simplify). */
  simplify?: SimplifyRule;
}

/** An elementwise op `y = f(x)` that keeps shape and dtype. */
export function unaryOp<const X extends string = 'x', const Y extends string = 'y'>(
  name: string,
  doc: string,
  fn: (tf: TF, x: Tensor) => Tensor,
  options: UnaryOptions<X, Y>,
) {
  const [input, output] = options.ports ?? (['x', 'y'] as [X, Y]);
  return defineOp<Record<X, InputSpec>, Y>({
    name,
    category: options.category ?? 'math',
    doc,
    inputs: { [input]: { dtypes: options.dtypes ?? FLOAT } } as Record<X, InputSpec>,
    outputs: [output],
    differentiable: options.differentiable ?? true,
    composite: options.composite ?? false,
    limits: options.limits ?? [],
    // Port names that are type parameters leave InputsOf unresolved, so TypeScript needs these casts.
    infer: (inputs) => ({ [output]: inputs[input] as TensorType }) as Record<Y, TensorType>,
    forward: (tf, inputs) => ({ [output]: fn(tf, inputs[input] as Tensor) }) as Record<Y, Tensor>,
    gradient: options.gradient
      ? (tf, { inputs, outputs, dy }) =>
          ({ [input]: options.gradient!(tf, inputs[input] as Tensor, outputs[output], dy[output]) }) as never
      : undefined,
    code: (args) =>
      options.code(
        (args.inputs as Record<string, string>)[input]!,
        (args.types.inputs as Record<string, TensorType>)[input]!,
        args as AnyCodeArgs,
      ),
    simplify: options.simplify,
  });
}
