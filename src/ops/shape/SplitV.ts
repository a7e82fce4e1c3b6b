import { attr, fromInput } from '../../graph/attrs';
import { InferError } from '../../graph/op-signature';
import { normalizeAxis } from '../../graph/shape';
import type { Dim, TensorType } from '../../graph/types';
import { defineOp } from '../define-op';
import { ANY } from '../dtypes';
import { listed, listPorts, MAX_LIST_PORTS } from './list-output';

const inputs = {
  value: { dtypes: ANY },
  size_splits: { dtypes: ['int32'], attr: 'size_splits' },
  split_dim: { dtypes: ['int32'], attr: 'axis' },
} as const;

export const SplitV = defineOp({
  name: 'SplitV',
  category: 'shape',
  doc: 'Cuts value along axis into pieces of the sizes size_splits lists; one size may be -1, the rest.',
  inputs,
  outputs: listPorts(2),
  attrs: {
    size_splits: fromInput(
      attr.ints([1, -1], { min: -1, doc: 'the size of each piece; one may be -1' }),
      'size_splits',
    ),
    axis: fromInput(attr.int(0, { doc: 'the dimension to cut' }), 'split_dim'),
    num_split: attr.int(2, {
      min: 1,
      max: MAX_LIST_PORTS,
      doc: 'how many pieces (as many as size_splits lists): one output each',
    }),
  },
  ports: ({ num_split }) => ({ inputs, outputs: listPorts(num_split) }),
  infer: ({ value }, { size_splits, axis, num_split }) => {
    const { dtype, shape } = value;
    if (size_splits !== undefined && size_splits.length !== num_split)
      throw new InferError('attr', `size_splits lists ${size_splits.length} sizes for num_split ${num_split}`, {
        attr: 'size_splits',
      });
    if (shape === null) return listed(Array<TensorType>(num_split).fill({ dtype, shape: null }));
    if (axis === undefined) return listed(Array<TensorType>(num_split).fill({ dtype, shape: shape.map(() => null) }));
    const a = normalizeAxis(axis, shape.length);
    const sizes = size_splits === undefined ? Array<null>(num_split).fill(null) : pieces(size_splits, shape[a]!);
    return listed(sizes.map((size) => ({ dtype, shape: shape.map((d, i) => (i === a ? size : d)) })));
  },
  // tfjs's gradient of a split into one piece fails: it hands concat a lone tensor.
  forward: (tf, { value }, { size_splits, axis }) => {
    const a = axis < 0 ? axis + value.rank : axis;
    const sizes = pieces(size_splits, value.shape[a]!) as number[];
    return listed(sizes.length === 1 ? [tf.clone(value)] : tf.split(value, sizes, a));
  },
  code: ({ inputs: { value }, attrs: { num_split }, attr, outputs }) => ({
    lines: [
      num_split === 1
        ? `const ${outputs.output_0} = tf.clone(${value});`
        : `const [${Object.values(outputs).join(', ')}] = tf.split(${value}, ${attr('size_splits')}, ${attr('axis')});`,
    ],
  }),
});

/** The sizes with the -1 worked out, where the size of the dimension is known. */
function pieces(sizes: readonly number[], total: Dim): Dim[] {
  const rest = sizes.indexOf(-1);
  if (rest !== sizes.lastIndexOf(-1))
    throw new InferError('attr', `size_splits may hold one -1, got [${sizes.join(', ')}]`, { attr: 'size_splits' });
  if (total === null) return sizes.map((s) => (s === -1 ? null : s));
  const known = sizes.reduce((n, s) => (s === -1 ? n : n + s), 0);
  if (rest < 0 ? known !== total : known > total)
    throw new InferError(
      'attr',
      `size_splits [${sizes.join(', ')}] ${rest < 0 ? 'does not add up to' : 'exceeds'} the dimension's size ${total}`,
      { attr: 'size_splits' },
    );
  return sizes.map((s) => (s === -1 ? total - known : s));
}
