import type { Graph } from '../graph/types';
import type { Validation } from '../graph/validate';
import type { ExecutionMode } from '../runtime/execution';
import { withDependentsSkipped } from '../runtime/host/excluded-nodes';
import type { RunReport } from '../runtime/reports';
import type { CliRuntime, ScriptStop } from './cli-runtime';
import { emptyRun, markLeftOut, outputsLeft } from './left-out';
import { KILL_GRACE_MS } from './script-process';

export interface WatchedRunOptions {
  readonly mode: ExecutionMode;
  readonly previewLimit: number;
  readonly outputs?: readonly string[];
  readonly maxBytes?: number;
}

export interface WatchedRun {
  /** The report, with each node left out marked on it. */
  readonly report: RunReport;
  /** The nodes left out, and why. */
  readonly excluded: ReadonlyMap<string, string>;
  /** The scripts that stopped their runtime (a missed deadline, a process they ended). */
  readonly stops: readonly ScriptStop[];
}

/**
 * Runs the graph without the nodes in `notRun` and what depends on them. A script that stops its
 * runtime costs that runtime: as in the editor, the graph runs again in a fresh one from `restart`
 * without it, and so on until a run completes, at most one more run per script.
 */
export async function runWatched(
  graph: Graph,
  validation: Validation,
  options: WatchedRunOptions,
  notRun: ReadonlyMap<string, string>,
  runtime: CliRuntime,
  restart: () => CliRuntime,
): Promise<WatchedRun> {
  const stops: ScriptStop[] = [];
  for (;;) {
    const failed = new Map(stops.map((s) => [s.nodeId, s.reason]));
    const excluded = new Map(
      Object.entries(withDependentsSkipped(validation, Object.fromEntries([...notRun, ...failed]))),
    );
    const mark = (report: RunReport) => markLeftOut(report, excluded, new Set(failed.keys()));
    const outputs = outputsLeft(validation, excluded, options.outputs);
    if (outputs?.length === 0) return { report: mark(emptyRun(options.mode, validation)), excluded, stops };
    const result = await runtime.run(graph, { ...options, ...(outputs && { outputs: [...outputs] }) });
    if (!('reason' in result)) return { report: mark(result), excluded, stops };
    stops.push(result);
    runtime = restart();
  }
}

/**
 * How long the gradient pass may take, when it runs scripts (null: no limit): each script at most
 * twice (its body, then its body or gradient body on the tape), each taking up to its deadline,
 * and the ops a few times over what the run took (forward, taped forward, backward).
 */
export function gradientsDeadline(
  validation: Validation,
  excluded: ReadonlyMap<string, string>,
  runMs: number,
): number | null {
  const scripts = [...validation.nodes.values()].filter((n) => n.op.kind === 'script' && !excluded.has(n.node.id));
  if (!scripts.length) return null;
  const scriptMs = scripts.reduce((sum, n) => sum + (n.attrs['timeout_ms'] as number), 0);
  return Math.ceil(2 * scriptMs + 4 * runMs + KILL_GRACE_MS);
}
