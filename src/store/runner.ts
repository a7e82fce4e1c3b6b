import { attrsKey } from '../graph/attr-key';
import { setOwn } from '../graph/own';
import type { DocumentSettings } from '../graph/document-settings';
import { nameOf } from '../graph/node-names';
import { enabledPasses } from '../graph/settings-edits';
import { nodeLabel, type Graph } from '../graph/types';
import type { BackendRequest } from '../runtime/backend';
import type { ExecutionMode } from '../runtime/execution';
import { withDependentsSkipped } from '../runtime/host/excluded-nodes';
import type { HostEvent } from '../runtime/host/runtime-host';
import { ScriptWatchdog } from '../runtime/host/script-watchdog';
import type { PassName } from '../runtime/plan';
import type { RunReport } from '../runtime/reports';
import { scriptNodes, validationOf, type DocumentStore } from './document-store';
import { lossTargetProblem, lossTargetRef } from './loss-targets';
import { TRACE_LOG_LIMIT, type RunStore, type TraceLogEntry } from './run-store';
import type { RuntimeClient } from './runtime-client';

const DEBOUNCE_MS = 120;
const PREVIEW_VALUES = 16;

/**
 * Keeps results in step with the document: every edit marks the results stale and, after a short
 * pause, runs the graph in the runtime host. A newer run supersedes an older one.
 */
export class Runner {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private runId = 0;
  /** Scripts that timed out, with their attributes then: an edit lets them run again. */
  private readonly timedOut = new Map<string, { reason: string; attrs: string }>();
  private readonly watchdog = new ScriptWatchdog((nodeId, ms) => void this.onScriptTimeout(nodeId, ms));
  /** Whether the runtime host was asked to start: until then a document's backend is only noted. */
  private started = false;

  constructor(
    private readonly client: RuntimeClient,
    private readonly doc: DocumentStore,
    private readonly run: RunStore,
  ) {
    doc.subscribe((state, previous) => {
      if (state.loads !== previous.loads) this.applySettings(state.settings, previous.graph);
      else if (state.graph !== previous.graph) this.checkTarget(state.graph, previous.graph);
      const { passes, outputs } = state.settings;
      const optimized = passes !== previous.settings.passes || outputs !== previous.settings.outputs;
      if (state.graph !== previous.graph || state.trusted !== previous.trusted || optimized) this.schedule();
    });
  }

  async start(request: BackendRequest = this.run.getState().backendRequest): Promise<void> {
    this.started = true;
    this.saveSettings({ backend: request });
    this.run.setState({ backendRequest: request, backend: null, hostError: null });
    if (!(await this.startHost(request))) return;
    await this.runNow();
  }

  private async startHost(request: BackendRequest): Promise<boolean> {
    this.watchdog.stop();
    // A new host is a new session: its traces count from 1 again.
    this.run.setState({ traceLog: [] });
    try {
      const backend = await this.client.start(
        request,
        (event) => this.onHostEvent(event),
        () => void this.onHostLost(),
      );
      this.run.setState({ backend });
      return true;
    } catch (e) {
      this.run.setState({ hostError: (e as Error).message });
      return false;
    }
  }

  /** A script missed its deadline: replace the stuck host, leave the script out until it is edited. */
  private async onScriptTimeout(nodeId: string, ms: number): Promise<void> {
    const node = this.doc.getState().graph.nodes.find((n) => n.id === nodeId);
    if (!node) return;
    this.timedOut.set(nodeId, { reason: `timed out after ${ms} ms`, attrs: attrsKey(node.attrs) });
    await this.replaceHost(
      `${nodeLabel(node)} timed out after ${ms} ms; the runtime was restarted and the other nodes ran again`,
    );
  }

  /**
   * The runtime frame navigated away: only a script can do that (the page's CSP refuses any page but
   * the runtime's, leaving an error page). Replace the host; the graph's scripts wait for trust again.
   */
  private onHostLost(): Promise<void> {
    return this.replaceHost(
      'a script navigated the runtime frame away; the runtime was restarted and the scripts wait for your trust',
    );
  }

  /** A script broke the host: a fresh one runs the graph again, and no script runs until trusted again. */
  private async replaceHost(notice: string): Promise<void> {
    this.runId++;
    // Until the user says otherwise, no script of this graph runs on its own again (not after a reload either).
    this.doc.setState({ trusted: false });
    this.run.setState({ running: false, backend: null, notice: { text: notice, tone: 'error' } });
    if (await this.startHost(this.run.getState().backendRequest)) await this.runNow();
  }

  setMode(mode: ExecutionMode): void {
    this.saveSettings({ mode });
    this.run.setState({ mode, comparison: null });
    void this.runNow();
  }

  setGradientTarget(target: string | null): void {
    this.saveSettings({ lossTarget: target ?? undefined });
    this.run.setState({ gradientTarget: target, gradients: null, gradientTargetNotice: null });
    void this.updateGradients(this.doc.getState().graph);
  }

  /** Keeps the document's settings (what Save and links carry) equal to how it runs. */
  private saveSettings(change: DocumentSettings): void {
    const { settings, setSettings } = this.doc.getState();
    const next = { ...settings, ...change };
    if (Object.keys(next).some((k) => next[k as keyof DocumentSettings] !== settings[k as keyof DocumentSettings]))
      setSettings(next);
  }

  /**
   * Another document opened: run it as its settings say (the current mode and backend where they
   * say nothing). A loss target it does not name, or cannot have, is cleared with a notice.
   */
  private applySettings(settings: DocumentSettings, previous: Graph): void {
    const state = this.run.getState();
    const graph = this.doc.getState().graph;
    const mode = settings.mode ?? state.mode;
    const backend = settings.backend ?? state.backendRequest;
    const wanted = settings.lossTarget;
    const problem = wanted ? lossTargetProblem(graph, wanted) : null;
    const target = wanted && !problem ? wanted : null;
    const notice = problem
      ? `The loss target saved with this graph, ${nameOf(graph, wanted!)}, ${problem}: no gradients are shown`
      : state.gradientTarget && !target
        ? `Loss target ${nameOf(previous, state.gradientTarget)} cleared: it belonged to the graph open before`
        : null;
    this.run.setState({
      mode,
      gradientTarget: target,
      gradients: null,
      gradientTargetNotice: notice,
      ...(mode !== state.mode && { comparison: null }),
    });
    const { lossTarget: _, ...kept } = settings;
    this.doc.getState().setSettings({ ...kept, mode, backend, ...(target && { lossTarget: target }) });
    if (backend === state.backendRequest) return;
    if (this.started) void this.start(backend);
    else this.run.setState({ backendRequest: backend });
  }

  /** An edit took the loss target away (deleted it, or its output is no scalar now): clear it, and say so. */
  private checkTarget(graph: Graph, previous: Graph): void {
    const target = this.run.getState().gradientTarget;
    const problem = target && lossTargetProblem(graph, target);
    if (!target || !problem) return;
    const name = nameOf(graph.nodes.some((n) => n.id === target) ? graph : previous, target);
    this.saveSettings({ lossTarget: undefined });
    this.run.setState({
      gradientTarget: null,
      gradients: null,
      gradientTargetNotice: `Loss target ${name} cleared: it ${problem === 'is not in the graph' ? 'was deleted' : problem}`,
    });
  }

  schedule(): void {
    this.run.setState({ stale: true });
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.runNow(), DEBOUNCE_MS);
  }

  /** Runs the current graph now: every node that can run, in the current mode; `profile`: with its timeline. */
  async runNow(profile = false): Promise<RunReport | null> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (!this.run.getState().backend) return null;
    const graph = this.doc.getState().graph;
    const { mode } = this.run.getState();
    const id = ++this.runId;
    const excluded = this.excluded(graph);
    this.run.setState({ running: true, stepping: false, excluded });
    const options =
      mode === 'graph'
        ? graphRunOptions(graph, this.doc.getState().settings, excluded)
        : { outputs: runnableOutputs(graph, mode, excluded) };
    const report = await this.client.host.run(
      graph,
      { mode, ...options, previewLimit: PREVIEW_VALUES, ...(profile && { profile }) },
      id,
    );
    if (id !== this.runId || !report) return null;
    this.run.setState({
      report,
      running: false,
      stale: this.doc.getState().graph !== graph,
      traceLog: loggedTrace(this.run.getState().traceLog, report),
    });
    await this.updateGradients(graph);
    return report;
  }

  /** Eager step-through: the first call starts a run that stops after one step, later calls go on. */
  async step(): Promise<void> {
    const state = this.run.getState();
    if (!state.backend) return;
    if (!state.stepping || state.stale) {
      const graph = this.doc.getState().graph;
      const id = ++this.runId;
      this.saveSettings({ mode: 'eager' });
      this.run.setState({ mode: 'eager', running: true });
      const outputs = runnableOutputs(graph, 'eager', this.excluded(graph));
      const report = await this.client.host.run(
        graph,
        { mode: 'eager', outputs, previewLimit: PREVIEW_VALUES, stopAfter: 1 },
        id,
      );
      if (id !== this.runId || !report) return;
      this.run.setState({
        report,
        running: false,
        stepping: report.stepsRun < report.stepsTotal,
        stale: false,
        traceLog: loggedTrace(this.run.getState().traceLog, report),
      });
      return;
    }
    const report = await this.client.host.step();
    if (report) this.run.setState({ report, stepping: report.stepsRun < report.stepsTotal && !report.error });
  }

  /**
   * Runs the graph in both modes for Compare; `profile`: for the Timeline, with each step's costs
   * (not for Compare's times: on a GPU, tfjs's profiler submits and times each kernel on its own).
   */
  async compare({ profile = false }: { profile?: boolean } = {}): Promise<void> {
    if (!this.run.getState().backend) return;
    const graph = this.doc.getState().graph;
    this.runId++;
    this.run.setState({ running: true });
    const options = {
      ...graphRunOptions(graph, this.doc.getState().settings, this.excluded(graph)),
      previewLimit: PREVIEW_VALUES,
      ...(profile && { profile }),
    };
    const comparison = await this.client.host.compare(graph, options);
    // Compare runs the graph in each mode on the same session: both runs' traces go in the log.
    const traceLog = loggedTrace(loggedTrace(this.run.getState().traceLog, comparison.graph), comparison.eager);
    this.run.setState({ comparison, running: false, traceLog });
    // Profiled likewise: the current mode's report keeps its timeline.
    await this.runNow(profile);
  }

  private async updateGradients(graph: Graph): Promise<void> {
    const target = this.run.getState().gradientTarget;
    if (!target || !this.run.getState().backend) return;
    const gradients = await this.client.host.gradients(graph, lossTargetRef(graph, target) ?? target);
    if (this.doc.getState().graph === graph && this.run.getState().gradientTarget === target)
      this.run.setState({ gradients });
  }

  private onHostEvent(event: HostEvent): void {
    switch (event.type) {
      case 'backend-changed':
        this.run.setState({ backend: event.backend, notice: { text: event.backend.reason, tone: 'info' } });
        void this.runNow();
        return;
      case 'script-started':
        this.watchdog.started(event.nodeId, event.timeoutMs);
        return;
      case 'script-finished':
        this.watchdog.finished(event.nodeId);
        return;
    }
  }

  /** The nodes not to run, and why: timed-out scripts not edited since, and what depends on them. */
  private excluded(graph: Graph): Record<string, string> {
    const reasons: Record<string, string> = {};
    if (!this.doc.getState().trusted)
      for (const node of scriptNodes(graph)) setOwn(reasons, node.id, 'not run: this graph is not trusted yet');
    for (const [id, failure] of this.timedOut) {
      const node = graph.nodes.find((n) => n.id === id);
      if (!node || attrsKey(node.attrs) !== failure.attrs) this.timedOut.delete(id);
      else setOwn(reasons, id, failure.reason);
    }
    return withDependentsSkipped(validationOf(graph), reasons);
  }
}

/** The trace log with the run's trace added first, if it compiled one. */
function loggedTrace(log: readonly TraceLogEntry[], report: RunReport): readonly TraceLogEntry[] {
  return report.trace ? [{ ...report.trace, mode: report.mode }, ...log.slice(0, TRACE_LOG_LIMIT - 1)] : log;
}

/**
 * Graph mode's run options from the document's settings: the passes it names, and what it returns.
 * With pruning off, every node that can run runs (`keep`), as TensorFlow 1 ran what it was asked to.
 */
export function graphRunOptions(
  graph: Graph,
  settings: DocumentSettings,
  excluded: Readonly<Record<string, string>> = {},
): { outputs: string[]; passes: PassName[]; keep?: string[] } {
  const passes = [...enabledPasses(settings)];
  const outputs = runnableOutputs(graph, 'graph', excluded, settings.outputs);
  return passes.includes('prune') ? { outputs, passes } : { outputs, passes, keep: runnableNodes(graph, excluded) };
}

/**
 * The nodes to compute: in eager mode every node that can run (so each shows its value); in graph
 * mode the nodes `returned` names that can run, else the valid nodes nothing reads (the graph's
 * outputs). Invalid nodes and those downstream of them are left out, so one bad node does not cost
 * the others their results.
 */
export function runnableOutputs(
  graph: Graph,
  mode: ExecutionMode,
  excluded: Readonly<Record<string, string>> = {},
  returned?: readonly string[],
): string[] {
  const runnable = runnableNodes(graph, excluded);
  if (mode === 'eager') return runnable;
  if (returned) {
    const wanted = new Set(returned);
    return runnable.filter((id) => wanted.has(id));
  }
  const validation = validationOf(graph);
  const read = new Set<string>();
  for (const id of runnable) for (const ref of validation.nodes.get(id)!.inputRefs) read.add(ref.node);
  return runnable.filter((id) => !read.has(id));
}

/** The valid nodes not left out of runs, in dependency order. */
function runnableNodes(graph: Graph, excluded: Readonly<Record<string, string>>): string[] {
  return [...validationOf(graph).nodes.values()]
    .filter((n) => n.types && !Object.hasOwn(excluded, n.node.id))
    .map((n) => n.node.id);
}
