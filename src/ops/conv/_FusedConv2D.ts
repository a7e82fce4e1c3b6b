import { attr } from '../../graph/attrs';
import { defineOp, type Tensor } from '../define-op';
import { FLOAT } from '../dtypes';
import { Conv2D } from './Conv2D';
import {
  applyFused,
  fusedCode,
  fusedOpsMapping,
  fusedOpsAttr,
  fusedType,
  leakyReluAlphaAttr,
  numArgsAttr,
} from './fused';
import { convAttrs } from './window';

/** Grappler's and tfjs-converter's rewrite of Conv2D followed by BiasAdd or FusedBatchNorm, and an activation. */
export const _FusedConv2D = defineOp({
  name: '_FusedConv2D',
  category: 'conv',
  doc: 'Conv2D, then BiasAdd (args: bias) or inference FusedBatchNorm (args: scale, offset, mean, variance), then the activation fused_ops names.',
  inputs: { input: { dtypes: FLOAT }, filter: { dtypes: FLOAT }, args: { dtypes: FLOAT, variadic: true } },
  outputs: ['output'],
  attrs: {
    ...convAttrs,
    fused_ops: fusedOpsAttr.conv,
    num_args: numArgsAttr,
    epsilon: attr.float(0.0001, { doc: "FusedBatchNorm's, added to the variance" }),
    leakyrelu_alpha: leakyReluAlphaAttr,
  },
  tf: fusedOpsMapping,
  composite: true,
  infer: ({ input, filter, args }, attrs) => ({
    output: fusedType(Conv2D.infer({ input, filter }, attrs).output, args, attrs),
  }),
  forward: (tf, { input, filter, args }, attrs, context) => {
    // Conv2D runs synchronously, as every op but a script does.
    const { output } = Conv2D.forward(tf, { input, filter }, attrs, context) as { output: Tensor };
    return { output: applyFused(tf, output, args, attrs) };
  },
  code: (args) => fusedCode(Conv2D.code!(args) as string, args.inputs.args, args.attrs, args),
});
