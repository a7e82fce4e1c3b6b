import type { OpCategory } from '../graph/op-signature';
import type { DType } from '../graph/types';
import { defineOp, type Tensor, type TF } from './define-op';
import { FLOAT } from './dtypes';

interface UnaryOptions {
  category?: OpCategory;
  dtypes?: readonly DType[];
  differentiable?: boolean;
}

/** An elementwise op `y = f(x)` that keeps shape and dtype. */
export function unaryOp(name: string, doc: string, fn: (tf: TF, x: Tensor) => Tensor, options: UnaryOptions = {}) {
  return defineOp({
    name,
    category: options.category ?? 'math',
    doc,
    inputs: { x: { dtypes: options.dtypes ?? FLOAT } },
    outputs: ['y'],
    differentiable: options.differentiable ?? true,
    infer: ({ x }) => ({ y: x }),
    forward: (tf, { x }) => ({ y: fn(tf, x) }),
  });
}
