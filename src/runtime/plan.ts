import type { Diagnostic } from '../graph/diagnostics';
import type { AttrValue, DType, PortRef, TensorType } from '../graph/types';
import type { AnyOpDef, Tensor } from '../ops/define-op';

/**
 * The optimizer's passes, in the order TensorFlow's Grappler runs them. `fuse` is the slot of the
 * elementwise fusion pass (kernels issue): until then it changes nothing.
 */
export const PASS_NAMES = ['prune', 'fold', 'cse', 'simplify', 'fuse'] as const;
export type PassName = (typeof PASS_NAMES)[number];

/** What one pass did to one node. */
export type PassChange =
  /** No requested output depends on the node: it never runs. */
  | { readonly kind: 'pruned'; readonly node: string }
  /** All its inputs were constant: it was computed at compile time and became a constant. */
  | { readonly kind: 'folded'; readonly node: string }
  /** The same op with the same attributes on the same inputs as `into`: its readers read `into`'s value. */
  | { readonly kind: 'merged'; readonly node: string; readonly into: string }
  /**
   * An algebraic rule (`x·1 → x`, `Transpose∘Transpose`, ...) rewrote it: its readers read `into`'s
   * value instead (null: the node still runs, rewritten), or nothing reads it any more.
   */
  | { readonly kind: 'simplified'; readonly node: string; readonly rule: string; readonly into: string | null };

/** One pass of the optimizer over a plan: whether it ran, and every node it removed, merged or rewrote. */
export interface PassResult {
  readonly pass: PassName;
  readonly enabled: boolean;
  readonly changes: readonly PassChange[];
}

/** One node to execute: its op, its attributes and where its inputs and outputs live. */
export interface PlanStep {
  readonly index: number;
  readonly nodeId: string;
  /** The node as the user knows it (its name, else its id), for messages about it. */
  readonly label: string;
  readonly op: AnyOpDef;
  readonly attrs: Readonly<Record<string, AttrValue>>;
  /** Input port names, and for each the slot holding its value (a list for a variadic port). */
  readonly inputPorts: readonly string[];
  readonly inputSlots: readonly (number | readonly number[])[];
  /** Output port names, and for each the slot its value goes to. */
  readonly outputPorts: readonly string[];
  readonly outputSlots: readonly number[];
  /** The node reads its `value` attribute from the graph at run time (Placeholder, VariableV2). */
  readonly feed: boolean;
  /**
   * The types of the outputs when every one is known at trace time to hold no elements: the step
   * then makes them without running its op (tfjs kernels fail on empty tensors, on WebGPU above all).
   */
  readonly empty: readonly EmptyType[] | null;
  /** Every output's size is known before the run (and was checked against the budget). */
  readonly sized: boolean;
  /** Why the step may not run: an output that inference says would pass the budget. */
  readonly refusal: string | null;
}

/** The type of an output with no elements: its shape is fully known and has a zero in it. */
export interface EmptyType {
  readonly dtype: DType;
  readonly shape: readonly number[];
}

/** A tensor value in the plan: one output port of one node. */
export interface Slot {
  readonly node: string;
  readonly port: string;
  readonly type: TensorType;
}

/**
 * A compiled graph: the steps in dependency order over numbered value slots, the constant values
 * folded at compile time, and what the compiler removed. It owns the folded tensors (`dispose`).
 */
export interface Plan {
  /** Equal keys mean the same trace: structure, attributes, dtypes and shapes, not fed values. */
  readonly key: string;
  readonly steps: readonly PlanStep[];
  readonly slots: readonly Slot[];
  /** Slot → value computed at compile time. */
  readonly constants: ReadonlyMap<number, Tensor>;
  readonly outputs: readonly (PortRef & { slot: number })[];
  /** Per step, the slots whose last reader it is (graph mode frees them right after it), if any. */
  readonly freeAfter: readonly (readonly number[] | undefined)[];
  /** Nodes evaluated at compile time because all their inputs were constant. */
  readonly folded: readonly string[];
  /** Nodes no requested output depends on. */
  readonly pruned: readonly string[];
  /** Every pass in order, with what it did (disabled ones too, with no changes). */
  readonly passes: readonly PassResult[];
  /** The most bytes one value may take: steps known to pass it are refused, the others checked as they run. */
  readonly maxBytes: number;
  readonly text: string;
  dispose(): void;
}

export type CompileResult =
  | { readonly ok: true; readonly plan: Plan; readonly diagnostics: readonly Diagnostic[] }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };
