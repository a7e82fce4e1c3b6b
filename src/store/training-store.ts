import { createStore } from 'zustand/vanilla';
import type { Evaluation, VariableInspection } from '../runtime/training/trainer';

/**
 * `pausing` and `stopping`: Pause or Stop was pressed while a chunk of steps is still computing;
 * `paused` or `stopped` once it has landed. A stopped run can be kept or reset, not resumed.
 */
export type TrainingStatus =
  'idle' | 'starting' | 'running' | 'pausing' | 'paused' | 'stopping' | 'stopped' | 'done' | 'failed';

/** A test-split figure, after a given step. */
export interface TestPoint extends Evaluation {
  readonly step: number;
}

export interface TrainingState {
  readonly status: TrainingStatus;
  /** Steps taken, and how many the run takes. */
  readonly steps: number;
  readonly target: number;
  readonly epochs: number;
  /** The training loss of every step so far. */
  readonly losses: readonly number[];
  readonly tests: readonly TestPoint[];
  readonly stepsPerSecond: number | null;
  /** A 2-D classifier's training points and its latest prediction over the plane (see BOUNDARY). */
  readonly points: { readonly features: Float32Array; readonly labels: Float32Array } | null;
  readonly boundary: Float32Array | null;
  /** The selected trained variable, as the latest chunk left it. */
  readonly inspected: VariableInspection | null;
  /** Why training stopped or could not start, and the node to blame. */
  readonly error: { readonly message: string; readonly nodeId: string | null } | null;
}

export const IDLE: TrainingState = {
  status: 'idle',
  steps: 0,
  target: 0,
  epochs: 0,
  losses: [],
  tests: [],
  stepsPerSecond: null,
  points: null,
  boundary: null,
  inspected: null,
  error: null,
};

export type TrainingStore = ReturnType<typeof createTrainingStore>;

export function createTrainingStore() {
  return createStore<TrainingState>()(() => IDLE);
}
