import type { Graph } from '../graph/types';
import type { Validation } from '../graph/validate';
import type { ExecutionMode } from '../runtime/execution';
import { withDependentsSkipped } from '../runtime/host/excluded-nodes';
import { GRACE_MS } from '../runtime/host/script-watchdog';
import type { RunReport } from '../runtime/reports';
import { emptyRun, markLeftOut, outputsLeft } from './left-out';
import type { CliRuntime, ScriptTimeout } from './runtime-worker';

export interface WatchedRun {
  /** The report, with each node left out marked on it. */
  readonly report: RunReport;
  /** The nodes left out, and why. */
  readonly excluded: Readonly<Record<string, string>>;
  readonly timeouts: readonly ScriptTimeout[];
}

/**
 * Runs the graph without the nodes in `notRun` and what depends on them. A script that misses its
 * deadline costs its worker: as in the editor, the graph runs again in a fresh worker from
 * `restart` without it, and so on until a run completes, at most one more run per script.
 */
export async function runWatched(
  graph: Graph,
  validation: Validation,
  options: { readonly mode: ExecutionMode; readonly previewLimit: number; readonly outputs?: readonly string[] },
  notRun: Readonly<Record<string, string>>,
  runtime: CliRuntime,
  restart: () => CliRuntime,
): Promise<WatchedRun> {
  const timeouts: ScriptTimeout[] = [];
  for (;;) {
    const failed = Object.fromEntries(timeouts.map((t) => [t.nodeId, `timed out after ${t.timedOutAfter} ms`]));
    const excluded = withDependentsSkipped(validation, { ...notRun, ...failed });
    const mark = (report: RunReport) => markLeftOut(report, excluded, new Set(Object.keys(failed)));
    const outputs = outputsLeft(validation, excluded, options.outputs);
    if (outputs?.length === 0) return { report: mark(emptyRun(options.mode, validation)), excluded, timeouts };
    const result = await runtime.run(graph, {
      mode: options.mode,
      previewLimit: options.previewLimit,
      ...(outputs && { outputs: [...outputs] }),
    });
    if (!('timedOutAfter' in result)) return { report: mark(result), excluded, timeouts };
    timeouts.push(result);
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
  excluded: Readonly<Record<string, string>>,
  runMs: number,
): number | null {
  const scripts = [...validation.nodes.values()].filter((n) => n.op.kind === 'script' && !(n.node.id in excluded));
  if (!scripts.length) return null;
  const scriptMs = scripts.reduce((sum, n) => sum + (n.attrs['timeout_ms'] as number), 0);
  return Math.ceil(2 * scriptMs + 4 * runMs + GRACE_MS);
}
