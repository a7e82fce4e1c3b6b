import { attrFromTensor } from '../graph/attrs';
import { InferError } from '../graph/op-signature';
import { own, setOwn } from '../graph/own';
import type { AttrValue, TensorType } from '../graph/types';
import type { AnyOpDef, ForwardResult, Interrupter, Tensor, TF } from '../ops/define-op';
import { onHost } from '../ops/host-int32';
import { outputsOverBudget } from '../ops/over-budget';
import type { EmptyType } from './plan';
import type { StepCounts } from './profiler';

type Inputs = Readonly<Record<string, Tensor | readonly Tensor[]>>;
type Attrs = Readonly<Record<string, AttrValue>>;
type Outputs = Readonly<Record<string, Tensor>>;

/**
 * Told when a script starts and ends: a body that never yields (`while (true) {}`) is stopped
 * from outside, by whoever watches the deadline, unless the platform can interrupt it in place.
 */
export interface ScriptWatch {
  started(nodeId: string, timeoutMs: number): void;
  finished(nodeId: string): void;
  readonly interrupter?: Interrupter;
}

/** How one step runs. */
export interface StepOptions {
  readonly nodeId: string;
  readonly watch?: ScriptWatch;
  /** The op's value checks were made already. */
  readonly verified?: boolean;
  /** Read the inputs that supply attributes at once, even where values live on a device. */
  readonly syncReads?: boolean;
  /** The most bytes one output may take (see memory-budget.ts); without it, none is checked. */
  readonly maxBytes?: number;
  /** Every output's size was known, and checked against the budget, before the run. */
  readonly sized?: boolean;
  /** While a run is profiled: the step's readbacks, uploads and script calls are counted here. */
  readonly costs?: StepCounts;
}

/**
 * Runs one step, which an op that awaits does asynchronously; others inside `tf.tidy` when they
 * make temporaries. First the inputs that supply attributes (Reshape's `shape`) are read into
 * them, and the op's value checks are made: at once where values live in host memory (or when
 * `syncReads`), awaited elsewhere, since a synchronous read would stall the GPU.
 *
 * Outputs whose sizes were not known before the run meet the budget here: before the kernel, as
 * inference gives them from what is known now, and after it, as made (a script's, or one whose
 * shape depends on values). The result holds every output of the op as a property of its own.
 */
export function runStep(
  tf: TF,
  op: AnyOpDef,
  inputs: Inputs,
  attrs: Attrs,
  options: StepOptions,
): ForwardResult<string> {
  const { maxBytes } = options;
  const supplied = suppliedInputs(op, inputs);
  if (!supplied.length) {
    if (maxBytes !== undefined && !options.sized && op.kind !== 'script')
      refuseOverBudget(op, inferred(op, inputs, attrs), maxBytes);
    return checkedStep(tf, op, inputs, attrs, options);
  }
  if (options.costs) options.costs.readbacks += supplied.length;
  const run = (read: WithSupplied) => {
    if (maxBytes !== undefined) refuseOverBudget(op, read.types, maxBytes);
    return checkedStep(tf, op, read.inputs, read.attrs, options);
  };
  if (options.syncReads || onHost(tf)) return run(withSupplied(op, inputs, attrs, supplied, (t) => t.dataSync()));
  return Promise.all(supplied.map((s) => s.tensor.data())).then((values) =>
    run(withSupplied(op, inputs, attrs, supplied, (_, i) => values[i]!)),
  );
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
    const attr = own(op.inputs, port)?.attr;
    if (attr) supplied.push({ port, attr, tensor: own(inputs, port) as Tensor });
  }
  return supplied;
}

interface WithSupplied {
  readonly inputs: Inputs;
  readonly attrs: Attrs;
  /** The output types the op infers from them. */
  readonly types: Readonly<Record<string, TensorType>>;
}

/** The attributes with the values the inputs supplying them hold, and the inputs without those. */
function withSupplied(
  op: AnyOpDef,
  inputs: Inputs,
  attrs: Attrs,
  supplied: readonly Supplied[],
  valuesOf: (t: Tensor, i: number) => ArrayLike<number>,
): WithSupplied {
  const ports = new Set(supplied.map((s) => s.port));
  const rest = Object.fromEntries(Object.entries(inputs).filter(([port]) => !ports.has(port)));
  const merged: Record<string, AttrValue> = { ...attrs };
  supplied.forEach((s, i) => {
    const read = attrFromTensor(own(op.attrs, s.attr)!, valuesOf(s.tensor, i), s.tensor.shape);
    if (!read.ok) throw new Error(`${s.port}: ${read.problem}`);
    setOwn(merged, s.attr, read.value);
  });
  // Validation could not check values it did not know: the op's own inference does it now.
  return { inputs: rest, attrs: merged, types: inferred(op, inputs, merged) };
}

/** The op's inference from the types the input values have, its errors named after the op. */
function inferred(op: AnyOpDef, inputs: Inputs, attrs: Attrs): Readonly<Record<string, TensorType>> {
  const types = Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, typeOf(v)]));
  try {
    return op.infer(types as never, attrs as never);
  } catch (e) {
    if (e instanceof InferError) throw new Error(`${op.name}: ${e.message}`, { cause: e });
    throw e;
  }
}

function typeOf(v: Tensor | readonly Tensor[]): TensorType | TensorType[] {
  const one = (t: Tensor): TensorType => ({ dtype: t.dtype as TensorType['dtype'], shape: [...t.shape] });
  return Array.isArray(v) ? v.map(one) : one(v as Tensor);
}

function refuseOverBudget(
  op: AnyOpDef,
  outputs: Readonly<Record<string, { readonly dtype: string; readonly shape: TensorType['shape'] }>>,
  maxBytes: number,
): void {
  const problem = outputsOverBudget(
    op.name,
    op.outputs,
    op.outputs.map((port) => own(outputs, port)),
    maxBytes,
  );
  if (problem) throw new Error(problem);
}

/** What an op's own gradient sees: the attributes its inputs supply, read at once (the tape waits for nothing). */
export function suppliedNow(op: AnyOpDef, inputs: Inputs, attrs: Attrs): { inputs: Inputs; attrs: Attrs } {
  const supplied = suppliedInputs(op, inputs);
  return supplied.length ? withSupplied(op, inputs, attrs, supplied, (t) => t.dataSync()) : { inputs, attrs };
}

function checkedStep(tf: TF, op: AnyOpDef, inputs: Inputs, attrs: Attrs, options: StepOptions): ForwardResult<string> {
  if (!op.checks || options.verified) return forward(tf, op, inputs, attrs, options);
  let messages: string[] = [];
  const flags = tf.tidy(() => {
    const checks = op.checks!(tf, inputs as never, attrs as never);
    messages = checks.map((c) => c.message);
    return checks.map((c) => c.failed);
  });
  if (flags.length === 0) return forward(tf, op, inputs, attrs, options);
  if (options.costs) options.costs.readbacks += flags.length;
  const raise = (values: ArrayLike<number>[]) => {
    tf.dispose(flags);
    const failed = values.findIndex((v) => v[0]);
    if (failed >= 0) throw new Error(messages[failed]);
  };
  if (onHost(tf)) {
    raise(flags.map((f) => f.dataSync()));
    return forward(tf, op, inputs, attrs, options);
  }
  return Promise.all(flags.map((f) => f.data())).then((values) => {
    raise(values);
    return forward(tf, op, inputs, attrs, options);
  });
}

function forward(tf: TF, op: AnyOpDef, inputs: Inputs, attrs: Attrs, options: StepOptions): ForwardResult<string> {
  const { nodeId, watch, maxBytes, costs } = options;
  if (costs) countTraffic(op, costs);
  const context = { nodeId, ...(maxBytes !== undefined && { maxBytes }), ...(costs && { costs }) };
  const made = (outputs: Outputs) => checkOutputs(tf, op, outputs, options);
  if (op.composite) return made(tf.tidy(() => op.forward(tf, inputs as never, attrs as never, context) as Outputs));
  if (op.kind !== 'script' || !watch) {
    const result = op.forward(tf, inputs as never, attrs as never, context);
    return result instanceof Promise ? result.then(made) : made(result);
  }
  watch.started(nodeId, attrs['timeout_ms'] as number);
  const done = () => watch.finished(nodeId);
  try {
    const result = op.forward(tf, inputs as never, attrs as never, { ...context, interrupter: watch.interrupter });
    return result instanceof Promise ? result.finally(done).then(made) : (done(), made(result));
  } catch (e) {
    done();
    throw e;
  }
}

/**
 * What an op moves between host and device by its kind: fed values, constants and random values
 * are made on the host and uploaded; an op that awaits reads values back (a script counts its own).
 */
function countTraffic(op: AnyOpDef, costs: StepCounts): void {
  if (op.kind === 'script') costs.scriptCalls++;
  else if (op.awaits) costs.readbacks++;
  if (op.kind === 'feed' || op.kind === 'const' || op.kind === 'random') costs.uploads += op.outputs.length;
}

/**
 * The op's outputs, each its own property, and within the budget where their sizes were not known
 * before (else freed, and the step fails).
 */
function checkOutputs(tf: TF, op: AnyOpDef, outputs: Outputs, options: StepOptions): Outputs {
  let problem: string | null = null;
  for (const port of op.outputs) if (!Object.hasOwn(outputs, port)) problem = `${op.name} made no output "${port}"`;
  if (problem === null && options.maxBytes !== undefined && (!options.sized || op.kind === 'script'))
    problem = outputsOverBudget(
      op.name,
      op.outputs,
      op.outputs.map((port) => own(outputs, port)!),
      options.maxBytes,
    );
  if (problem === null) return outputs;
  tf.dispose(Object.values(outputs));
  throw new Error(problem);
}

/**
 * Runs one op that must finish at once: constant folding and the gradient tape cannot wait, so
 * they never hand it an op that awaits, save a script whose body does not, which the tape records
 * (watched, with `watch`, as any script run is: its deadline holds on the tape too).
 */
export function runForward(
  tf: TF,
  op: AnyOpDef,
  inputs: Inputs,
  attrs: Attrs,
  options: Omit<StepOptions, 'syncReads'> = { nodeId: op.name },
): Outputs {
  const result = runStep(tf, op, inputs, attrs, { ...options, syncReads: true });
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
