import type { Graph, TensorLiteral } from '../graph/types';
import type { TrainingChunk, TrainingStart } from '../runtime/host/host-training';
import type { HostRunOptions } from '../runtime/host/runtime-host';
import type { GradientReport, RunReport } from '../runtime/reports';

/** A call cut short: the runtime was stopped after this long. */
export interface Timeout {
  readonly timedOutAfter: number;
}

/**
 * A run or a training chunk cut short by a script that stopped its runtime: it missed its deadline
 * (and its process was killed), or it ended the process. `reason` is what the report says of the node.
 */
export interface ScriptStop {
  readonly nodeId: string;
  readonly reason: string;
}

/** Where the runner's graphs run: in a sandboxed process (ScriptProcess), or in this one. */
export interface CliRuntime {
  run(graph: Graph, options: HostRunOptions): Promise<RunReport | ScriptStop>;
  gradients(
    graph: Graph,
    target: string,
    previewLimit: number,
    deadlineMs: number | null,
  ): Promise<GradientReport | Timeout>;
  /** Starts training the graph as its setup says; then `trainSteps` a chunk at a time. */
  startTraining(graph: Graph): Promise<TrainingStart | ScriptStop>;
  trainSteps(count: number): Promise<TrainingChunk | ScriptStop>;
  /** The trained variables' values, by node id. */
  trainedValues(): Promise<Record<string, TensorLiteral>>;
  /** Ends the runtime, and with it any training run. */
  stop(): Promise<void>;
}

/** The CLI runs one graph at a time, so the host never answers null (superseded by a newer run). */
export function onlyRun(report: RunReport | null): RunReport {
  return report!;
}
