import type { ExecutionMode } from '../../runtime/execution';
import type { NodeStatus, RunReport } from '../../runtime/reports';
import type { LessonWorld } from './lesson';

/** The last finished run, when it ran in `mode` and is the run of the graph as it is now. */
export function currentReport(world: LessonWorld, mode: ExecutionMode): RunReport | null {
  const { report, mode: chosen, stale, running } = world.run;
  return report && report.mode === mode && chosen === mode && !stale && !running ? report : null;
}

/** The status node `id` had in the last run, or null when that run did not list it. */
export function statusIn(report: RunReport | null, id: string): NodeStatus | null {
  return report?.nodes.find((n) => n.nodeId === id)?.status ?? null;
}

export function isSelected(world: LessonWorld, id: string): boolean {
  return world.selection.includes(id);
}

/** A figure in ms, as the status bar shows one. */
export function ms(value: number): string {
  return `${value < 10 ? value.toFixed(2) : value.toFixed(1)} ms`;
}

/** Bytes in MiB: the lessons' graphs are sized so that their memory reads in MiB. */
export function mib(bytes: number): string {
  return `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
}
