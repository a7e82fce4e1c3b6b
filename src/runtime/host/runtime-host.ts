import { transfer } from 'comlink';
import type { Graph, PortRef, TensorLiteral } from '../../graph/types';
import type { Interrupter, TF } from '../../ops/define-op';
import { selectBackend, type BackendChoice, type BackendRequest } from '../backend';
import { checkMaxBytes } from '../memory-budget';
import type { GradientReport, RunReport } from '../reports';
import type { ScriptWatch } from '../forward';
import { Session, type RunOptions } from '../session';
import { compareTraining, type TrainingComparison } from '../training/compare-training';
import { HostTraining, type ChunkExtras, type TrainingChunk, type TrainingStart } from './host-training';

/** Something the host tells the editor without being asked. */
export type HostEvent =
  | { readonly type: 'backend-changed'; readonly backend: BackendChoice }
  /** A script began: if `script-finished` does not follow within its deadline, the host is stuck. */
  | { readonly type: 'script-started'; readonly nodeId: string; readonly timeoutMs: number }
  | { readonly type: 'script-finished'; readonly nodeId: string };

/** Run options that cross the frame boundary: plain data only. */
export interface Comparison {
  readonly graph: RunReport;
  readonly eager: RunReport;
  /** Per training step, where the graph has a training setup. */
  readonly training: TrainingComparison | null;
}

export type HostRunOptions = Omit<RunOptions, 'cancelled' | 'watch'>;

export interface ValuesPage {
  readonly values: Float32Array | Int32Array | Uint8Array;
  readonly offset: number;
  readonly total: number;
}

interface WebGpuBackendLike {
  device?: GPUDevice;
}

/**
 * The runtime as the editor sees it through the frame (and the CLI through its worker): graphs in,
 * plain reports out. Runs are serialized; a run that a newer one supersedes stops between eager
 * steps and returns null.
 */
export class RuntimeHost {
  private session: Session | null = null;
  private latestRun = 0;
  private listener: ((event: HostEvent) => void) | null = null;
  /** The largest tensor a run may make when its options name none; undefined: the backend's default. */
  private maxBytes: number | undefined;
  /**
   * The run, comparison or gradients under way: the next waits for it, since they share the session
   * (and a profiled comparison must not count another run's kernels as its own).
   */
  private busy: Promise<unknown> = Promise.resolve();

  private readonly watch: ScriptWatch;
  private readonly training: HostTraining;

  /** `interrupter`: where the platform can interrupt a script body in place (see Interrupter). */
  constructor(
    private readonly tf: TF,
    { interrupter }: { interrupter?: Interrupter } = {},
  ) {
    this.watch = {
      started: (nodeId, timeoutMs) => this.listener?.({ type: 'script-started', nodeId, timeoutMs }),
      finished: (nodeId) => this.listener?.({ type: 'script-finished', nodeId }),
      ...(interrupter && { interrupter }),
    };
    this.training = new HostTraining(tf, this.watch);
  }

  /** The WebGPU device in use, if any (for diagnostics, and for tests that simulate its loss). */
  get gpuDevice(): GPUDevice | undefined {
    return this.session?.backend?.name === 'webgpu' ? (this.tf.backend() as WebGpuBackendLike).device : undefined;
  }

  async start(request: BackendRequest, listener: (event: HostEvent) => void): Promise<BackendChoice> {
    this.listener = listener;
    return this.setBackend(request);
  }

  async setBackend(request: BackendRequest): Promise<BackendChoice> {
    // Its variables live on the backend that goes.
    this.training.stop();
    this.disposeSession();
    const choice = await selectBackend(this.tf, request);
    this.session = new Session(this.tf, choice);
    this.watchDevice();
    return choice;
  }

  /** Starts training the graph as its setup says (a run that was under way is dropped). */
  startTraining(graph: Graph): TrainingStart {
    return this.training.start(graph, this.maxBytes);
  }

  /** Takes up to `count` training steps, and tests on the dataset's test split after them. */
  trainSteps(count: number, extras: ChunkExtras = {}): Promise<TrainingChunk> {
    return this.training.steps(count, extras);
  }

  /** The trained variables' values, by node id, for the editor to keep. */
  trainedValues(): Promise<Record<string, TensorLiteral>> {
    return this.training.values();
  }

  /** Ends the training run, freeing its variables and optimizer state. */
  stopTraining(): void {
    this.training.stop();
  }

  /** Answers at once: the editor pings the host to notice when it is stuck or its process is gone. */
  ping(): true {
    return true;
  }

  /**
   * The memory budget of the runs to come (the editor's setting): the most bytes one tensor may
   * take, or null for the backend's default. A run's own `maxBytes` (the CLI's) comes first.
   */
  setMemoryBudget(maxBytes: number | null): void {
    this.maxBytes = maxBytes === null ? undefined : checkMaxBytes(maxBytes);
  }

  async run(graph: Graph, options: HostRunOptions, runId: number): Promise<RunReport | null> {
    this.latestRun = Math.max(this.latestRun, runId);
    return this.inTurn(async () => {
      if (runId < this.latestRun) return null;
      const report = await this.live().run(graph, {
        ...this.budgeted(options),
        cancelled: () => runId < this.latestRun,
        watch: this.watch,
      });
      return runId < this.latestRun ? null : report;
    });
  }

  step(): Promise<RunReport | null> {
    return this.live().step();
  }

  gradients(graph: Graph, target: string | PortRef, previewLimit?: number): Promise<GradientReport> {
    return this.inTurn(() => this.live().computeGradients(graph, target, { previewLimit, maxBytes: this.maxBytes }));
  }

  /** A page of a kept value (or gradient), as a typed array the caller may take over. */
  async values(
    nodeId: string,
    port: string,
    { offset = 0, limit = 4096, gradient = false }: { offset?: number; limit?: number; gradient?: boolean } = {},
  ): Promise<ValuesPage | null> {
    const page = await this.live().page(nodeId, port, { offset, limit, gradient });
    return page && transfer(page, [page.values.buffer]);
  }

  /** The functions of the `tf` a tensor script gets, for the code editor to complete `tf.` with. */
  tfFunctions(): string[] {
    return Object.entries(this.tf as unknown as Record<string, unknown>)
      .filter(([name, value]) => /^[a-z]/.test(name) && typeof value === 'function')
      .map(([name]) => name)
      .sort();
  }

  /**
   * A run in each mode, graph mode first so that eager does not warm its kernels (with `profile`,
   * each with its timeline); with a training setup, training steps in each mode too.
   */
  compare(graph: Graph, options: HostRunOptions): Promise<Comparison> {
    return this.inTurn(() => this.compareNow(graph, options));
  }

  private async compareNow(graph: Graph, options: HostRunOptions): Promise<Comparison> {
    const session = this.live();
    const budgeted = this.budgeted(options);
    const compiled = await session.run(graph, { ...budgeted, mode: 'graph', watch: this.watch });
    const eager = await session.run(graph, { ...budgeted, mode: 'eager', watch: this.watch });
    const training = graph.training
      ? await compareTraining(this.tf, graph, {
          watch: this.watch,
          ...(budgeted.maxBytes !== undefined && { maxBytes: budgeted.maxBytes }),
        })
      : null;
    return { graph: compiled, eager, training };
  }

  /** Runs `work` once what is under way has finished, failed or not. */
  private inTurn<T>(work: () => Promise<T>): Promise<T> {
    const result = this.busy.then(work, work);
    this.busy = result.catch(() => undefined);
    return result;
  }

  private budgeted(options: HostRunOptions): HostRunOptions {
    return { ...options, maxBytes: options.maxBytes ?? this.maxBytes };
  }

  private live(): Session {
    if (!this.session) throw new Error('the runtime host has not started');
    return this.session;
  }

  /** When the GPU device goes away, move to the CPU and tell the editor, which re-runs. */
  private watchDevice(): void {
    const device = this.gpuDevice;
    if (!device) return;
    void device.lost.then(async (info) => {
      if (this.gpuDevice !== device) return;
      const backend = await this.setBackend('cpu');
      const why = info.message ? `: ${info.message}` : '';
      this.listener?.({
        type: 'backend-changed',
        backend: { name: backend.name, reason: `the WebGPU device was lost (${info.reason}${why}); moved to the CPU` },
      });
    });
  }

  private disposeSession(): void {
    try {
      this.session?.dispose();
    } catch {
      // A lost device can refuse to free its buffers; they went with it.
    }
    this.session = null;
  }
}
