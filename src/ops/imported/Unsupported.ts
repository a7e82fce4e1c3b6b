import { attr } from '../../graph/attrs';
import { InferError, type InputSpecs } from '../../graph/op-signature';
import { DTYPES } from '../../graph/types';
import { defineOp } from '../define-op';
import { MAX_LIST_PORTS } from '../shape/list-output';

const ANY_DTYPE = { dtypes: DTYPES };

/**
 * A TensorFlow node whose op Tensorloom does not compute, kept as it was imported: the graph opens,
 * the node says why it cannot run, what does not depend on it runs, and an export writes it back.
 */
export const Unsupported = defineOp({
  name: 'Unsupported',
  category: 'imported',
  doc: 'A TensorFlow op Tensorloom does not compute, kept from an imported model.',
  inputs: {},
  outputs: [],
  attrs: {
    tf_op: attr.text('', { doc: 'the TensorFlow op' }),
    tf_attrs: attr.text('{}', { doc: "the node's TensorFlow attributes, as the GraphDef's JSON wrote them" }),
    num_inputs: attr.int(0, { min: 0, max: MAX_LIST_PORTS }),
    num_outputs: attr.int(1, { min: 0, max: MAX_LIST_PORTS }),
    reason: attr.text('', { doc: 'why Tensorloom cannot compute it' }),
  },
  placeable: false,
  differentiable: false,
  ports: ({ num_inputs, num_outputs }) => ({
    inputs: Object.fromEntries(Array.from({ length: num_inputs }, (_, k) => [`input_${k}`, ANY_DTYPE])) as InputSpecs,
    outputs: Array.from({ length: num_outputs }, (_, k) => `output_${k}`),
  }),
  infer: (_, { tf_op, reason }) => {
    throw new InferError('attr', `TensorFlow's ${tf_op}: ${reason}`, { attr: 'tf_op' });
  },
  forward: (_, __, { tf_op }) => {
    throw new Error(`TensorFlow's ${tf_op} is not one Tensorloom computes`);
  },
  code: ({ attrs: { tf_op, reason } }) => ({
    unwritable: `TensorFlow's ${tf_op} is not one Tensorloom computes${reason ? ` (${reason})` : ''}`,
  }),
});
