import type { AttrValue } from '../graph/types';
import type { Tensor } from '../ops/define-op';
import type { Plan } from './plan';

export type ExecutionMode = 'eager' | 'graph';
export type StepStatus = 'pending' | 'ok' | 'error' | 'skipped';

export interface StepRecord {
  readonly nodeId: string;
  status: StepStatus;
  /** Wall time of the step in eager mode (including the wait for its values); null in graph mode. */
  ms: number | null;
  error?: string;
  /** Eager mode: the value was taken over from the previous run, whose inputs were identical. */
  reused?: boolean;
}

/** The current attributes of fed nodes (Placeholder, VariableV2), by node id. */
export type Feeds = ReadonlyMap<string, Readonly<Record<string, AttrValue>>>;

/** What one run produced. It owns the tensors it kept until `dispose`. */
export interface Execution {
  readonly mode: ExecutionMode;
  readonly plan: Plan;
  readonly records: readonly StepRecord[];
  readonly error: { readonly nodeId: string; readonly message: string } | null;
  /** The value in a slot, if the run kept it (eager: every computed value; graph: the outputs). */
  value(slot: number): Tensor | undefined;
  readonly totalMs: number;
  /** The most tensors and bytes alive at once during the run, counted from before it started. */
  readonly peakTensors: number;
  readonly peakBytes: number;
  dispose(): void;
}

export function now(): number {
  return performance.now();
}
