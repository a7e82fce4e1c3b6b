import type { Graph } from '../graph/types';
import { validateGraph, type Validation } from '../graph/validate';
import { registry } from '../ops/registry';
import type { BackendName } from '../runtime/backend';
import type { ExecutionMode } from '../runtime/execution';
import type { GradientReport, RunReport } from '../runtime/reports';
import { NOT_TRUSTED, nodeIdOf, scriptNodeIds } from './left-out';
import { printRun } from './print-run';
import { readGraphFile } from './read-graph-file';
import { gradientsDeadline, runWatched } from './run-watched';
import { InProcessRuntime } from './in-process-runtime';
import { RuntimeWorker, type CliRuntime } from './runtime-worker';

export interface RunFileOptions {
  readonly mode: ExecutionMode;
  readonly backend: BackendName;
  readonly limit: number;
  readonly outputs: readonly string[] | undefined;
  readonly gradients: string | undefined;
  readonly trust: boolean;
  readonly plan: boolean;
  readonly json: boolean;
}

/**
 * `tensorloom run`: loads the file, runs it (in a watched worker when it has scripts to run: in
 * `started` if one was started already) and prints; the exit status.
 */
export async function runFile(file: string, opts: RunFileOptions, started: RuntimeWorker | null): Promise<number> {
  let runtime: CliRuntime | null = started;
  try {
    const loaded = await readGraphFile(file);
    if (!loaded) return 1;
    const { graph } = loaded;
    const validation = validateGraph(graph, registry);
    const scripts = scriptNodeIds(validation);
    const untrusted = opts.trust ? [] : scripts;
    if (scripts.length > untrusted.length) runtime = started ?? new RuntimeWorker(opts.backend);
    else {
      await started?.stop();
      runtime = new InProcessRuntime(opts.backend);
    }

    const run = await runWatched(
      graph,
      validation,
      { mode: opts.mode, previewLimit: opts.limit, ...(opts.outputs && { outputs: opts.outputs }) },
      Object.fromEntries(untrusted.map((id) => [id, NOT_TRUSTED])),
      runtime,
      () => (runtime = new RuntimeWorker(opts.backend)),
    );
    const gradients = opts.gradients
      ? await gradientsOf(graph, validation, opts, run.report, run.excluded, runtime)
      : null;
    printRun({ file, graph, migratedFrom: loaded.migratedFrom, ...run, gradients, untrusted }, opts);
    return run.report.ok && (!gradients || gradients.ok) ? 0 : 1;
  } catch (e) {
    console.error(`error: ${(e as Error).message}`);
    return 1;
  } finally {
    await runtime?.stop();
  }
}

/** Gradients of the target, when the run had no error and the target is among the nodes that ran. */
async function gradientsOf(
  graph: Graph,
  validation: Validation,
  opts: RunFileOptions,
  report: RunReport,
  excluded: Readonly<Record<string, string>>,
  runtime: CliRuntime,
): Promise<GradientReport | null> {
  if (report.plan === null || report.error !== null) return null;
  const target = nodeIdOf(validation, opts.gradients!);
  if (target !== undefined && target in excluded) return gradientsFailed(`${target}: ${excluded[target]}`);
  const deadline = gradientsDeadline(validation, excluded, report.totalMs);
  const result = await runtime.gradients(graph, opts.gradients!, opts.limit, deadline);
  return 'timedOutAfter' in result
    ? gradientsFailed(`stopped after ${result.timedOutAfter} ms: a script they run did not finish`)
    : result;
}

function gradientsFailed(error: string): GradientReport {
  return { ok: false, target: null, diagnostics: [], error, nodes: {}, variables: [] };
}
