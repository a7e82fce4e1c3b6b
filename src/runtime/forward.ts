import type { AttrValue, TensorType } from '../graph/types';
import type { AnyOpDef, ForwardResult, Tensor, TF } from '../ops/define-op';
import { onHost } from '../ops/host-int32';
import type { EmptyType } from './plan';

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

/**
 * Runs one step, which a script op does asynchronously; others inside `tf.tidy` when they make
 * temporaries. An op's value checks come first: read at once where values live in host memory,
 * awaited elsewhere (a synchronous read would stall the GPU). `verified`: already checked.
 */
export function runStep(
  tf: TF,
  op: AnyOpDef,
  inputs: Inputs,
  attrs: Attrs,
  nodeId: string,
  watch?: ScriptWatch,
  verified = false,
): ForwardResult<string> {
  if (!op.checks || verified) return forward(tf, op, inputs, attrs, nodeId, watch);
  let messages: string[] = [];
  const flags = tf.tidy(() => {
    const checks = op.checks!(tf, inputs as never, attrs as never);
    messages = checks.map((c) => c.message);
    return checks.map((c) => c.failed);
  });
  if (flags.length === 0) return forward(tf, op, inputs, attrs, nodeId, watch);
  const raise = (values: ArrayLike<number>[]) => {
    tf.dispose(flags);
    const failed = values.findIndex((v) => v[0]);
    if (failed >= 0) throw new Error(messages[failed]);
  };
  if (onHost(tf)) {
    raise(flags.map((f) => f.dataSync()));
    return forward(tf, op, inputs, attrs, nodeId, watch);
  }
  return Promise.all(flags.map((f) => f.data())).then((values) => {
    raise(values);
    return forward(tf, op, inputs, attrs, nodeId, watch);
  });
}

function forward(
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
  verified = false,
): Readonly<Record<string, Tensor>> {
  const result = runStep(tf, op, inputs, attrs, nodeId, undefined, verified);
  if (result instanceof Promise) throw new Error(`${op.name} runs asynchronously and cannot run here`);
  return result;
}

/** The empty outputs of a step whose outputs all hold no elements, made without running its op. */
export function emptyOutputs(tf: TF, ports: readonly string[], types: readonly EmptyType[]): Record<string, Tensor> {
  return Object.fromEntries(ports.map((port, k) => [port, tf.zeros([...types[k]!.shape], types[k]!.dtype)]));
}

/** The types of a step's outputs if each is known to hold no elements (ops that run scripts excepted). */
export function emptyTypes(op: AnyOpDef, types: readonly TensorType[]): readonly EmptyType[] | null {
  if (op.kind === 'script' || types.length === 0) return null;
  for (const { shape } of types) if (shape === null || shape.includes(null) || !shape.includes(0)) return null;
  return types as readonly EmptyType[];
}
