import type { AttrValue } from '../graph/types';
import type { AnyOpDef, ForwardResult, Tensor, TF } from '../ops/define-op';

type Inputs = Readonly<Record<string, Tensor | readonly Tensor[]>>;
type Attrs = Readonly<Record<string, AttrValue>>;

/**
 * Told when a script starts and ends: a body that never yields (`while (true) {}`) can only be
 * stopped from outside, by whoever watches the deadline.
 */
export interface ScriptWatch {
  started(nodeId: string, timeoutMs: number): void;
  finished(nodeId: string): void;
}

/** Runs one step, which a script op does asynchronously; others inside `tf.tidy` when they make temporaries. */
export function runStep(
  tf: TF,
  op: AnyOpDef,
  inputs: Inputs,
  attrs: Attrs,
  nodeId: string,
  watch?: ScriptWatch,
): ForwardResult<string> {
  if (op.composite)
    return tf.tidy(
      () => op.forward(tf, inputs as never, attrs as never, { nodeId }) as Readonly<Record<string, Tensor>>,
    );
  if (op.kind !== 'script' || !watch) return op.forward(tf, inputs as never, attrs as never, { nodeId });
  watch.started(nodeId, attrs['timeout_ms'] as number);
  const done = () => watch.finished(nodeId);
  try {
    const result = op.forward(tf, inputs as never, attrs as never, { nodeId });
    return result instanceof Promise ? result.finally(done) : (done(), result);
  } catch (e) {
    done();
    throw e;
  }
}

/** Runs one op that must finish at once: constant folding and the gradient tape cannot wait. */
export function runForward(
  tf: TF,
  op: AnyOpDef,
  inputs: Inputs,
  attrs: Attrs,
  nodeId: string = op.name,
): Readonly<Record<string, Tensor>> {
  const result = runStep(tf, op, inputs, attrs, nodeId);
  if (result instanceof Promise) throw new Error(`${op.name} runs asynchronously and cannot run here`);
  return result;
}
