import { attr } from '../../graph/attrs';
import { InferError } from '../../graph/op-signature';
import { normalizeAxis } from '../../graph/shape';
import { defineOp, type Tensor, type TF } from '../define-op';
import { NUMERIC } from '../dtypes';

/** The index of the extreme element along `axis`, which that axis loses: ArgMax and ArgMin. */
export function argReduceOp(name: string, doc: string, fn: (tf: TF, x: Tensor, axis: number) => Tensor) {
  return defineOp({
    name,
    category: 'reduction',
    doc,
    inputs: { input: { dtypes: NUMERIC } },
    outputs: ['output'],
    attrs: { axis: attr.int(0), output_type: attr.dtype('int32', ['int32']) },
    differentiable: false,
    infer: ({ input }, { axis, output_type }) => {
      if (input.shape === null) return { output: { dtype: output_type, shape: null } };
      if (input.shape.length === 0)
        throw new InferError('shape', `${name} needs an input of rank ≥ 1, got a scalar`, { port: 'input' });
      const a = normalizeAxis(axis, input.shape.length);
      return { output: { dtype: output_type, shape: input.shape.filter((_, i) => i !== a) } };
    },
    forward: (tf, { input }, { axis }) => ({ output: fn(tf, input, axis) }),
  });
}
