import { attr, type AttrSpecs } from '../../graph/attrs';
import { InferError, type InputSpecs } from '../../graph/op-signature';
import { variadicPort } from '../../graph/ports';
import { textFromTf, textToTf, type TfMapping } from '../../graph/tf-mapping';
import { broadcastShapes, dimsAgree, formatShape } from '../../graph/shape';
import type { TensorType } from '../../graph/types';
import { prelu, PRELU_CODE } from '../activation/Prelu';
import type { CodeArgs, Tensor, TF } from '../define-op';
import { normalize, NORMALIZE_CODE } from './batch-norm';

/**
 * What tfjs-converter's fused ops apply after their contraction: an addition, then perhaps an
 * activation, spelled as TensorFlow's graph rewrites write `fused_ops` (here comma-joined).
 */
const EXTRA_ARGS = { BiasAdd: ['bias'], FusedBatchNorm: ['scale', 'offset', 'mean', 'variance'], NoOp: [] } as const;
type Extra = keyof typeof EXTRA_ARGS;
const ACTIVATIONS = ['Relu', 'Relu6', 'Elu', 'LeakyRelu', 'Sigmoid', 'Prelu'] as const;
type Activation = (typeof ACTIVATIONS)[number];

/** `extra` alone, then followed by each of `activations`. */
function combinations(extra: Extra, activations: readonly Activation[]): string[] {
  return [...(extra === 'NoOp' ? [] : [extra]), ...activations.map((a) => `${extra},${a}`)];
}

/**
 * Grappler's remapper fuses BiasAdd or FusedBatchNorm (and an activation) into Conv2D and BiasAdd
 * into MatMul; tfjs-converter adds Prelu to those, and fuses DepthwiseConv2dNative with BiasAdd
 * and Relu, Relu6 or Elu itself (NoOp where there is no BiasAdd).
 */
export const fusedOpsAttr = {
  conv: attr.enumOf('BiasAdd', [
    ...combinations('BiasAdd', ACTIVATIONS),
    ...combinations('FusedBatchNorm', ACTIVATIONS),
  ]),
  depthwise: attr.enumOf('BiasAdd', [
    ...combinations('BiasAdd', ['Relu', 'Relu6', 'Elu', 'Prelu']),
    ...combinations('NoOp', ['Relu', 'Relu6', 'Elu']),
  ]),
  matMul: attr.enumOf('BiasAdd', combinations('BiasAdd', ACTIVATIONS)),
};

/**
 * TensorFlow writes `fused_ops` as a list of op names; Tensorloom keeps them joined, as one choice.
 * The converter writes `epsilon` and `leakyrelu_alpha` on every fused op; only a fused batch norm
 * and LeakyRelu read them, and the ops whose fused_ops can hold those have them as attributes.
 */
export const fusedOpsMapping: TfMapping = {
  ignores: ['epsilon', 'leakyrelu_alpha'],
  importAttrs: ({ fused_ops }) => ({ fused_ops: (fused_ops?.list?.s ?? []).map(textFromTf).join(',') }),
  exportAttrs: ({ fused_ops }) => ({ fused_ops: { list: { s: String(fused_ops).split(',').map(textToTf) } } }),
};

export const numArgsAttr = attr.int(1, {
  min: 0,
  doc: 'how many args: 1 for a bias, 4 for batch norm, 1 more for Prelu',
});
export const leakyReluAlphaAttr = attr.float(0.2, { doc: "LeakyRelu's slope for negative values" });

interface FusedAttrs {
  readonly fused_ops: string;
  readonly num_args: number;
  readonly epsilon?: number;
  readonly leakyrelu_alpha?: number;
}

function parse(fusedOps: string): { extra: Extra; activation: Activation | undefined; names: string[] } {
  const [extra, activation] = fusedOps.split(',') as [Extra, Activation | undefined];
  return { extra, activation, names: [...EXTRA_ARGS[extra], ...(activation === 'Prelu' ? ['alpha'] : [])] };
}

/**
 * The fused op's output type from its contraction's: the extra op's args are vectors over the
 * contraction's channels (its last dimension), Prelu's alpha broadcasts against it. `given` is
 * undefined where the op has no args port (none for a bare activation).
 */
export function fusedType(
  contraction: TensorType,
  given: readonly TensorType[] | undefined,
  { fused_ops, num_args }: FusedAttrs,
) {
  const args = given ?? [];
  const { names } = parse(fused_ops);
  if (num_args !== names.length)
    throw new InferError('attr', `${fused_ops} takes ${names.length} args (${names.join(', ')}), not ${num_args}`, {
      attr: 'num_args',
    });
  if (args.length !== num_args)
    throw new InferError('shape', `num_args is ${num_args} but ${args.length} args are connected`, {
      port: variadicPort('args', Math.min(args.length, num_args)),
    });
  const channels = contraction.shape === null ? null : contraction.shape.at(-1)!;
  let shape = contraction.shape;
  names.forEach((name, i) => {
    const port = variadicPort('args', i);
    const arg = args[i]!.shape;
    if (name === 'alpha') shape = broadcastShapes(shape, arg, port);
    else if (arg !== null && (arg.length !== 1 || !dimsAgree(arg[0]!, channels)))
      throw new InferError(
        'shape',
        `${port} (${name}) must be a vector of the ${channels} output channels, got ${formatShape(arg)}`,
        { port },
      );
  });
  return { dtype: contraction.dtype, shape };
}

/** The extra op and the activation, applied to the contraction's output as the unfused ops would. */
export function applyFused(
  tf: TF,
  contraction: Tensor,
  args: readonly Tensor[] | undefined,
  { fused_ops, epsilon, leakyrelu_alpha }: FusedAttrs,
): Tensor {
  const { extra, activation } = parse(fused_ops);
  const [first, second, third, fourth] = args ?? [];
  const added =
    extra === 'BiasAdd'
      ? tf.add(contraction, first!)
      : extra === 'FusedBatchNorm'
        ? normalize(tf, contraction, { scale: first!, offset: second!, mean: third!, variance: fourth! }, epsilon!)
        : contraction;
  switch (activation) {
    case undefined:
      return added;
    case 'Relu':
      return tf.relu(added);
    case 'Relu6':
      return tf.relu6(added);
    case 'Elu':
      return tf.elu(added);
    case 'LeakyRelu':
      return tf.leakyRelu(added, leakyrelu_alpha!);
    case 'Sigmoid':
      return tf.sigmoid(added);
    case 'Prelu':
      return prelu(tf, added, args!.at(-1)!);
  }
}

/** applyFused as code: the contraction's expression, then the extra op and the activation around it. */
export function fusedCode(
  contraction: string,
  args: readonly string[] | undefined = [],
  { fused_ops, epsilon, leakyrelu_alpha }: FusedAttrs,
  { helper, literal }: Pick<CodeArgs<InputSpecs, string, AttrSpecs>, 'helper' | 'literal'>,
): string {
  const { extra, activation } = parse(fused_ops);
  const added =
    extra === 'BiasAdd'
      ? `tf.add(${contraction}, ${args[0]})`
      : extra === 'FusedBatchNorm'
        ? `${helper(NORMALIZE_CODE)}(${[contraction, ...args.slice(0, 4), literal(epsilon)].join(', ')})`
        : contraction;
  switch (activation) {
    case undefined:
      return added;
    case 'LeakyRelu':
      return `tf.leakyRelu(${added}, ${literal(leakyrelu_alpha)})`;
    case 'Prelu':
      return `${helper(PRELU_CODE)}(${added}, ${args.at(-1)})`;
    default:
      return `tf.${activation.toLowerCase()}(${added})`;
  }
}
