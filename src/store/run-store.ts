import { createStore } from 'zustand/vanilla';
import type { BackendChoice, BackendRequest } from '../runtime/backend';
import type { ExecutionMode } from '../runtime/execution';
import type { Comparison } from '../runtime/host/runtime-host';
import type { GradientReport, RunReport, TraceNote } from '../runtime/reports';

/** One run's trace in the trace log: traced or reused, why, and in which mode it ran. */
export interface TraceLogEntry extends TraceNote {
  readonly mode: ExecutionMode;
}

export interface RunState {
  readonly mode: ExecutionMode;
  readonly backendRequest: BackendRequest;
  /** The active backend; null until the runtime host has started. */
  readonly backend: BackendChoice | null;
  /** Why the runtime cannot run at all (it failed to start). */
  readonly hostError: string | null;
  readonly report: RunReport | null;
  /** The graph changed after `report` was made; a new run is on its way. */
  readonly stale: boolean;
  readonly running: boolean;
  /** Eager step-through is under way: `report` shows the steps run so far. */
  readonly stepping: boolean;
  readonly gradientTarget: string | null;
  /** Why the loss target was cleared (the graph changed under it, another graph opened). */
  readonly gradientTargetNotice: string | null;
  readonly gradients: GradientReport | null;
  readonly comparison: Comparison | null;
  /**
   * Nodes the runner leaves out of runs, and why: a script that timed out (until it is edited),
   * and everything downstream of one.
   */
  readonly excluded: Readonly<Record<string, string>>;
  /** Graph mode's plan is drawn on the canvas (Show plan). */
  readonly planShown: boolean;
  /** A passing message for the status bar: a refused connection, a backend change. */
  readonly notice: { readonly text: string; readonly tone: 'info' | 'error' } | null;
  /** Every run's trace since the runtime host started, newest first (the last TRACE_LOG_LIMIT). */
  readonly traceLog: readonly TraceLogEntry[];
}

export const TRACE_LOG_LIMIT = 200;

export type RunStore = ReturnType<typeof createRunStore>;

export function createRunStore() {
  return createStore<RunState>()(() => ({
    mode: 'eager',
    backendRequest: 'auto',
    backend: null,
    hostError: null,
    report: null,
    stale: false,
    running: false,
    stepping: false,
    gradientTarget: null,
    gradientTargetNotice: null,
    gradients: null,
    comparison: null,
    excluded: {},
    planShown: false,
    notice: null,
    traceLog: [],
  }));
}
