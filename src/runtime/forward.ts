import type { AttrValue } from '../graph/types';
import type { AnyOpDef, Tensor, TF } from '../ops/define-op';

/** Runs one op's forward pass, inside `tf.tidy` when the op makes temporaries. */
export function runForward(
  tf: TF,
  op: AnyOpDef,
  inputs: Readonly<Record<string, Tensor | readonly Tensor[]>>,
  attrs: Readonly<Record<string, AttrValue>>,
): Readonly<Record<string, Tensor>> {
  return op.composite
    ? tf.tidy(() => op.forward(tf, inputs as never, attrs as never))
    : op.forward(tf, inputs as never, attrs as never);
}
