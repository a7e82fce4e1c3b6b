import type { Diagnostic } from '../graph/diagnostics';
import type { OpRegistry } from '../graph/registry';
import type { AttrValue, Graph, PortRef } from '../graph/types';
import { validateGraph, type Validation } from '../graph/validate';
import type { AnyOpDef, Tensor, TF } from '../ops/define-op';
import { registry as defaultRegistry } from '../ops/registry';
import { loadTranspiler } from '../ops/script';
import type { BackendChoice } from './backend';
import { prepare, trace, type CompileOptions, type Prepared } from './compile';
import { EagerExecution, type SignatureTable } from './eager-execution';
import type { Execution, ExecutionMode, Feeds } from './execution';
import type { ScriptWatch } from './forward';
import { computeGradients, TargetError, type Gradients } from './gradients';
import type { PassName, Plan } from './plan';
import {
  notRunReport,
  type GradientReport,
  type NodeReport,
  type NodeStatus,
  type PlanView,
  type PortGradient,
  type RunReport,
  type Timeline,
} from './reports';
import { limitWarnings } from './limit-warnings';
import { checkMaxBytes, defaultMaxBytes, DEFAULT_MAX_BYTES } from './memory-budget';
import { profiledRun, type StepProfiler } from './profiler';
import { runGraph } from './run-graph';
import { summarize, type TensorSummary } from './summary';
import { traceNote, type TraceSubject } from './trace-reasons';

export interface RunOptions extends BudgetOptions, Omit<CompileOptions, 'maxBytes'> {
  readonly mode?: ExecutionMode;
  /** Eager mode: stop after this many steps; `step()` goes on from there. */
  readonly stopAfter?: number;
  /** How many values each summary previews. */
  readonly previewLimit?: number;
  /** Eager mode checks this between steps and stops when it turns true (a newer run superseded it). */
  readonly cancelled?: () => boolean;
  /** Told when each script starts and ends, to enforce deadlines from outside. */
  readonly watch?: ScriptWatch;
  /** Record where each node's time goes (kernels, readbacks, uploads, script calls): the report's `timeline`. */
  readonly profile?: boolean;
}

export interface BudgetOptions {
  /**
   * The most bytes one value may take. A node whose output would pass it is refused before it
   * allocates, with the shape and size it would have needed: before the run where inference knows
   * the size, else just before its kernel (and a script's results as they come back). Default:
   * `defaultMaxBytes` of the session's backend.
   */
  readonly maxBytes?: number;
}

export interface GradientOptions extends BudgetOptions {
  /** How many values each summary previews. */
  readonly previewLimit?: number;
}

const PLAN_CACHE_SIZE = 16;
/** Eager mode computes what is asked for, as written. */
const EAGER_PASSES: readonly PassName[] = ['prune'];
/** Past this many distinct node signatures the table starts afresh (and one run reuses nothing). */
const SIGNATURE_LIMIT = 100_000;

/**
 * The runtime's face: graphs and options in, plain reports out. It owns every tensor it makes:
 * the cached plans' constants and the last run's kept values, until the next run or `dispose`.
 */
export class Session {
  traceCount = 0;
  private readonly plans = new Map<string, Plan>();
  private execution: Execution | null = null;
  private executionContext: { validation: Validation; prepared: Prepared; previewLimit: number } | null = null;
  private gradients: Gradients | null = null;
  private gradientPlan: Plan | null = null;
  private signatures: SignatureTable = new Map();
  /** Each cached plan's trace number, and what the last run's plan was traced for: the trace log's reasons. */
  private readonly traceNumbers = new WeakMap<Plan, number>();
  private lastTraced: TraceSubject | null = null;

  constructor(
    readonly tf: TF,
    readonly backend: BackendChoice | null = null,
    readonly registry: OpRegistry<AnyOpDef> = defaultRegistry,
  ) {}

  async run(graph: Graph, options: RunOptions = {}): Promise<RunReport> {
    await loadTranspiler();
    const mode = options.mode ?? 'graph';
    // The previous eager run lends its values to this one; whatever it keeps is freed afterwards.
    let previous = this.execution instanceof EagerExecution ? this.execution : null;
    if (!previous) this.releaseExecution();
    this.execution = null;
    if (this.signatures.size > SIGNATURE_LIMIT) {
      this.signatures = new Map();
      previous?.dispose();
      previous = null;
    }
    try {
      const validation = validateGraph(graph, this.registry);
      // Eager mode runs op by op, as written: the optimizer's passes but pruning are graph mode's.
      const compiled = this.compile(validation, {
        ...options,
        passes: mode === 'graph' ? options.passes : EAGER_PASSES,
        maxBytes: this.maxBytes(options),
      });
      if (!compiled.ok) {
        // Freed first here too: a graph that cannot run (New's empty one) holds nothing of the last.
        previous?.dispose();
        previous = null;
        return this.failedReport(mode, validation, compiled.diagnostics);
      }

      const { plan, prepared, retraced } = compiled;
      const note = traceNote(this.lastTraced, { prepared, mode }, retraced, this.traceNumbers.get(plan)!);
      this.lastTraced = { prepared, mode };
      const feeds = feedsOf(validation, plan);
      // A profiled eager run computes every step, to show what each costs, rather than take values over.
      const execute = (profiler?: StepProfiler) =>
        mode === 'eager'
          ? new EagerExecution(
              this.tf,
              plan,
              feeds,
              { table: this.signatures, previous: profiler ? null : previous },
              options.watch,
              profiler,
            ).runUntil(options.stopAfter, options.cancelled)
          : runGraph(this.tf, plan, feeds, options.watch, profiler);
      let timeline: Timeline | null = null;
      if (options.profile) ({ execution: this.execution, timeline } = await profiledRun(this.tf, execute));
      else this.execution = await execute();
      this.executionContext = { validation, prepared, previewLimit: options.previewLimit ?? 64 };
      // Freed before the report, so that its memory figures are this run's alone.
      previous?.dispose();
      previous = null;
      return { ...(await this.report(retraced)), trace: note, timeline };
    } finally {
      previous?.dispose();
    }
  }

  /** Eager step-through: runs the next step of the current eager run. */
  async step(): Promise<RunReport | null> {
    if (!(this.execution instanceof EagerExecution) || this.execution.done) return null;
    await this.execution.step();
    return this.report(false);
  }

  /** A page of the values the last run kept for a node's output (or of its gradient). */
  async page(
    nodeId: string,
    port: string,
    { offset = 0, limit = 1024, gradient = false }: { offset?: number; limit?: number; gradient?: boolean } = {},
  ): Promise<{ values: Float32Array | Int32Array | Uint8Array; offset: number; total: number } | null> {
    const tensor = gradient ? this.gradientTensor(nodeId, port) : this.keptTensor(nodeId, port);
    if (!tensor || tensor.isDisposed) return null;
    const data = (await tensor.data()) as Float32Array | Int32Array | Uint8Array;
    return { values: data.slice(offset, offset + limit), offset, total: data.length };
  }

  /**
   * dTarget/dOutput for every node output the target depends on, and for every variable. Options
   * may be given as an object, or as the preview limit alone.
   */
  async computeGradients(
    graph: Graph,
    target: string | PortRef,
    options: GradientOptions | number = {},
  ): Promise<GradientReport> {
    const { previewLimit = 64, ...budget } = typeof options === 'number' ? { previewLimit: options } : options;
    await loadTranspiler();
    this.releaseGradients();
    const validation = validateGraph(graph, this.registry);
    const compiled = this.compile(validation, {
      outputs: [target],
      passes: EAGER_PASSES,
      maxBytes: this.maxBytes(budget),
    });
    if (!compiled.ok)
      return { ok: false, target: null, diagnostics: compiled.diagnostics, error: null, nodes: {}, variables: [] };
    const { plan } = compiled;
    const targetRef = plan.outputs[0]!;
    if (plan.outputs.length > 1)
      return this.gradientFailure(
        compiled.prepared,
        `${targetRef.node} has several outputs: choose one port as the target`,
      );

    try {
      this.gradients = await computeGradients(this.tf, plan, feedsOf(validation, plan));
      this.gradientPlan = plan;
    } catch (e) {
      return this.gradientFailure(compiled.prepared, (e as Error).message, e instanceof TargetError);
    }

    // Maps while they are built: node ids and script output names may be any text (`__proto__`).
    const nodes = new Map<string, Map<string, PortGradient>>();
    for (const [id, node] of validation.nodes)
      nodes.set(
        id,
        new Map(node.op.outputs.map((port) => [port, { none: 'the target does not depend on this value' }])),
      );
    for (const [slot, info] of plan.slots.entries()) {
      const grad = this.gradients.grads.get(slot);
      nodes
        .get(info.node)!
        .set(
          info.port,
          grad ? { summary: await summarize(grad, previewLimit) } : { none: this.gradients.blocked.get(slot)! },
        );
    }
    const variables = plan.steps.filter((s) => s.op.name === 'VariableV2').map((s) => s.nodeId);
    return {
      ok: true,
      target: { node: targetRef.node, port: targetRef.port },
      diagnostics: compiled.prepared.diagnostics,
      error: null,
      nodes: Object.fromEntries([...nodes].map(([id, ports]) => [id, Object.fromEntries(ports)])),
      variables,
    };
  }

  /** Frees the last run's values and gradients; cached plans stay. */
  release(): void {
    this.releaseExecution();
    this.releaseGradients();
  }

  dispose(): void {
    this.release();
    for (const plan of this.plans.values()) plan.dispose();
    this.plans.clear();
  }

  /** The budget a run is given, else the backend's default. */
  private maxBytes(options: BudgetOptions): number {
    if (options.maxBytes !== undefined) return checkMaxBytes(options.maxBytes);
    return this.backend ? defaultMaxBytes(this.backend.name) : DEFAULT_MAX_BYTES;
  }

  private compile(
    validation: Validation,
    options: CompileOptions,
  ):
    | { ok: true; plan: Plan; prepared: Prepared; retraced: boolean }
    | { ok: false; diagnostics: readonly Diagnostic[] } {
    const prepared = prepare(validation, options);
    if (!prepared.ok) return prepared;
    const cached = this.plans.get(prepared.key);
    if (cached) {
      this.plans.delete(prepared.key);
      this.plans.set(prepared.key, cached);
      return { ok: true, plan: cached, prepared, retraced: false };
    }
    const traced = trace(this.tf, prepared);
    if (!traced.ok) return traced;
    this.traceCount++;
    this.traceNumbers.set(traced.plan, this.traceCount);
    this.plans.set(prepared.key, traced.plan);
    if (this.plans.size > PLAN_CACHE_SIZE) {
      const [oldest, plan] = this.plans.entries().next().value!;
      if (plan !== this.execution?.plan && plan !== this.gradientPlan) {
        plan.dispose();
        this.plans.delete(oldest);
      }
    }
    return { ok: true, plan: traced.plan, prepared, retraced: true };
  }

  private keptTensor(nodeId: string, port: string): Tensor | undefined {
    const plan = this.execution?.plan;
    const output = plan?.outputs.find((o) => o.node === nodeId && o.port === port);
    const slot = output?.slot ?? plan?.slots.findIndex((s) => s.node === nodeId && s.port === port) ?? -1;
    if (slot < 0) return undefined;
    return this.execution!.value(slot) ?? plan!.constants.get(slot);
  }

  private gradientTensor(nodeId: string, port: string): Tensor | undefined {
    const slot = this.gradientPlan?.slots.findIndex((s) => s.node === nodeId && s.port === port) ?? -1;
    return slot < 0 ? undefined : this.gradients?.grads.get(slot);
  }

  private async report(retraced: boolean): Promise<RunReport> {
    const execution = this.execution!;
    const { validation, prepared, previewLimit } = this.executionContext!;
    const { plan } = execution;
    const nodes = new Map<string, { status: NodeStatus; ms: number | null; error?: string; reused?: boolean }>();
    for (const id of prepared.pruned) nodes.set(id, { status: 'pruned', ms: null });
    for (const id of plan.folded) nodes.set(id, { status: 'folded', ms: null });
    for (const { changes } of plan.passes)
      for (const change of changes)
        if (change.kind === 'merged' || change.kind === 'simplified')
          nodes.set(change.node, { status: change.kind, ms: null });
    // Constants the plan keeps, and those folded nodes read: all are known before the run.
    for (const slot of plan.constants.keys()) {
      const id = plan.slots[slot]!.node;
      if (!nodes.has(id)) nodes.set(id, { status: 'constant', ms: null });
    }
    for (const id of plan.folded)
      for (const ref of validation.nodes.get(id)!.inputRefs)
        if (!nodes.has(ref.node) && validation.nodes.get(ref.node)?.op.kind === 'const')
          nodes.set(ref.node, { status: 'constant', ms: null });
    for (const r of execution.records)
      nodes.set(r.nodeId, {
        status: r.status,
        ms: r.ms,
        ...(r.error && { error: r.error }),
        ...(r.reused && { reused: true }),
      });

    const summaries = new Map<string, Map<string, TensorSummary>>();
    for (const [slot, info] of plan.slots.entries()) {
      const tensor = execution.value(slot) ?? plan.constants.get(slot);
      if (!tensor || tensor.isDisposed) continue;
      let byPort = summaries.get(info.node);
      if (!byPort) summaries.set(info.node, (byPort = new Map()));
      byPort.set(info.port, await summarize(tensor, previewLimit));
    }

    // An output the passes redirected (a duplicate merged away, `x·1`) shows the value it became.
    for (const o of plan.outputs) {
      const tensor = execution.value(o.slot) ?? plan.constants.get(o.slot);
      if (!tensor || tensor.isDisposed || summaries.get(o.node)?.has(o.port)) continue;
      let byPort = summaries.get(o.node);
      if (!byPort) summaries.set(o.node, (byPort = new Map()));
      byPort.set(o.port, await summarize(tensor, previewLimit));
    }

    const bySlot = (slot: number) => summaries.get(plan.slots[slot]!.node)?.get(plan.slots[slot]!.port);
    const warnings = this.backend ? limitWarnings(plan, this.backend.name, bySlot) : new Map<string, string[]>();
    const nodeReports: NodeReport[] = [];
    for (const id of validation.order) {
      const n = validation.nodes.get(id);
      const r = nodes.get(id);
      if (!n || !r) continue;
      const warned = warnings.get(id);
      const byPort = summaries.get(id);
      nodeReports.push({
        nodeId: id,
        op: n.op.name,
        ...r,
        outputs: byPort ? Object.fromEntries(byPort) : {},
        ...(warned && { warnings: warned }),
      });
    }
    const outputs = plan.outputs
      .filter((o) => summaries.get(o.node)?.has(o.port))
      .map((o) => ({ node: o.node, port: o.port, summary: summaries.get(o.node)!.get(o.port)! }));
    const memory = this.tf.memory();
    const records = execution.records;
    const stepsRun = records.filter((r) => r.status === 'ok' || r.status === 'error').length;
    return {
      ok: execution.error === null,
      mode: execution.mode,
      backend: this.backend,
      diagnostics: validation.diagnostics,
      error: execution.error,
      nodes: nodeReports,
      outputs,
      plan: plan.text,
      optimization: execution.mode === 'graph' ? planView(plan) : null,
      retraced,
      trace: null,
      timeline: null,
      traceCount: this.traceCount,
      stepsRun,
      stepsTotal: plan.steps.length,
      current: execution.mode === 'eager' && stepsRun > 0 ? records[stepsRun - 1]!.nodeId : null,
      totalMs: execution.totalMs,
      peakTensors: execution.peakTensors,
      peakBytes: execution.peakBytes,
      tensorsAlive: memory.numTensors,
      bytesAlive: memory.numBytes,
    };
  }

  private failedReport(mode: ExecutionMode, validation: Validation, diagnostics: readonly Diagnostic[]): RunReport {
    const memory = this.tf.memory();
    return notRunReport(mode, validation, diagnostics, {
      backend: this.backend,
      traceCount: this.traceCount,
      tensorsAlive: memory.numTensors,
      bytesAlive: memory.numBytes,
    });
  }

  private gradientFailure(prepared: Prepared, message: string, targetProblem = true): GradientReport {
    const target = prepared.outputs[0]!;
    const diagnostics: Diagnostic[] = targetProblem
      ? [{ kind: 'invalid-target', nodeId: target.node, port: target.port, message }]
      : [];
    return { ok: false, target, diagnostics, error: message, nodes: {}, variables: [] };
  }

  private releaseExecution(): void {
    this.execution?.dispose();
    this.execution = null;
    this.executionContext = null;
  }

  private releaseGradients(): void {
    this.gradients?.dispose();
    this.gradients = null;
    this.gradientPlan = null;
  }
}

/** What the canvas draws of a plan: the passes, the step order and where values are freed. */
function planView(plan: Plan): PlanView {
  const slot = (s: number) => ({ node: plan.slots[s]!.node, port: plan.slots[s]!.port });
  return {
    passes: plan.passes,
    steps: plan.steps.map((s) => s.nodeId),
    frees: plan.steps.map((_, i) => (plan.freeAfter[i] ?? []).map(slot)),
  };
}

/** The current values of the plan's fed nodes, taken from this run's graph. */
function feedsOf(validation: Validation, plan: Plan): Feeds {
  const feeds = new Map<string, Readonly<Record<string, AttrValue>>>();
  for (const step of plan.steps) if (step.feed) feeds.set(step.nodeId, validation.nodes.get(step.nodeId)!.attrs);
  return feeds;
}
