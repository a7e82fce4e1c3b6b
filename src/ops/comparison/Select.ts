import { InferError } from '../../graph/op-signature';
import { dimsAgree, formatShape, mergeDim, sameDtype } from '../../graph/shape';
import type { Shape } from '../../graph/types';
import { defineOp } from '../define-op';
import { ANY, BOOL } from '../dtypes';

/**
 * TensorFlow 1's Select: t and e of one shape; a condition of that shape picks elements, a scalar
 * picks a whole tensor, and a vector as long as the first dimension picks whole rows. It does not
 * broadcast otherwise (SelectV2 does).
 */
export const Select = defineOp({
  name: 'Select',
  category: 'comparison',
  doc: 't where condition is true, else e; a vector condition picks whole rows (SelectV2 broadcasts).',
  inputs: { condition: { dtypes: BOOL }, t: { dtypes: ANY }, e: { dtypes: ANY } },
  outputs: ['output'],
  composite: true,
  infer: (inputs) => {
    const dtype = sameDtype(inputs, ['t', 'e']);
    const shape = sameShape(inputs.t.shape, inputs.e.shape);
    const c = inputs.condition.shape;
    if (c === null || shape === null || c.length === 0) return { output: { dtype, shape } };
    const rows = c.length === 1 && shape.length > 1;
    const fits = rows ? dimsAgree(c[0]!, shape[0] ?? null) : sameShape(c, shape, false) !== undefined;
    if (!fits)
      throw new InferError(
        'shape',
        `condition ${formatShape(c)} must be a scalar, ${formatShape(shape)}, or a vector of its ${shape[0] ?? '?'} rows`,
        { port: 'condition' },
      );
    return { output: { dtype, shape } };
  },
  forward: (tf, { condition, t, e }) => {
    if (condition.rank !== 1 || t.rank <= 1) return { output: tf.where(condition, t, e) };
    // One flag per row, stretched along the row's other dimensions.
    const rows = tf.reshape(condition, [condition.size, ...t.shape.slice(1).map(() => 1)]);
    return { output: tf.where(rows, t, e) };
  },
  code: ({ inputs: { condition, t, e }, types, literal }) => {
    const [c, x] = [types.inputs.condition.shape, types.inputs.t.shape ?? types.inputs.e.shape];
    const picks = (flags: string) => `tf.where(${flags}, ${t}, ${e})`;
    if (c !== null && x !== null) {
      if (c.length !== 1 || x.length <= 1) return picks(condition);
      return picks(`tf.reshape(${condition}, ${literal([-1, ...x.slice(1).map(() => 1)])})`);
    }
    const rows = `tf.reshape(${condition}, [-1, ...${t}.shape.slice(1).map(() => 1)])`;
    return `${condition}.rank !== 1 || ${t}.rank <= 1 ? ${picks(condition)} : ${picks(rows)}`;
  },
});

/** The shape t and e share; with `strict`, a mismatch is an error on e, otherwise undefined. */
function sameShape(a: Shape, b: Shape, strict?: true): Shape;
function sameShape(a: Shape, b: Shape, strict: false): Shape | undefined;
function sameShape(a: Shape, b: Shape, strict = true): Shape | undefined {
  if (a === null) return b;
  if (b === null) return a;
  if (a.length === b.length && a.every((d, i) => dimsAgree(d, b[i]!))) return a.map((d, i) => mergeDim(d, b[i]!));
  if (!strict) return undefined;
  throw new InferError('shape', `t ${formatShape(a)} and e ${formatShape(b)} must have one shape`, { port: 'e' });
}
