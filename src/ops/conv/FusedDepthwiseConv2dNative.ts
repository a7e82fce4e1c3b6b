import { defineOp, type Tensor } from '../define-op';
import { FLOAT } from '../dtypes';
import { DepthwiseConv2dNative } from './DepthwiseConv2dNative';
import { applyFused, fusedCode, fusedOpsMapping, fusedOpsAttr, fusedType, numArgsAttr } from './fused';
import { convAttrs } from './window';

const convInputs = { input: { dtypes: FLOAT }, filter: { dtypes: FLOAT } } as const;
const inputs = { ...convInputs, args: { dtypes: FLOAT, variadic: true } } as const;

/**
 * tfjs-converter's own rewrite of DepthwiseConv2dNative followed by BiasAdd and/or Relu, Relu6 or
 * Elu (and Prelu), named without TensorFlow's leading underscore.
 */
export const FusedDepthwiseConv2dNative = defineOp({
  name: 'FusedDepthwiseConv2dNative',
  category: 'conv',
  doc: 'DepthwiseConv2dNative, then BiasAdd (args: bias; NoOp: none), then the activation fused_ops names.',
  inputs,
  outputs: ['output'],
  attrs: { ...convAttrs, fused_ops: fusedOpsAttr.depthwise, num_args: numArgsAttr },
  // A bare activation ('NoOp,Relu') takes no args, and a variadic port at least one: then there is none.
  ports: ({ num_args }) => ({ inputs: num_args === 0 ? convInputs : inputs, outputs: ['output'] }),
  tf: fusedOpsMapping,
  composite: true,
  infer: ({ input, filter, args }, attrs) => ({
    output: fusedType(DepthwiseConv2dNative.infer({ input, filter }, attrs).output, args, attrs),
  }),
  forward: (tf, { input, filter, args }, attrs, context) => {
    // DepthwiseConv2dNative runs synchronously, as every op but a script does.
    const { output } = DepthwiseConv2dNative.forward(tf, { input, filter }, attrs, context) as { output: Tensor };
    return { output: applyFused(tf, output, args, attrs) };
  },
  code: (args) => fusedCode(DepthwiseConv2dNative.code!(args) as string, args.inputs.args, args.attrs, args),
});
