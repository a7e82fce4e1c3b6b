import { attr, fromInput } from '../../graph/attrs';
import { InferError } from '../../graph/op-signature';
import { formatShape, normalizeAxis } from '../../graph/shape';
import type { TensorType } from '../../graph/types';
import { defineOp } from '../define-op';
import { ANY } from '../dtypes';
import { listed, listPorts, MAX_LIST_PORTS } from './list-output';

const inputs = { split_dim: { dtypes: ['int32'], attr: 'axis' }, value: { dtypes: ANY } } as const;

export const Split = defineOp({
  name: 'Split',
  category: 'shape',
  doc: 'Cuts value along axis into num_split pieces of equal size.',
  inputs,
  outputs: listPorts(2),
  attrs: {
    axis: fromInput(attr.int(0, { doc: 'the dimension to cut' }), 'split_dim'),
    num_split: attr.int(2, { min: 1, max: MAX_LIST_PORTS, doc: 'how many pieces: one output each' }),
  },
  ports: ({ num_split }) => ({ inputs, outputs: listPorts(num_split) }),
  infer: ({ value }, { axis, num_split }) => {
    const { dtype, shape } = value;
    let piece: TensorType = { dtype, shape: null };
    if (shape !== null && axis === undefined) piece = { dtype, shape: shape.map(() => null) };
    else if (shape !== null && axis !== undefined) {
      const a = normalizeAxis(axis, shape.length);
      const size = shape[a]!;
      if (size !== null && size % num_split !== 0)
        throw new InferError('attr', `${num_split} pieces do not divide axis ${a} of value ${formatShape(shape)}`, {
          attr: 'num_split',
        });
      piece = { dtype, shape: shape.map((d, i) => (i !== a || d === null ? d : d / num_split)) };
    }
    return listed(Array<TensorType>(num_split).fill(piece));
  },
  // tfjs's gradient of a split into one piece fails: it hands concat a lone tensor.
  forward: (tf, { value }, { axis, num_split }) =>
    listed(num_split === 1 ? [tf.clone(value)] : tf.split(value, num_split, axis < 0 ? axis + value.rank : axis)),
  code: ({ inputs: { value }, attrs: { num_split }, attr, outputs }) => ({
    lines: [
      num_split === 1
        ? `const ${outputs.output_0} = tf.clone(${value});`
        : `const [${Object.values(outputs).join(', ')}] = tf.split(${value}, ${num_split}, ${attr('axis')});`,
    ],
  }),
});
