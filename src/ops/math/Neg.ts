import { NUMERIC } from '../dtypes';
import { unaryOp } from '../unary-op';
import { onlyOutput, sameType } from '../simplify';

export const Neg = unaryOp('Neg', 'Elementwise negation -x.', (tf, x) => tf.neg(x), {
  code: (x) => `tf.neg(${x})`,
  dtypes: NUMERIC,
  simplify: (node) => {
    const inner = node.input('x')?.producer;
    const x = inner?.op === 'Neg' ? inner.input('x') : null;
    return x && sameType(x.type, onlyOutput(node)) ? { rule: '−(−x) → x', forward: x.ref } : null;
  },
});
