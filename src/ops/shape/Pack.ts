import { attr } from '../../graph/attrs';
import { InferError } from '../../graph/op-signature';
import { dimsAgree, formatShape, mergeDim, normalizeAxis } from '../../graph/shape';
import type { Dim } from '../../graph/types';
import { defineOp } from '../define-op';
import { ANY } from '../dtypes';
import { rankedValues, valuesDtype } from './variadic';

export const Pack = defineOp({
  name: 'Pack',
  category: 'shape',
  doc: 'Stacks values of one shape along a new axis.',
  inputs: { values: { dtypes: ANY, variadic: true } },
  outputs: ['output'],
  attrs: { axis: attr.int(0) },
  infer: ({ values }, { axis }) => {
    const dtype = valuesDtype(values);
    const ranked = rankedValues(values);
    if (ranked.length === 0) return { output: { dtype, shape: null } };
    const item: Dim[] = [...ranked[0]!.shape];
    for (const { shape, port } of ranked.slice(1)) {
      if (shape.length !== item.length || shape.some((d, j) => !dimsAgree(d, item[j]!)))
        throw new InferError('shape', `${port} ${formatShape(shape)} differs from ${formatShape(item)}`, { port });
      shape.forEach((d, j) => (item[j] = mergeDim(item[j]!, d)));
    }
    item.splice(normalizeAxis(axis, item.length + 1), 0, values.length);
    return { output: { dtype, shape: item } };
  },
  forward: (tf, { values }, { axis }) => ({ output: tf.stack([...values], axis) }),
  code: ({ inputs: { values }, attr }) => `tf.stack([${values.join(', ')}], ${attr('axis')})`,
});
