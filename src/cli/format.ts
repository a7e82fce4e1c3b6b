import { formatDiagnostic, type Diagnostic } from '../graph/diagnostics';
import type { NodeReport, RunReport } from '../runtime/reports';
import type { TensorSummary } from '../runtime/summary';
import { shown, shownMessage } from './terminal-text';

export function formatNumber(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (Object.is(v, -0)) return '-0';
  return String(Number(v.toPrecision(7)));
}

/** Values as nested brackets by shape, or a flat list ending in … when only a preview is known. */
export function formatValues(summary: TensorSummary): string {
  const values = summary.values.map(formatNumber);
  if (summary.truncated) return `[${values.join(', ')}, …] (${summary.size} values)`;
  if (summary.shape.length === 0) return values[0] ?? '';
  let i = 0;
  const nest = (dims: readonly number[]): string =>
    dims.length === 1
      ? `[${values.slice(i, (i += dims[0]!)).join(', ')}]`
      : `[${Array.from({ length: dims[0]! }, () => nest(dims.slice(1))).join(', ')}]`;
  return nest(summary.shape);
}

export function formatSummary(summary: TensorSummary): string {
  const type = `${summary.dtype}[${summary.shape.join(', ')}]`;
  const stats =
    summary.size > 1 && summary.min !== null
      ? `  min ${formatNumber(summary.min)}  max ${formatNumber(summary.max!)}  mean ${formatNumber(summary.mean!)}  std ${formatNumber(summary.std!)}`
      : '';
  const bad = [summary.nanCount && `${summary.nanCount} NaN`, summary.infCount && `${summary.infCount} Inf`]
    .filter(Boolean)
    .join(', ');
  return `${type}  ${formatValues(summary)}${stats}${bad ? `  (${bad})` : ''}`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
}

/**
 * `leftOut`: the nodes the run was not allowed to run, listed with why. Everything from the file
 * (ids, names, messages that quote them) is printed as data: escaped and bounded (terminal-text).
 */
export function formatReport(report: RunReport, leftOut: ReadonlySet<string> = new Set()): string {
  const lines: string[] = [];
  for (const out of report.outputs) lines.push(`${shown(out.node)}.${shown(out.port)}  ${formatSummary(out.summary)}`);
  if (report.mode === 'eager') {
    lines.push('', 'per node:');
    for (const n of report.nodes) lines.push(`  ${nodeLine(n)}`);
  }
  if (leftOut.size) lines.push('', formatLeftOut(report, leftOut));
  if (report.error) lines.push('', `error in ${shown(report.error.nodeId)}: ${shownMessage(report.error.message)}`);
  const backend = report.backend ? `${report.backend.name} (${report.backend.reason})` : 'unknown backend';
  lines.push(
    '',
    `${report.mode} mode on ${backend}: ${report.totalMs.toFixed(2)} ms, ${report.stepsRun}/${report.stepsTotal} steps, ` +
      `peak ${report.peakTensors} tensors (${formatBytes(report.peakBytes)}), ${report.traceCount} trace${report.traceCount === 1 ? '' : 's'}`,
  );
  return lines.join('\n');
}

export function formatLeftOut(report: RunReport, leftOut: ReadonlySet<string>): string {
  return ['not run:', ...report.nodes.filter((n) => leftOut.has(n.nodeId)).map((n) => `  ${nodeLine(n)}`)].join('\n');
}

function nodeLine(n: NodeReport): string {
  const time = n.ms === null ? '' : `${n.ms.toFixed(3)} ms`;
  const error = n.error ? `  ${shownMessage(n.error)}` : '';
  return `${shown(n.nodeId).padEnd(16)} ${shown(n.op).padEnd(14)} ${n.status.padEnd(8)} ${time}${error}`;
}

export function formatDiagnostics(diagnostics: readonly Diagnostic[]): string {
  return diagnostics.map((d) => `error: ${shownMessage(formatDiagnostic(d))}`).join('\n');
}
