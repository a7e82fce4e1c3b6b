import * as tf from '@tensorflow/tfjs';
import type { DiagnosticKind } from '../../src/graph/diagnostics';
import type { Graph, PortRef } from '../../src/graph/types';
import { validateGraph, type Validation } from '../../src/graph/validate';
import { parseGraphFile, type GraphImport } from '../../src/io/graph-file';
import { registry } from '../../src/ops/registry';
import type { RunReport } from '../../src/runtime/reports';
import { Session } from '../../src/runtime/session';
import type { TensorSummary } from '../../src/runtime/summary';
import { prototypeChanges, snapshotObjectPrototype } from '../support/object-prototype';
import { live } from '../support/tf';
import { unreportedName } from './unreported-names';

/** What went wrong in one case; the long run counts them by kind. */
export type FailureKind = 'throw' | 'leak' | 'mismatch' | 'pollution' | 'malformed';
export type Outcome = { readonly kind: 'ok' } | { readonly kind: FailureKind; readonly detail: string };

export const OK: Outcome = { kind: 'ok' };
const IMPORT_ERROR_KINDS = ['json', 'not-a-graph', 'too-new', 'schema'];
/** Every kind, so that the compiler says when one is added. */
const DIAGNOSTIC_KINDS: Record<DiagnosticKind, true> = {
  cycle: true,
  'missing-input': true,
  'unknown-op': true,
  'dtype-mismatch': true,
  'shape-mismatch': true,
  'invalid-attr': true,
  'invalid-edge': true,
  'duplicate-id': true,
  'invalid-target': true,
  'runtime-error': true,
};

/** Eager and graph values agree to this (relative to the value where it exceeds 1); NaN equals NaN. */
export const TOLERANCE = 1e-5;
/** Graphs from files run only when inference bounds every output by this many elements. */
const RUNNABLE_ELEMENTS = 100_000;

/** The import and everything after it: a result or a clear error, never an exception or a polluted prototype. */
export async function checkFileText(text: string): Promise<Outcome> {
  return guarded(async () => {
    const imported = parseGraphFile(text);
    const malformed = importProblem(imported);
    if (malformed) return { kind: 'malformed', detail: malformed };
    return imported.ok ? checkGraph(imported.graph) : OK;
  });
}

/**
 * Validation never throws, says what it found in well-formed diagnostics and reports every name
 * that is no port or attribute of its op (see unreportedName). A graph whose outputs inference
 * bounds, with no scripts (whose mutated bodies may never end), also runs in graph mode without
 * throwing or leaking.
 */
export async function checkGraph(graph: Graph): Promise<Outcome> {
  return guarded(async () => {
    const validation = validateGraph(graph, registry);
    const malformed = validationProblem(validation) ?? unreportedName(graph, validation);
    if (malformed) return { kind: 'malformed', detail: malformed };
    if (!runnable(graph, validation)) return OK;
    const baseline = live();
    const session = new Session(tf);
    try {
      await session.run(graph, { mode: 'graph' });
    } finally {
      session.dispose();
    }
    return leakOutcome(baseline);
  });
}

/**
 * Both modes give the same outcome, dtypes, shapes and values for every output asked for, and leave
 * no tensor behind; so does the graph with plain names, when given (in a session of its own, so
 * that no value is reused from the other).
 */
export async function checkEagerVsGraph(
  graph: Graph,
  outputs?: readonly PortRef[],
  plain?: PlainTwin,
): Promise<Outcome> {
  return guarded(async () => {
    const baseline = live();
    const options = { outputs, previewLimit: Number.MAX_SAFE_INTEGER };
    const difference = await withSession(async (session) => {
      const eager = await session.run(graph, { ...options, mode: 'eager' });
      const graphMode = await session.run(graph, { ...options, mode: 'graph' });
      const modes = reportDifference(eager, graphMode);
      if (modes || !plain) return modes;
      const plainOptions = { outputs: plain.outputs, previewLimit: Number.MAX_SAFE_INTEGER, mode: 'eager' as const };
      const plainEager = await withSession((other) => other.run(plain.graph, plainOptions));
      const renamed = reportDifference(eager, plainEager, ['named', 'plain'], plain.nameOf);
      return renamed && `renaming nodes and ports changed the run: ${renamed}`;
    });
    if (difference) return { kind: 'mismatch', detail: difference };
    return leakOutcome(baseline);
  });
}

/** The same graph with plain names: its outputs to ask for, and each one's `node.port` in the other. */
export interface PlainTwin {
  readonly graph: Graph;
  readonly outputs?: readonly PortRef[];
  readonly nameOf: ReadonlyMap<string, string>;
}

async function withSession<T>(work: (session: Session) => Promise<T>): Promise<T> {
  const session = new Session(tf);
  try {
    return await work(session);
  } finally {
    session.dispose();
  }
}

/** Runs `work`, turning an exception into a `throw` outcome and a changed Object.prototype into `pollution`. */
async function guarded(work: () => Promise<Outcome>): Promise<Outcome> {
  const before = snapshotObjectPrototype();
  let outcome: Outcome;
  try {
    outcome = await work();
  } catch (error) {
    outcome = { kind: 'throw', detail: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  const changes = prototypeChanges(before);
  return changes.length ? { kind: 'pollution', detail: changes.join('; ') } : outcome;
}

function leakOutcome(baseline: number): Outcome {
  const alive = live();
  return alive === baseline ? OK : { kind: 'leak', detail: `${alive - baseline} tensors alive after dispose()` };
}

function importProblem(result: GraphImport): string | null {
  if (result.ok)
    return Array.isArray(result.graph.nodes) && Array.isArray(result.graph.edges) ? null : 'ok without nodes and edges';
  const { kind, message, issues } = result.error;
  if (!IMPORT_ERROR_KINDS.includes(kind)) return `unknown error kind ${kind}`;
  if (typeof message !== 'string' || !message.trim()) return 'an error without a message';
  if (message.includes('\n')) return `a message of several lines: ${message.slice(0, 200)}`;
  if (!Array.isArray(issues) || !issues.length) return `no issues listed for: ${message.slice(0, 200)}`;
  const bad = issues.find((i) => typeof i.path !== 'string' || typeof i.message !== 'string' || !i.message);
  return bad ? `an issue without a path or message: ${JSON.stringify(bad).slice(0, 200)}` : null;
}

function validationProblem(validation: Validation): string | null {
  const { ok, diagnostics } = validation;
  if (ok !== (diagnostics.length === 0)) return `ok is ${ok} with ${diagnostics.length} diagnostics`;
  const bad = diagnostics.find(
    (d) => !Object.hasOwn(DIAGNOSTIC_KINDS, d.kind) || typeof d.message !== 'string' || !d.message,
  );
  return bad ? `a diagnostic without a kind or message: ${JSON.stringify(bad).slice(0, 200)}` : null;
}

function runnable(graph: Graph, validation: Validation): boolean {
  if (graph.nodes.some((n) => registry.get(n.op)?.kind === 'script')) return false;
  for (const node of validation.nodes.values())
    for (const type of Object.values(node.types ?? {})) {
      if (type.shape === null || type.shape.some((d) => d === null)) return false;
      if ((type.shape as number[]).reduce((a, b) => a * b, 1) > RUNNABLE_ELEMENTS) return false;
    }
  return true;
}

/**
 * Where two runs of one graph differ, or null. `nameOf` gives the first run's name of each of the
 * second's outputs, where the two name them differently.
 */
export function reportDifference(
  a: RunReport,
  b: RunReport,
  [nameA, nameB] = ['eager', 'graph'],
  nameOf: ReadonlyMap<string, string> = new Map(),
): string | null {
  if (a.diagnostics.length || b.diagnostics.length)
    return `a valid graph has diagnostics: ${[...a.diagnostics, ...b.diagnostics].map((d) => d.message).join('; ')}`;
  if (a.ok !== b.ok) {
    const outcome = (r: RunReport) => (r.ok ? 'ran' : `failed (${r.error?.message})`);
    return `${nameA} ${outcome(a)}, ${nameB} ${outcome(b)}`;
  }
  const key = (o: PortRef) => `${o.node}.${o.port}`;
  const outputsOfB = new Map(b.outputs.map((o) => [nameOf.get(key(o)) ?? key(o), o.summary]));
  if (outputsOfB.size !== a.outputs.length)
    return `${nameA} gave ${a.outputs.map(key).join(', ')}; ${nameB} gave ${[...outputsOfB.keys()].join(', ')}`;
  for (const out of a.outputs) {
    const other = outputsOfB.get(key(out));
    const difference = other ? summaryDifference(out.summary, other, [nameA, nameB]) : `missing in ${nameB}`;
    if (difference) return `${key(out)}: ${difference}`;
  }
  return null;
}

function summaryDifference(a: TensorSummary, b: TensorSummary, [nameA, nameB]: string[]): string | null {
  if (a.dtype !== b.dtype) return `dtype ${a.dtype} ${nameA}, ${b.dtype} ${nameB}`;
  if (a.shape.join() !== b.shape.join()) return `shape [${a.shape}] ${nameA}, [${b.shape}] ${nameB}`;
  for (let i = 0; i < a.values.length; i++) {
    const [x, y] = [a.values[i]!, b.values[i]!];
    if (!close(x, y))
      return `value ${i}: ${x} ${nameA}, ${y} ${nameB} (${nameA} [${a.values}], ${nameB} [${b.values}])`;
  }
  return null;
}

function close(a: number, b: number): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b);
  return a === b || Math.abs(a - b) <= TOLERANCE * Math.max(1, Math.abs(a));
}
