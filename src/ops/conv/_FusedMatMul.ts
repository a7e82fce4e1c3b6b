import { attr } from '../../graph/attrs';
import { MatMul } from '../linalg/MatMul';
import { defineOp, type Tensor } from '../define-op';
import { FLOAT } from '../dtypes';
import {
  applyFused,
  fusedCode,
  fusedOpsMapping,
  fusedOpsAttr,
  fusedType,
  leakyReluAlphaAttr,
  numArgsAttr,
} from './fused';

/**
 * Grappler's and tfjs-converter's rewrite of MatMul followed by BiasAdd and an activation; with
 * the fused convolutions, whose helpers it shares, though it belongs with MatMul.
 */
export const _FusedMatMul = defineOp({
  name: '_FusedMatMul',
  category: 'linalg',
  doc: 'MatMul, then BiasAdd (args: bias), then the activation fused_ops names.',
  inputs: { a: { dtypes: FLOAT }, b: { dtypes: FLOAT }, args: { dtypes: FLOAT, variadic: true } },
  outputs: ['product'],
  attrs: {
    transpose_a: attr.bool(false),
    transpose_b: attr.bool(false),
    fused_ops: fusedOpsAttr.matMul,
    num_args: numArgsAttr,
    leakyrelu_alpha: leakyReluAlphaAttr,
  },
  tf: fusedOpsMapping,
  composite: true,
  infer: ({ a, b, args }, attrs) => ({ product: fusedType(MatMul.infer({ a, b }, attrs).product, args, attrs) }),
  forward: (tf, { a, b, args }, attrs, context) => {
    // MatMul runs synchronously, as every op but a script does.
    const { product } = MatMul.forward(tf, { a, b }, attrs, context) as { product: Tensor };
    return { product: applyFused(tf, product, args, attrs) };
  },
  code: (args) => fusedCode(MatMul.code!(args) as string, args.inputs.args, args.attrs, args),
});
