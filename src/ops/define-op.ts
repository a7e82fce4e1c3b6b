import type { Dataset } from './data/dataset';
import type * as tfjs from '@tensorflow/tfjs';
import type { AttrSpecs, AttrValues, RunAttrValues } from '../graph/attrs';
import type { InputSpecs, InputsOf, OpCategory, OpKind, OpSignature } from '../graph/op-signature';
import type { TensorLiteral, TensorType } from '../graph/types';
import type { TfMapping } from '../graph/tf-mapping';
import { INT32_AS_FLOAT, type BackendLimit } from './backend-limits';
import type { SimplifyRule } from './simplify';

/** The tfjs namespace, passed to every op so that ops never import tfjs themselves. */
export type TF = typeof tfjs;
export type Tensor = tfjs.Tensor;

/**
 * Runs `call`, interrupting its synchronous work once `ms` have passed (it then throws a
 * ScriptError of kind 'timeout'). Only some platforms can: the runner's script process can, with
 * node:vm; a browser frame cannot, and a body that never yields is stopped from outside instead.
 */
export type Interrupter = <T>(ms: number, call: () => T) => T;

/** What a forward pass may know about where it runs. */
export interface ForwardContext {
  readonly nodeId: string;
  /** The most bytes one output may take, where the op can tell before it allocates (a script's upload). */
  readonly maxBytes?: number;
  /** Given to script bodies, where the platform can interrupt them. */
  readonly interrupter?: Interrupter;
  /** While a run is profiled: where an op that moves values between host and device itself (an array script) counts it. */
  readonly costs?: HostTraffic;
}

/** Values read back from the device (each a sync with the host) and values sent to it. */
export interface HostTraffic {
  readbacks: number;
  uploads: number;
}

export type ForwardResult<O extends string> = Readonly<Record<O, Tensor>> | Promise<Readonly<Record<O, Tensor>>>;

/** A condition on input values under which TensorFlow raises: `failed` is a bool scalar. */
export interface ValueCheck {
  readonly failed: Tensor;
  readonly message: string;
}

/** What an op's own gradient sees: its inputs, its outputs, dTarget/dOutput (`dy`) and its attributes. */
export interface GradientContext<I extends InputSpecs, O extends string, A extends AttrSpecs> {
  readonly inputs: InputsOf<I, Tensor>;
  readonly outputs: Readonly<Record<O, Tensor>>;
  /** Per output; zeros for an output the target does not depend on. */
  readonly dy: Readonly<Record<O, Tensor>>;
  readonly attrs: RunAttrValues<A>;
  readonly nodeId: string;
}

/**
 * How a gradient passes a node: through the tfjs ops its forward pass records on the tape, through
 * the op's own `gradient`, or not at all.
 */
export type GradientPath = 'tape' | 'own' | 'none';

/** dTarget/dInput per float input port (a list for a variadic port); a missing port gets zeros. */
export type InputGradients<I extends InputSpecs> = Partial<InputsOf<I, Tensor>>;

export interface OpDef<
  I extends InputSpecs = InputSpecs,
  O extends string = string,
  A extends AttrSpecs = AttrSpecs,
> extends OpSignature<I, O, A> {
  /**
   * Computes the outputs; creates no tensor other than those it returns unless `composite`. Only
   * ops that `awaits` may return a promise.
   */
  forward(tf: TF, inputs: InputsOf<I, Tensor>, attrs: RunAttrValues<A>, context: ForwardContext): ForwardResult<O>;
  /**
   * The forward pass may return a promise: it reads values back from the device (Where, whose
   * output's shape depends on them), or it runs a script. The runtime awaits it, so such an op is
   * never folded at compile time, and a gradient tape, which cannot wait, gets the values it made
   * beforehand: it needs its own gradient or none (a script that does not await is taped). True
   * for scripts unless stated; an op that awaits makes no temporaries (`tf.tidy` cannot wait).
   */
  readonly awaits: boolean;
  /** The forward pass makes temporary tensors, so the executor runs it inside `tf.tidy`. */
  readonly composite: boolean;
  /** Where a backend cannot give TensorFlow's values (int32 past 2²⁴ on WebGPU…). */
  readonly limits: readonly BackendLimit[];
  /**
   * Where +0 and -0 tie for the result, either may come out: IEEE 754 leaves it open for maximum
   * and minimum, and TensorFlow's own kernels take whichever their vector order reaches last.
   */
  readonly eitherZeroOnTies: boolean;
  /**
   * TensorFlow's gradient where tfjs's differs from it (kinks, ties, broadcasting): like a tfjs
   * GradConfig, keyed by the op's ports, and used on the gradient tape instead of what the forward
   * pass's tfjs ops would record.
   */
  gradient?(tf: TF, context: GradientContext<I, O, A>): InputGradients<I>;
  /**
   * TensorFlow's checks of input values (an integer division by zero), run before `forward`. The
   * runtime reads them without stalling the device: ops that have them are never folded.
   */
  checks?(tf: TF, inputs: InputsOf<I, Tensor>, attrs: RunAttrValues<A>): readonly ValueCheck[];
  /** Where that depends on the attributes (a script's gradient body): otherwise `gradientPathOf`'s rule. */
  gradientPath?(attrs: RunAttrValues<A>, nodeId: string): GradientPath;
  /** How the op is written as tfjs code (a TypeScript export), computing what `forward` does on the CPU. */
  code?(args: CodeArgs<I, O, A>): OpCode;
  /** A dataset node's examples: a training run feeds its outputs a batch a step, and tests on the rest. */
  dataset?(attrs: RunAttrValues<A>): Dataset;
  /** The op's algebraic rules for the optimizer's simplification pass (`x·1 → x`). */
  readonly simplify?: SimplifyRule;
}

/**
 * A function that generated code needs, written into the module once: its name, and its source,
 * which calls tfjs as `tf` and the helpers it `uses` by their names.
 */
export interface CodeHelper {
  readonly name: string;
  readonly source: string;
  readonly uses?: readonly CodeHelper[];
}

/** A condition under which TensorFlow raises, as code: expressions of a bool scalar tensor and of the message. */
export interface CodeCheck {
  readonly failed: string;
  readonly message: string;
}

/** What an op's `code` knows of the node it writes. */
export interface CodeArgs<I extends InputSpecs, O extends string, A extends AttrSpecs> {
  /** Per input port, an expression of its value (a list for a variadic port); inputs that supply attributes are read through `attr`. */
  readonly inputs: InputsOf<I, string>;
  /** The attributes; one that a connected input supplies is undefined when known only when running. */
  readonly attrs: AttrValues<A>;
  /** An attribute as source text: its value as a literal, or the variable holding what its input supplies. */
  attr(name: keyof A & string): string;
  /** The variable each output goes in. */
  readonly outputs: Readonly<Record<O, string>>;
  /** The types validation inferred (a dimension known only when running is null). */
  readonly types: { readonly inputs: InputsOf<I, TensorType>; readonly outputs: Readonly<Record<O, TensorType>> };
  /** A value as a TypeScript literal: numbers (NaN, ±Infinity and -0 spelled out), strings, booleans, lists. */
  literal(value: unknown): string;
  /** Writes `helper` into the module (once), returning its name. */
  helper(helper: CodeHelper): string;
}

/** CodeArgs with the op's ports and attributes erased, as helpers shared by many ops see them. */
export type AnyCodeArgs = CodeArgs<InputSpecs, string, AttrSpecs>;

/**
 * How an op is written in a TypeScript module that computes with tfjs what its forward pass
 * computes on the CPU backend: the expression of its one output, or statements that declare a
 * `const` for each output variable (and nothing else), with TensorFlow's checks of its input
 * values. Sources say what they are; an op that cannot be written says why.
 */
export type OpCode =
  | string
  | { readonly lines: readonly string[]; readonly checks?: readonly CodeCheck[] }
  /** A graph input, fed when the module runs; `value` is the one it holds now. */
  | { readonly input: TensorLiteral }
  /** A value the graph holds, inlined or loaded with the weights. */
  | { readonly constant: TensorLiteral }
  /** A script node, which the writer turns into a function of its own. */
  | { readonly script: true }
  | { readonly unwritable: string };

export type AnyOpDef = OpDef<InputSpecs, string, AttrSpecs>;

interface OpDefinition<I extends InputSpecs, O extends string, A extends AttrSpecs> {
  name: string;
  category: OpCategory;
  doc: string;
  inputs: I;
  outputs: readonly O[];
  attrs?: A;
  kind?: OpKind;
  differentiable?: boolean;
  awaits?: boolean;
  composite?: boolean;
  limits?: readonly BackendLimit[];
  eitherZeroOnTies?: boolean;
  ports?: OpSignature<I, O, A>['ports'];
  tf?: TfMapping;
  placeable?: boolean;
  infer(inputs: InputsOf<I, TensorType>, attrs: AttrValues<A>): Readonly<Record<O, TensorType>>;
  forward(tf: TF, inputs: InputsOf<I, Tensor>, attrs: RunAttrValues<A>, context: ForwardContext): ForwardResult<O>;
  gradient?(tf: TF, context: GradientContext<I, O, A>): InputGradients<I>;
  checks?(tf: TF, inputs: InputsOf<I, Tensor>, attrs: RunAttrValues<A>): readonly ValueCheck[];
  gradientPath?(attrs: RunAttrValues<A>, nodeId: string): GradientPath;
  code?(args: CodeArgs<I, O, A>): OpCode;
  dataset?(attrs: RunAttrValues<A>): Dataset;
  simplify?: SimplifyRule;
}

/** How a gradient passes a node of `op`: none through a non-differentiable op, else its own or the tape's. */
export function gradientPathOf(op: AnyOpDef, attrs: Readonly<Record<string, unknown>>, nodeId: string): GradientPath {
  if (op.gradientPath) return op.gradientPath(attrs as never, nodeId);
  if (!op.differentiable) return 'none';
  return op.gradient ? 'own' : 'tape';
}

/**
 * Declares an op: pure data plus an inference function and a tfjs forward pass. An op that reads
 * int32 values is subject to tfjs's WebGPU kernels computing them in float32 (the suite finds it
 * even in those that only move values: Concat, Slice, Tile).
 */
export function defineOp<
  const I extends InputSpecs,
  const O extends string,
  const A extends AttrSpecs = Record<never, never>,
>(def: OpDefinition<I, O, A>): OpDef<I, O, A> {
  const readsInt32 = Object.values(def.inputs).some((spec) => spec.dtypes.includes('int32'));
  return Object.freeze({
    kind: 'pure',
    awaits: def.kind === 'script',
    differentiable: true,
    composite: false,
    eitherZeroOnTies: false,
    attrs: {} as A,
    ...def,
    limits: [...(readsInt32 ? [INT32_AS_FLOAT] : []), ...(def.limits ?? [])],
  });
}
