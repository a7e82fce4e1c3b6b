/**
 * Replays TensorFlow's fixture cases through Tensorloom's runtime (a Session, in eager and graph
 * mode, and its gradients), returning every disagreement as text. Shared by the Node suite and the
 * WebGPU suite in Chromium, so it asserts nothing itself.
 */
import type { AttrValue, DType, Graph, GraphEdge, GraphNode, TensorLiteral } from '../../src/graph/types';
import type { TF } from '../../src/ops/define-op';
import { registry } from '../../src/ops/registry';
import { Session } from '../../src/runtime/session';
import type { RunReport } from '../../src/runtime/reports';
import { caseAttrs, decodeValue, literal, type Distribution, type TensorJson, type TfCase } from './fixture';

const OP = 'op';
const LOSS = 'loss';

interface Built {
  graph: Graph;
  /** The placeholder feeding each input: port → node id (a list for a variadic port). */
  feeds: Map<string, string | string[]>;
}

/**
 * How the case's attributes reach the op: as attributes, or (for those TensorFlow takes as input
 * tensors, like Reshape's `shape`) from a Const known to validation or a Placeholder known only
 * when running.
 */
export type Supply = 'attrs' | 'Const' | 'Placeholder';

/** Placeholders holding the case's inputs, wired into one node of the op. */
export function caseGraph(op: string, c: TfCase, supply: Supply = 'attrs'): Built {
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const feeds = new Map<string, string | string[]>();
  const feed = (id: string, value: TensorLiteral, targetPort: string, kind = 'Placeholder') => {
    nodes.push({ id, op: kind, attrs: { value } });
    edges.push({ id: `e_${id}`, source: id, sourcePort: 'output', target: OP, targetPort });
  };
  for (const [port, value] of Object.entries(c.inputs)) {
    if (Array.isArray(value)) {
      const ids = value.map((_, k) => `in_${port}_${k}`);
      value.forEach((t: TensorJson, k) => feed(ids[k]!, literal(t), `${port}:${k}`));
      feeds.set(port, ids);
    } else {
      feed(`in_${port}`, literal(value as TensorJson), port);
      feeds.set(port, `in_${port}`);
    }
  }
  const attrs = caseAttrs(c);
  if (supply !== 'attrs')
    for (const [port, { attr, value }] of suppliedTensors(op, attrs)) {
      feed(`at_${port}`, value, port, supply);
      delete attrs[attr];
    }
  nodes.push({ id: OP, op, attrs });
  return { graph: { nodes, edges }, feeds };
}

/** The case's attributes that an input of the op can supply, as the tensors TensorFlow would pass. */
export function suppliedTensors(
  op: string,
  attrs: Readonly<Record<string, AttrValue>>,
): Map<string, { attr: string; value: TensorLiteral }> {
  const out = new Map<string, { attr: string; value: TensorLiteral }>();
  for (const [name, spec] of Object.entries(registry.get(op)!.attrs)) {
    const value = attrs[name];
    if (!spec.port || value === undefined || value === null) continue;
    // A value tensor has the dtype the op takes it in: Fill's `dtype`, Range's `Tidx`.
    const dtype =
      spec.kind === 'ints' || spec.kind === 'int' ? 'int32' : ((attrs['dtype'] ?? attrs['Tidx'] ?? 'float32') as DType);
    const values = Array.isArray(value) ? [...(value as number[])] : [Number(value)];
    // A matrix (Pad's paddings) comes as one, [rows, columns].
    const columns = spec.kind === 'ints' ? spec.columns : undefined;
    const shape = !Array.isArray(value) ? [] : columns ? [values.length / columns, columns] : [values.length];
    out.set(spec.port, { attr: name, value: { dtype, shape, values } });
  }
  return out;
}

/** The case's graph with `loss = Σ_port Σ weights_port · output_port`, TensorFlow's gradient target. */
function lossGraph(built: Built, weights: Readonly<Record<string, TensorJson>>): Graph {
  const nodes = [...built.graph.nodes];
  const edges = [...built.graph.edges];
  const edge = (source: string, sourcePort: string, target: string, targetPort: string) =>
    edges.push({ id: `e${edges.length}_${target}`, source, sourcePort, target, targetPort });
  Object.entries(weights).forEach(([port, w], k) => {
    nodes.push({ id: `w_${port}`, op: 'Const', attrs: { value: literal(w) } });
    nodes.push({ id: `m_${port}`, op: 'Mul', attrs: {} });
    nodes.push({ id: `s_${port}`, op: 'Sum', attrs: {} });
    edge(OP, port, `m_${port}`, 'x');
    edge(`w_${port}`, 'output', `m_${port}`, 'y');
    edge(`m_${port}`, 'z', `s_${port}`, 'input');
    edge(`s_${port}`, 'output', LOSS, `inputs:${k}`);
  });
  nodes.push({ id: LOSS, op: 'AddN', attrs: {} });
  return { nodes, edges };
}

interface Values {
  dtype: string;
  shape: readonly number[];
  values: ArrayLike<number>;
}

const ALL = Number.MAX_SAFE_INTEGER;

/**
 * |actual − expected| ≤ atol + rtol · |expected| (integers: ≤ atol), and the sign of a zero,
 * unless `signedZeros` is off; at most a share `differing` of the values other than expected.
 */
export interface Tolerance {
  readonly rtol: number;
  readonly atol: number;
  readonly signedZeros: boolean;
  readonly differing?: number;
}
export const FLOAT32_TOLERANCE: Tolerance = { rtol: 1e-5, atol: 1e-6, signedZeros: true };
/**
 * WGSL's precision: sin and cos may be off by 2⁻¹¹ absolute, exp, log and the ops built on them
 * by a few ULP, and an implementation may ignore the sign of a zero.
 */
export const WEBGPU_TOLERANCE: Tolerance = { rtol: 2 ** -11, atol: 2 ** -11, signedZeros: false };

function same(a: number, e: number, dtype: string, tol: Tolerance): boolean {
  if (Number.isNaN(e)) return Number.isNaN(a);
  if (e === 0 && a === 0) return !tol.signedZeros || dtype !== 'float32' || Object.is(a, e);
  if (!Number.isFinite(e)) return a === e;
  if (dtype !== 'float32') return Math.abs(a - e) <= tol.atol;
  return Math.abs(a - e) <= tol.atol + tol.rtol * Math.abs(e);
}

const show = (v: number) => (Object.is(v, -0) ? '-0' : String(v));

/** Problems with `actual` against TensorFlow's `expected`: dtype, shape, then up to three values. */
export function compareTensor(label: string, actual: Values, expected: TensorJson, tol: Tolerance): string[] {
  if (actual.dtype !== expected.dtype) return [`${label}: dtype ${actual.dtype}, TensorFlow ${expected.dtype}`];
  if (actual.shape.join() !== expected.shape.join())
    return [`${label}: shape [${actual.shape.join(', ')}], TensorFlow [${expected.shape.join(', ')}]`];
  if (actual.values.length !== expected.values.length)
    return [`${label}: ${actual.values.length} values for shape [${expected.shape.join(', ')}]`];
  const problems: string[] = [];
  let wrong = 0;
  let differing = 0;
  for (let i = 0; i < expected.values.length; i++) {
    const e = decodeValue(expected.values[i]!);
    const a = actual.values[i]!;
    if (!Object.is(a, expected.dtype === 'float32' ? Math.fround(e) : e)) differing++;
    if (same(a, e, expected.dtype, tol)) continue;
    if (++wrong <= 3) problems.push(`${label}[${i}]: ${show(a)}, TensorFlow ${show(e)}`);
  }
  if (wrong > 3) problems.push(`${label}: ${wrong} of ${expected.values.length} values differ`);
  if (tol.differing !== undefined && differing > tol.differing * expected.values.length)
    problems.push(
      `${label}: ${differing} of ${expected.values.length} values differ, over the ${tol.differing} allowed`,
    );
  return problems;
}

/** A sample against TensorFlow's: same shape and dtype, the bounds, and moments within sampling error. */
function compareDistribution(label: string, actual: Values, expected: Distribution, bounds?: [number, number]) {
  if (actual.dtype !== expected.dtype) return [`${label}: dtype ${actual.dtype}, TensorFlow ${expected.dtype}`];
  if (actual.shape.join() !== expected.shape.join())
    return [`${label}: shape [${actual.shape.join(', ')}], TensorFlow [${expected.shape.join(', ')}]`];
  const n = actual.values.length;
  if (n === 0) return [];
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = actual.values[i]!;
    sum += v;
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  const mean = sum / n;
  let sq = 0;
  for (let i = 0; i < n; i++) sq += (actual.values[i]! - mean) ** 2;
  const std = Math.sqrt(sq / n);
  const problems: string[] = [];
  // Two independent samples: their means differ by about σ·√(2/n); six of those is a failure.
  const spread = expected.std! * Math.sqrt(2 / n) * 6;
  if (Math.abs(mean - expected.mean!) > spread)
    problems.push(`${label}: mean ${mean}, TensorFlow ${expected.mean} (± ${spread})`);
  if (Math.abs(std - expected.std!) > spread)
    problems.push(`${label}: std ${std}, TensorFlow ${expected.std} (± ${spread})`);
  if (bounds && (min < bounds[0] || max >= bounds[1]))
    problems.push(`${label}: values in [${min}, ${max}], outside [${bounds[0]}, ${bounds[1]})`);
  return problems;
}

/** The distributions random ops draw from, as TensorFlow documents them. */
const BOUNDS: Readonly<Record<string, [number, number]>> = { RandomUniform: [0, 1] };

function nodeError(report: RunReport): string | null {
  const diagnostic = report.diagnostics.find((d) => d.nodeId === OP);
  if (diagnostic) return diagnostic.message;
  return report.error?.nodeId === OP ? report.error.message : null;
}

async function outputValues(session: Session, report: RunReport, port: string): Promise<Values | null> {
  const summary = report.nodes.find((n) => n.nodeId === OP)?.outputs[port];
  const page = await session.page(OP, port, { limit: ALL });
  return summary && page ? { dtype: summary.dtype, shape: summary.shape, values: page.values } : null;
}

export interface ReplayOptions {
  readonly tolerance?: Tolerance;
  readonly modes?: readonly ('eager' | 'graph')[];
  readonly gradients?: boolean;
}

/** Every way Tensorloom's answer to one case differs from TensorFlow's; empty when they agree. */
export async function replayCase(tf: TF, op: string, c: TfCase, options: ReplayOptions = {}): Promise<string[]> {
  const given = options.tolerance ?? FLOAT32_TOLERANCE;
  // An op that leaves the sign of tied zeros open says so; its zeros compare by value.
  const tied = registry.get(op)!.eitherZeroOnTies ? { ...given, signedZeros: false } : given;
  const tol = c.tolerance ? { ...tied, atol: c.tolerance.atol, differing: c.tolerance.differing } : tied;
  const built = caseGraph(op, c);
  const runs: { label: string; mode: 'eager' | 'graph'; graph: Graph }[] = (options.modes ?? ['eager', 'graph']).map(
    (mode) => ({ label: mode, mode, graph: built.graph }),
  );
  // Attributes TensorFlow takes as tensors also come through the op's inputs: from a Const in
  // eager mode, from a Placeholder (known only when running) in graph mode.
  if (suppliedTensors(op, caseAttrs(c)).size)
    runs.push(
      { label: 'eager, attributes from a Const', mode: 'eager', graph: caseGraph(op, c, 'Const').graph },
      { label: 'graph, attributes from a Placeholder', mode: 'graph', graph: caseGraph(op, c, 'Placeholder').graph },
    );
  const problems: string[] = [];
  const session = new Session(tf);
  try {
    for (const { label: mode, mode: runMode, graph } of runs) {
      const report = await session.run(graph, { mode: runMode, previewLimit: 0 });
      const error = nodeError(report);
      if (c.error !== undefined) {
        if (error === null) problems.push(`${mode}: no error, TensorFlow raises "${c.error}"`);
        continue;
      }
      if (error !== null) {
        problems.push(`${mode}: error "${error}"`);
        continue;
      }
      for (const [port, expected] of Object.entries(c.outputs ?? c.distribution ?? {})) {
        const actual = await outputValues(session, report, port);
        if (!actual) problems.push(`${mode}: no value for ${port}`);
        else if (c.distribution)
          problems.push(...compareDistribution(`${mode} ${port}`, actual, expected as Distribution, BOUNDS[op]));
        else problems.push(...compareTensor(`${mode} ${port}`, actual, expected as TensorJson, tol));
      }
    }
    if (c.gradient && options.gradients !== false) problems.push(...(await replayGradient(session, built, c, tol)));
  } finally {
    session.dispose();
  }
  return problems;
}

async function replayGradient(session: Session, built: Built, c: TfCase, tol: Tolerance): Promise<string[]> {
  const gradient = c.gradient!;
  const report = await session.computeGradients(lossGraph(built, gradient.weights), LOSS);
  // The sign of a zero gradient depends on how each framework arranges its formulas, and nothing
  // downstream of a gradient can tell: gradients compare zeros by value.
  const gradientTol = { ...tol, signedZeros: false };
  if (gradient.error !== undefined)
    return report.ok ? [`gradient: none raised, TensorFlow raises "${gradient.error}"`] : [];
  if (!report.ok) return [`gradient: ${report.error ?? report.diagnostics.map((d) => d.message).join('; ')}`];
  const problems: string[] = [];
  for (const [port, expected] of Object.entries(gradient.inputs ?? {})) {
    const ids = built.feeds.get(port)!;
    const pairs = Array.isArray(ids)
      ? ids.map((id, k) => [id, (expected as readonly (TensorJson | null)[])[k]!] as const)
      : [[ids as string, expected as TensorJson | null] as const];
    for (const [id, want] of pairs) {
      const label = `gradient d/d${id.slice(3)}`;
      const got = report.nodes[id]?.['output'];
      if (!got) problems.push(`${label}: missing from the report`);
      else if ('none' in got) {
        if (want && want.values.some((v) => decodeValue(v) !== 0))
          problems.push(`${label}: none (${got.none}), TensorFlow has one`);
      } else {
        const page = await session.page(id, 'output', { limit: ALL, gradient: true });
        const values = { dtype: got.summary.dtype, shape: got.summary.shape, values: page!.values };
        if (want) problems.push(...compareTensor(label, values, want, gradientTol));
        else if (Array.from(page!.values).some((v) => v !== 0)) problems.push(`${label}: nonzero, TensorFlow has none`);
      }
    }
  }
  return problems;
}
