import type { Graph } from '../graph/types';
import { validateGraph, type Validation } from '../graph/validate';
import { registry } from '../ops/registry';
import type { BackendName } from '../runtime/backend';
import type { ExecutionMode } from '../runtime/execution';
import type { PassName } from '../runtime/plan';
import type { GradientReport, RunReport } from '../runtime/reports';
import { chooseRuntime } from './choose-runtime';
import type { CliRuntime } from './cli-runtime';
import { NOT_TRUSTED, nodeIdOf, scriptNodeIds } from './left-out';
import { printRun } from './print-run';
import { readGraphFile } from './read-graph-file';
import { gradientsDeadline, runWatched } from './run-watched';
import type { ScriptProcesses } from './script-processes';
import { shownMessage } from './terminal-text';

export interface RunFileOptions {
  readonly mode: ExecutionMode;
  readonly backend: BackendName;
  readonly limit: number;
  readonly outputs: readonly string[] | undefined;
  readonly gradients: string | undefined;
  /** The budget of one tensor; null: the backend's default. */
  readonly maxBytes: number | null;
  readonly plan: boolean;
  readonly json: boolean;
  /** Graph mode's optimizer passes; undefined: as the file's settings say, else all. */
  readonly passes: readonly PassName[] | undefined;
}

/**
 * Where the file's scripts may run: in sandboxed processes (--trust), nowhere because they cannot
 * be fenced in here (--trust, with the reason), or nowhere because the file is not trusted.
 */
export type ScriptPlace =
  { readonly processes: ScriptProcesses } | { readonly refused: string } | { readonly untrusted: true };

/**
 * `tensorloom run`: loads the file, runs it (in a watched, sandboxed process when it has scripts
 * to run) and prints; the exit status.
 */
export async function runFile(file: string, opts: RunFileOptions, place: ScriptPlace): Promise<number> {
  const processes = 'processes' in place ? place.processes : null;
  let runtime: CliRuntime | null = null;
  try {
    const loaded = await readGraphFile(file);
    if (!loaded) return 1;
    const { graph } = loaded;
    const validation = validateGraph(graph, registry);
    const scripts = scriptNodeIds(validation);
    const notRunWhy = 'refused' in place ? `not run: ${place.refused}` : 'untrusted' in place ? NOT_TRUSTED : null;
    const notRun = new Map(notRunWhy === null ? [] : scripts.map((id) => [id, notRunWhy]));
    // Graph mode returns what the file's settings name, as the editor does.
    const named =
      opts.mode === 'graph' ? loaded.settings?.outputs?.filter((id) => validation.nodes.has(id)) : undefined;
    const returned = named?.length ? named : undefined;
    runtime = await chooseRuntime(scripts.length > 0, processes, opts.backend, opts.maxBytes);

    const run = await runWatched(
      graph,
      validation,
      {
        mode: opts.mode,
        previewLimit: opts.limit,
        ...((opts.outputs ?? returned) && { outputs: opts.outputs ?? returned }),
        ...((opts.passes ?? loaded.settings?.passes) && { passes: opts.passes ?? loaded.settings!.passes }),
        ...(opts.maxBytes !== null && { maxBytes: opts.maxBytes }),
      },
      notRun,
      runtime,
      () => (runtime = processes!.take()),
    );
    const gradients = opts.gradients
      ? await gradientsOf(graph, validation, opts, run.report, run.excluded, runtime)
      : null;
    const notRunScripts = { ids: [...notRun.keys()], why: 'refused' in place ? place.refused : null };
    printRun({ file, graph, migratedFrom: loaded.migratedFrom, ...run, gradients, notRunScripts }, opts);
    return run.report.ok && (!gradients || gradients.ok) ? 0 : 1;
  } catch (e) {
    console.error(`error: ${shownMessage((e as Error).message)}`);
    return 1;
  } finally {
    await runtime?.stop();
    await processes?.stop();
  }
}

/** Gradients of the target, when the run had no error and the target is among the nodes that ran. */
async function gradientsOf(
  graph: Graph,
  validation: Validation,
  opts: RunFileOptions,
  report: RunReport,
  excluded: ReadonlyMap<string, string>,
  runtime: CliRuntime,
): Promise<GradientReport | null> {
  if (report.plan === null || report.error !== null) return null;
  const target = nodeIdOf(validation, opts.gradients!);
  const reason = target === undefined ? undefined : excluded.get(target);
  if (reason !== undefined) return gradientsFailed(`${target}: ${reason}`);
  const deadline = gradientsDeadline(validation, excluded, report.totalMs);
  const result = await runtime.gradients(graph, opts.gradients!, opts.limit, deadline);
  return 'timedOutAfter' in result
    ? gradientsFailed(`stopped after ${result.timedOutAfter} ms: a script they run did not finish`)
    : result;
}

function gradientsFailed(error: string): GradientReport {
  return { ok: false, target: null, diagnostics: [], error, nodes: {}, variables: [] };
}
