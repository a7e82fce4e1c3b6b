import { attr } from '../../graph/attrs';
import { InferError } from '../../graph/op-signature';
import { formatShape, normalizeAxis } from '../../graph/shape';
import type { TensorType } from '../../graph/types';
import { defineOp } from '../define-op';
import { ANY } from '../dtypes';
import { listed, listPorts, MAX_LIST_PORTS } from './list-output';

const inputs = { value: { dtypes: ANY } };

export const Unpack = defineOp({
  name: 'Unpack',
  category: 'shape',
  doc: 'The num slices of value along axis, each without that dimension (the inverse of Pack).',
  inputs,
  outputs: listPorts(2),
  attrs: {
    num: attr.int(2, { min: 0, max: MAX_LIST_PORTS, doc: 'the size of value along axis: one output each' }),
    axis: attr.int(0),
  },
  ports: ({ num }) => ({ inputs, outputs: listPorts(num) }),
  infer: ({ value }, { num, axis }) => {
    let item: TensorType = { dtype: value.dtype, shape: null };
    if (value.shape !== null) {
      const a = normalizeAxis(axis, value.shape.length);
      const size = value.shape[a];
      if (size !== null && size !== num)
        throw new InferError(
          'attr',
          `value ${formatShape(value.shape)} has ${size} slices along axis ${a}, not ${num}`,
          {
            attr: 'num',
          },
        );
      item = { dtype: value.dtype, shape: value.shape.filter((_, i) => i !== a) };
    }
    return listed(Array<TensorType>(num).fill(item));
  },
  forward: (tf, { value }, { num, axis }) => {
    const a = axis < 0 ? axis + value.rank : axis;
    // tfjs's gradient of unstacking a single slice fails: it hands stack a lone tensor.
    if (num === 1) return listed([tf.squeeze(value, [a])]);
    return listed(tf.unstack(value, a));
  },
  code: ({ inputs: { value }, attrs: { num }, attr, outputs }) => ({
    lines: [
      num === 1
        ? `const ${outputs.output_0} = tf.squeeze(${value}, [${attr('axis')}]);`
        : `const [${Object.values(outputs).join(', ')}] = tf.unstack(${value}, ${attr('axis')});`,
    ],
  }),
});
