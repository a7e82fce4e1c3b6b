import type { Graph } from '../graph/types';
import type { GradientReport, RunReport } from '../runtime/reports';
import type { ScriptStop } from './cli-runtime';
import { formatDiagnostics, formatLeftOut, formatReport, formatSummary } from './format';
import { reportJson } from './report-json';
import { shown, shownList, shownMessage } from './terminal-text';

export interface PrintedRun {
  readonly file: string;
  readonly graph: Graph;
  readonly migratedFrom: number | null;
  /** The report, with the nodes left out marked on it. */
  readonly report: RunReport;
  readonly excluded: ReadonlyMap<string, string>;
  readonly stops: readonly ScriptStop[];
  readonly gradients: GradientReport | null;
  /** The script nodes not run: for want of --trust (`why` null), or because they cannot run safely here. */
  readonly notRunScripts: { readonly ids: readonly string[]; readonly why: string | null };
}

/**
 * Results to stdout (as text or JSON), problems to stderr. Everything that comes from the file
 * (ids, names, messages that quote them) is printed as data: escaped and bounded (terminal-text).
 */
export function printRun(run: PrintedRun, { json, plan }: { json: boolean; plan: boolean }): void {
  const { file, graph, report, gradients } = run;
  if (json) {
    const { migratedFrom } = run;
    console.log(reportJson({ file, name: graph.name ?? null, migratedFrom, run: report, gradients }));
  } else {
    const leftOut = new Set(run.excluded.keys());
    if (report.diagnostics.length) console.error(formatDiagnostics(report.diagnostics));
    if (graph.name && (report.plan !== null || leftOut.size)) console.log(`${shown(graph.name)}\n`);
    if (report.plan !== null) {
      if (plan)
        console.log(
          `${report.plan
            .split('\n')
            .map((line) => shownMessage(line))
            .join('\n')}\n`,
        );
      console.log(formatReport(report, leftOut));
    } else if (leftOut.size) console.log(formatLeftOut(report, leftOut));
    if (gradients) printGradients(gradients);
  }
  for (const stop of run.stops)
    console.error(
      `error: ${shown(stop.nodeId)} ${stop.reason}; its process was killed and the graph ran again without it`,
    );
  const { ids, why } = run.notRunScripts;
  if (ids.length && why === null)
    console.error(
      `error: ${file} is not trusted, so its script nodes were not run: ${shownList(ids)}. Pass --trust to run them.`,
    );
  else if (ids.length) console.error(`error: ${file}: its script nodes were not run: ${shownList(ids)}: ${why}.`);
}

function printGradients(gradients: GradientReport): void {
  if (!gradients.ok) {
    console.error(
      `error: gradients: ${gradients.error === null ? formatDiagnostics(gradients.diagnostics) : shownMessage(gradients.error)}`,
    );
    return;
  }
  const target = gradients.target!;
  console.log(`\ngradients of ${shown(target.node)}.${shown(target.port)}:`);
  for (const [node, ports] of Object.entries(gradients.nodes))
    for (const [port, g] of Object.entries(ports))
      console.log(
        `  d/d ${shown(node)}.${shown(port)}  ${'summary' in g ? formatSummary(g.summary) : `none: ${shownMessage(g.none)}`}`,
      );
}
