import type { Validation } from '../graph/validate';
import type { ExecutionMode } from '../runtime/execution';
import { notRunReport, type RunReport } from '../runtime/reports';

export const NOT_TRUSTED = 'not run: this file is not trusted; pass --trust to run its scripts';

/** The script nodes: code from the file, which runs only with --trust. */
export function scriptNodeIds(validation: Validation): string[] {
  return [...validation.nodes.values()].filter((n) => n.op.kind === 'script').map((n) => n.node.id);
}

/** A node named on the command line: its id, else the first node listed with that name (as in compile). */
export function nodeIdOf(validation: Validation, idOrName: string): string | undefined {
  if (validation.nodes.has(idOrName)) return idOrName;
  return [...validation.nodes.values()].find((n) => n.node.name === idOrName)?.node.id;
}

/**
 * What to compute once some nodes are left out: the requested outputs that may run, or by default
 * the nodes that may run and no other such node reads. With nothing left out, the request as it is
 * (undefined: the session's own default).
 */
export function outputsLeft(
  validation: Validation,
  excluded: ReadonlyMap<string, string>,
  requested: readonly string[] | undefined,
): readonly string[] | undefined {
  if (!excluded.size) return requested;
  if (requested)
    return requested.filter((w) => {
      // A name that matches no node stays, for the session to report.
      const id = nodeIdOf(validation, w);
      return id === undefined || !excluded.has(id);
    });
  const kept = validation.order.filter((id) => validation.nodes.has(id) && !excluded.has(id));
  const read = new Set(kept.flatMap((id) => validation.nodes.get(id)!.inputRefs.map((r) => r.node)));
  return kept.filter((id) => !read.has(id));
}

/**
 * The report with each node left out on it, as `failed` (a script stopped at its deadline, or that
 * ended its process) or `skipped` (not trusted, or downstream of a node left out), with the
 * reason; such a run is not ok.
 */
export function markLeftOut(
  report: RunReport,
  excluded: ReadonlyMap<string, string>,
  failed: ReadonlySet<string>,
): RunReport {
  if (!excluded.size) return report;
  return {
    ...report,
    ok: false,
    nodes: report.nodes.map((n) => {
      const reason = excluded.get(n.nodeId);
      if (reason === undefined) return n;
      return { ...n, status: failed.has(n.nodeId) ? 'error' : 'skipped', ms: null, error: reason, outputs: {} };
    }),
  };
}

/** The report of a run that had nothing left to compute, for `markLeftOut` to fill in. */
export function emptyRun(mode: ExecutionMode, validation: Validation): RunReport {
  return notRunReport(mode, validation, validation.diagnostics, {
    backend: null,
    traceCount: 0,
    tensorsAlive: 0,
    bytesAlive: 0,
  });
}
