import type { Graph } from '../graph/types';
import type { GradientReport, RunReport } from '../runtime/reports';
import { formatDiagnostics, formatLeftOut, formatReport, formatSummary } from './format';
import { reportJson } from './report-json';
import type { ScriptTimeout } from './runtime-worker';

export interface PrintedRun {
  readonly file: string;
  readonly graph: Graph;
  readonly migratedFrom: number | null;
  /** The report, with the nodes left out marked on it. */
  readonly report: RunReport;
  readonly excluded: Readonly<Record<string, string>>;
  readonly timeouts: readonly ScriptTimeout[];
  readonly gradients: GradientReport | null;
  /** The script nodes not run for want of --trust. */
  readonly untrusted: readonly string[];
}

/** Results to stdout (as text or JSON), problems to stderr. */
export function printRun(run: PrintedRun, { json, plan }: { json: boolean; plan: boolean }): void {
  const { file, graph, report, gradients } = run;
  if (json) {
    const { migratedFrom } = run;
    console.log(reportJson({ file, name: graph.name ?? null, migratedFrom, run: report, gradients }));
  } else {
    const leftOut = new Set(Object.keys(run.excluded));
    if (report.diagnostics.length) console.error(formatDiagnostics(report.diagnostics));
    if (graph.name && (report.plan !== null || leftOut.size)) console.log(`${graph.name}\n`);
    if (report.plan !== null) {
      if (plan) console.log(`${report.plan}\n`);
      console.log(formatReport(report, leftOut));
    } else if (leftOut.size) console.log(formatLeftOut(report, leftOut));
    if (gradients) printGradients(gradients);
  }
  for (const t of run.timeouts)
    console.error(
      `error: ${t.nodeId} timed out after ${t.timedOutAfter} ms; its worker was stopped and the other nodes ran without it`,
    );
  if (run.untrusted.length)
    console.error(
      `error: ${file} is not trusted, so its script nodes were not run: ${run.untrusted.join(', ')}. Pass --trust to run them.`,
    );
}

function printGradients(gradients: GradientReport): void {
  if (!gradients.ok) {
    console.error(`error: gradients: ${gradients.error ?? formatDiagnostics(gradients.diagnostics)}`);
    return;
  }
  console.log(`\ngradients of ${gradients.target!.node}.${gradients.target!.port}:`);
  for (const [node, ports] of Object.entries(gradients.nodes))
    for (const [port, g] of Object.entries(ports))
      console.log(`  d/d ${node}.${port}  ${'summary' in g ? formatSummary(g.summary) : `none: ${g.none}`}`);
}
