import { attrFromTensor } from '../graph/attrs';
import { InferError } from '../graph/op-signature';
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
 * Runs one step, which an op that awaits does asynchronously; others inside `tf.tidy` when they
 * make temporaries. First the inputs that supply attributes (Reshape's `shape`) are read into
 * them, and the op's value checks are made: at once where values live in host memory (or when
 * `syncReads`), awaited elsewhere, since a synchronous read would stall the GPU. `verified`:
 * already checked.
 */
export function runStep(
  tf: TF,
  op: AnyOpDef,
  inputs: Inputs,
  attrs: Attrs,
  nodeId: string,
  watch?: ScriptWatch,
  verified = false,
  syncReads = false,
): ForwardResult<string> {
  const supplied = suppliedInputs(op, inputs);
  if (!supplied.length) return checkedStep(tf, op, inputs, attrs, nodeId, watch, verified);
  if (syncReads || onHost(tf)) {
    const read = withSupplied(op, inputs, attrs, supplied, (t) => t.dataSync());
    return checkedStep(tf, op, read.inputs, read.attrs, nodeId, watch, verified);
  }
  return Promise.all(supplied.map((s) => s.tensor.data())).then((values) => {
    const read = withSupplied(op, inputs, attrs, supplied, (_, i) => values[i]!);
    return checkedStep(tf, op, read.inputs, read.attrs, nodeId, watch, verified);
  });
}

interface Supplied {
  readonly port: string;
  readonly attr: string;
  readonly tensor: Tensor;
}

/** The connected inputs that supply an attribute, with the attribute each supplies. */
function suppliedInputs(op: AnyOpDef, inputs: Inputs): Supplied[] {
  const supplied: Supplied[] = [];
  for (const port in inputs) {
    const attr = op.inputs[port]?.attr;
    if (attr) supplied.push({ port, attr, tensor: inputs[port] as Tensor });
  }
  return supplied;
}

/** The attributes with the values the inputs supplying them hold, and the inputs without those. */
function withSupplied(
  op: AnyOpDef,
  inputs: Inputs,
  attrs: Attrs,
  supplied: readonly Supplied[],
  valuesOf: (t: Tensor, i: number) => ArrayLike<number>,
): { inputs: Inputs; attrs: Attrs } {
  const rest = { ...inputs };
  const merged: Record<string, AttrValue> = { ...attrs };
  supplied.forEach((s, i) => {
    delete rest[s.port];
    const read = attrFromTensor(op.attrs[s.attr]!, valuesOf(s.tensor, i), s.tensor.shape);
    if (!read.ok) throw new Error(`${s.port}: ${read.problem}`);
    merged[s.attr] = read.value;
  });
  // Validation could not check values it did not know: the op's own inference does it now.
  const types = Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, typeOf(v)]));
  try {
    op.infer(types as never, merged as never);
  } catch (e) {
    if (e instanceof InferError) throw new Error(`${op.name}: ${e.message}`, { cause: e });
    throw e;
  }
  return { inputs: rest, attrs: merged };
}

function typeOf(v: Tensor | readonly Tensor[]): TensorType | TensorType[] {
  const one = (t: Tensor): TensorType => ({ dtype: t.dtype as TensorType['dtype'], shape: [...t.shape] });
  return Array.isArray(v) ? v.map(one) : one(v as Tensor);
}

/** What an op's own gradient sees: the attributes its inputs supply, read at once (the tape waits for nothing). */
export function suppliedNow(op: AnyOpDef, inputs: Inputs, attrs: Attrs): { inputs: Inputs; attrs: Attrs } {
  const supplied = suppliedInputs(op, inputs);
  return supplied.length ? withSupplied(op, inputs, attrs, supplied, (t) => t.dataSync()) : { inputs, attrs };
}

function checkedStep(
  tf: TF,
  op: AnyOpDef,
  inputs: Inputs,
  attrs: Attrs,
  nodeId: string,
  watch: ScriptWatch | undefined,
  verified: boolean,
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

/**
 * Runs one op that must finish at once: constant folding and the gradient tape cannot wait, so
 * they never hand it an op that awaits, save a script whose body does not, which the tape records.
 */
export function runForward(
  tf: TF,
  op: AnyOpDef,
  inputs: Inputs,
  attrs: Attrs,
  nodeId: string = op.name,
  verified = false,
): Readonly<Record<string, Tensor>> {
  const result = runStep(tf, op, inputs, attrs, nodeId, undefined, verified, true);
  if (result instanceof Promise) {
    // Nobody will read what it makes, nor hear of its failure.
    result.then(
      (outputs) => tf.dispose(Object.values(outputs)),
      () => {},
    );
    throw new Error(`${op.name} runs asynchronously and cannot run here`);
  }
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
