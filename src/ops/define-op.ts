import type * as tfjs from '@tensorflow/tfjs';
import type { AttrSpecs, AttrValues } from '../graph/attrs';
import type { InputSpecs, InputsOf, OpCategory, OpKind, OpSignature } from '../graph/op-signature';
import type { TensorType } from '../graph/types';

/** The tfjs namespace, passed to every op so that ops never import tfjs themselves. */
export type TF = typeof tfjs;
export type Tensor = tfjs.Tensor;

/** What a forward pass may know about where it runs. */
export interface ForwardContext {
  readonly nodeId: string;
}

export type ForwardResult<O extends string> = Readonly<Record<O, Tensor>> | Promise<Readonly<Record<O, Tensor>>>;

export interface OpDef<
  I extends InputSpecs = InputSpecs,
  O extends string = string,
  A extends AttrSpecs = AttrSpecs,
> extends OpSignature<I, O, A> {
  /**
   * Computes the outputs; creates no tensor other than those it returns unless `composite`. Only
   * script ops are asynchronous.
   */
  forward(tf: TF, inputs: InputsOf<I, Tensor>, attrs: AttrValues<A>, context: ForwardContext): ForwardResult<O>;
  /** The forward pass makes temporary tensors, so the executor runs it inside `tf.tidy`. */
  readonly composite: boolean;
}

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
  composite?: boolean;
  ports?: OpSignature<I, O, A>['ports'];
  infer(inputs: InputsOf<I, TensorType>, attrs: AttrValues<A>): Readonly<Record<O, TensorType>>;
  forward(tf: TF, inputs: InputsOf<I, Tensor>, attrs: AttrValues<A>, context: ForwardContext): ForwardResult<O>;
}

/** Declares an op: pure data plus an inference function and a tfjs forward pass. */
export function defineOp<
  const I extends InputSpecs,
  const O extends string,
  const A extends AttrSpecs = Record<never, never>,
>(def: OpDefinition<I, O, A>): OpDef<I, O, A> {
  return Object.freeze({
    kind: 'pure',
    differentiable: true,
    composite: false,
    attrs: {} as A,
    ...def,
  });
}
