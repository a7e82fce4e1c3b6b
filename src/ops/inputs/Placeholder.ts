import { attr } from '../../graph/attrs';
import { InferError } from '../../graph/op-signature';
import { fitsSignature, parseSignature, signatureText, SIGNATURE_PATTERN } from '../../graph/signature';
import { defineOp } from '../define-op';
import { literalTensor, literalType, scalarLiteral } from '../literal';

/**
 * A graph input. Its value is fed at run time: changing it re-runs the plan without re-tracing it.
 * Its type is the value's, or with a `signature` (TensorFlow's `input_signature`) the declared shape,
 * whose unknown sizes let values of other sizes reuse the trace.
 */
export const Placeholder = defineOp({
  name: 'Placeholder',
  category: 'inputs',
  doc: 'A graph input whose value is fed at run time.',
  inputs: {},
  outputs: ['output'],
  attrs: {
    value: attr.tensor(scalarLiteral(0), { doc: 'the value fed to the graph' }),
    signature: attr.text('', {
      pattern: SIGNATURE_PATTERN,
      empty: 'none: the value fixes the shape',
      doc: "the input's declared shape, null where a size may vary ([null, 3]): values that fit it reuse the trace",
    }),
  },
  kind: 'feed',
  infer: (_, { value, signature }) => {
    const declared = parseSignature(signature);
    if (!declared) return { output: literalType(value) };
    if (!fitsSignature(value.shape, declared))
      throw new InferError(
        'shape',
        `value of shape ${signatureText(value.shape)} does not fit the signature ${signatureText(declared)}`,
        { attr: 'value' },
      );
    return { output: { dtype: value.dtype, shape: declared } };
  },
  forward: (tf, _, { value }) => ({ output: literalTensor(tf, value) }),
  code: ({ attrs: { value } }) => ({ input: value }),
});
