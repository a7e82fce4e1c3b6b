import { InferError } from '../../graph/op-signature';
import { variadicPort } from '../../graph/ports';
import { dimsAgree, formatShape, mergeDim, sameDtype } from '../../graph/shape';
import type { Shape } from '../../graph/types';
import { defineOp } from '../define-op';
import { NUMERIC } from '../dtypes';

export const AddN = defineOp({
  name: 'AddN',
  category: 'math',
  doc: 'Elementwise sum of any number of tensors, all of one shape and dtype.',
  inputs: { inputs: { dtypes: NUMERIC, variadic: true } },
  outputs: ['sum'],
  infer: ({ inputs }) => {
    const ports = inputs.map((_, i) => variadicPort('inputs', i));
    if (ports.length === 0)
      throw new InferError('shape', 'needs at least one input', { port: variadicPort('inputs', 0) });
    const dtype = sameDtype(Object.fromEntries(inputs.map((t, i) => [ports[i]!, t])), ports);
    // TensorFlow (and tfjs) do not broadcast here: every shape must match.
    let shape: Shape = null;
    for (const [i, { shape: s }] of inputs.entries()) {
      if (s === null) continue;
      if (shape !== null && (shape.length !== s.length || !shape.every((d, j) => dimsAgree(d, s[j]!))))
        throw new InferError('shape', `${ports[i]} is ${formatShape(s)}, unlike ${formatShape(shape)} before it`, {
          port: ports[i]!,
        });
      shape = shape === null ? s : shape.map((d, j) => mergeDim(d, s[j]!));
    }
    return { sum: { dtype, shape } };
  },
  forward: (tf, { inputs }) => ({ sum: tf.addN([...inputs]) }),
  code: ({ inputs: { inputs } }) => `tf.addN([${inputs.join(', ')}])`,
});
