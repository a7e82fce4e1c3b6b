import type { Diagnostic } from '../graph/diagnostics';
import type { Validation } from '../graph/validate';
import type { PortRef } from '../graph/types';
import type { BackendChoice } from './backend';
import type { ExecutionMode } from './execution';
import type { PassResult } from './plan';
import type { TensorSummary } from './summary';

/**
 * Plain data describing runs, safe to post across a frame boundary: summaries and previews,
 * never tensors.
 */
export type NodeStatus =
  | 'ok'
  | 'error'
  | 'skipped'
  | 'pending'
  | 'constant'
  | 'folded'
  | 'pruned'
  /** Graph mode: a duplicate of another node (CSE), whose readers read that node's value. */
  | 'merged'
  /** Graph mode: rewritten by an algebraic rule, or no longer needed after one. */
  | 'simplified'
  | 'invalid';

export interface NodeReport {
  readonly nodeId: string;
  readonly op: string;
  readonly status: NodeStatus;
  readonly ms: number | null;
  readonly error?: string;
  /** Eager mode: taken over from the previous run, since nothing it depends on changed. */
  readonly reused?: boolean;
  /** Why this node may not give TensorFlow's values on this backend (its op's limits its inputs meet). */
  readonly warnings?: readonly string[];
  /** Summaries of the output values the run kept, by port. */
  readonly outputs: Readonly<Record<string, TensorSummary>>;
}

export interface RunReport {
  readonly ok: boolean;
  readonly mode: ExecutionMode;
  readonly backend: BackendChoice | null;
  readonly diagnostics: readonly Diagnostic[];
  readonly error: { readonly nodeId: string; readonly message: string } | null;
  readonly nodes: readonly NodeReport[];
  readonly outputs: readonly (PortRef & { readonly summary: TensorSummary })[];
  readonly plan: string | null;
  /** Graph mode: what the optimizer did, pass by pass, and the plan it made; null in eager mode and when nothing ran. */
  readonly optimization: PlanView | null;
  /** This run compiled a new plan (structure, attributes, dtypes or shapes changed). */
  readonly retraced: boolean;
  readonly traceCount: number;
  /** Why this run traced, or why it could reuse a trace; null when nothing was compiled. */
  readonly trace: TraceNote | null;
  /** Per-node costs, when the run was profiled (`RunOptions.profile`). */
  readonly timeline: Timeline | null;
  readonly stepsRun: number;
  readonly stepsTotal: number;
  /** Eager mode: the node of the last step run (the one step-through just executed). */
  readonly current: string | null;
  readonly totalMs: number;
  readonly peakTensors: number;
  readonly peakBytes: number;
  /** Tensors held by the runtime after the run: kept results plus cached plans' constants. */
  readonly tensorsAlive: number;
  readonly bytesAlive: number;
}

/** The optimized plan as the canvas draws it. */
export interface PlanView {
  readonly passes: readonly PassResult[];
  /** The node each step runs, in execution order: step n (from 1) runs `steps[n - 1]`. */
  readonly steps: readonly string[];
  /** By step index: the values freed right after that step (graph mode frees each after its last reader). */
  readonly frees: readonly (readonly PortRef[])[];
}

/**
 * A trace in the terms of TensorFlow's rules of tracing. `traced`: this run traced a new plan,
 * and `reasons` say why (first call; input `x` changed shape [2, 3] → [3, 3]; dtype changed;
 * attribute `axis` edited; graph structure changed). Otherwise it reused trace `number`, and
 * `reasons` say what changed that did not need a trace (a shape within an input's signature).
 */
export interface TraceNote {
  readonly traced: boolean;
  /** The number of the trace the run used: 1 for the session's first. */
  readonly number: number;
  readonly reasons: readonly string[];
}

/** Where one node's time went in a profiled run. */
export interface NodeCost {
  readonly nodeId: string;
  /** From the start of the run, in ms. */
  readonly startMs: number;
  /** Wall time of the node's step (graph mode's is only the time to queue its kernels on a GPU). */
  readonly ms: number;
  /** The kernels it ran, with their device time where `tf.profile` measures it, else null. */
  readonly kernels: readonly { readonly name: string; readonly ms: number | null }[];
  /** Values read back from the device to the host (a sync), by the runtime or a script. */
  readonly readbacks: number;
  /** Values sent from the host to the device (fed inputs, a script's results). */
  readonly uploads: number;
  /** Script bodies called. */
  readonly scriptCalls: number;
}

/** A profiled run: every step's costs, in execution order. */
export interface Timeline {
  readonly mode: ExecutionMode;
  readonly totalMs: number;
  readonly nodes: readonly NodeCost[];
}

export type PortGradient = { readonly summary: TensorSummary } | { readonly none: string };

export interface GradientReport {
  readonly ok: boolean;
  readonly target: PortRef | null;
  readonly diagnostics: readonly Diagnostic[];
  readonly error: string | null;
  /** dTarget/dOutput per node and output port, or why none flows there. */
  readonly nodes: Readonly<Record<string, Readonly<Record<string, PortGradient>>>>;
  /** The ids of the trainable variables the target depends on. */
  readonly variables: readonly string[];
}

/** A run that computed nothing: each node pending, or invalid where a diagnostic names it. */
export function notRunReport(
  mode: ExecutionMode,
  validation: Validation,
  diagnostics: readonly Diagnostic[],
  runtime: Pick<RunReport, 'backend' | 'traceCount' | 'tensorsAlive' | 'bytesAlive'>,
): RunReport {
  const invalid = new Set(diagnostics.flatMap((d) => [d.nodeId, ...(d.cycle ?? [])]));
  const nodes: NodeReport[] = [...validation.nodes.values()].map((n) => ({
    nodeId: n.node.id,
    op: n.op.name,
    status: invalid.has(n.node.id) ? 'invalid' : 'pending',
    ms: null,
    outputs: {},
  }));
  return {
    ok: false,
    mode,
    diagnostics,
    error: null,
    nodes,
    outputs: [],
    plan: null,
    optimization: null,
    retraced: false,
    trace: null,
    timeline: null,
    stepsRun: 0,
    stepsTotal: 0,
    current: null,
    totalMs: 0,
    peakTensors: 0,
    peakBytes: 0,
    ...runtime,
  };
}
