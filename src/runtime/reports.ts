import type { Diagnostic } from '../graph/diagnostics';
import type { Validation } from '../graph/validate';
import type { PortRef } from '../graph/types';
import type { BackendChoice } from './backend';
import type { ExecutionMode } from './execution';
import type { TensorSummary } from './summary';

/**
 * Plain data describing runs, safe to post across a frame boundary: summaries and previews,
 * never tensors.
 */
export type NodeStatus = 'ok' | 'error' | 'skipped' | 'pending' | 'constant' | 'folded' | 'pruned' | 'invalid';

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
  /** This run compiled a new plan (structure, attributes, dtypes or shapes changed). */
  readonly retraced: boolean;
  readonly traceCount: number;
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
    retraced: false,
    stepsRun: 0,
    stepsTotal: 0,
    current: null,
    totalMs: 0,
    peakTensors: 0,
    peakBytes: 0,
    ...runtime,
  };
}
