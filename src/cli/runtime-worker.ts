import { proxy, wrap } from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { Worker } from 'node:worker_threads';
import type { Graph } from '../graph/types';
import type { BackendChoice, BackendName } from '../runtime/backend';
import type { HostEvent, HostRunOptions, RuntimeHost } from '../runtime/host/runtime-host';
import { ScriptWatchdog } from '../runtime/host/script-watchdog';
import type { GradientReport, RunReport } from '../runtime/reports';

/** A call cut short: the worker was terminated after this long. */
export interface Timeout {
  readonly timedOutAfter: number;
}

/** A run cut short by the script that missed its deadline. */
export interface ScriptTimeout extends Timeout {
  readonly nodeId: string;
}

/** The CLI runs one graph at a time, so the host never answers null (superseded by a newer run). */
export function onlyRun(report: RunReport | null): RunReport {
  return report!;
}

/** Where the runner's graphs run: in a worker thread (RuntimeWorker), or on this one. */
export interface CliRuntime {
  run(graph: Graph, options: HostRunOptions): Promise<RunReport | ScriptTimeout>;
  gradients(
    graph: Graph,
    target: string,
    previewLimit: number,
    deadlineMs: number | null,
  ): Promise<GradientReport | Timeout>;
  stop(): Promise<void>;
}

/**
 * The runtime in a worker thread, watched from this one. When a script misses its deadline the
 * worker is terminated and the pending call answers with a `Timeout`; a terminated worker takes
 * no more calls, so the caller starts a new one.
 */
export class RuntimeWorker implements CliRuntime {
  // The same relative path from src/cli/ and from the build (dist-cli/cli/main.js), whose layout
  // mirrors src/ for this reason (package.json "build:cli").
  private readonly worker = new Worker(new URL('../runtime/host/worker.js', import.meta.url));
  private readonly remote = wrap<RuntimeHost>(nodeEndpoint(this.worker));
  private readonly watchdog = new ScriptWatchdog((nodeId, ms) => this.expire({ nodeId, timedOutAfter: ms }));
  private expire!: (timeout: ScriptTimeout) => void;
  private readonly timedOut = new Promise<ScriptTimeout>((resolve) => {
    this.expire = (timeout) => {
      void this.stop();
      resolve(timeout);
    };
  });
  /** Fails when the worker dies on its own: nothing it was asked will be answered. */
  private readonly crashed = new Promise<never>((_, reject) => {
    this.worker.once('error', reject);
    this.worker.once('exit', (code) => reject(new Error(`the runtime worker stopped (exit code ${code})`)));
  });
  private readonly started: Promise<BackendChoice>;

  /** Spawns the worker, which loads the runtime and selects `backend` while the caller goes on. */
  constructor(backend: BackendName) {
    const onEvent = proxy((event: HostEvent) => this.onEvent(event));
    this.started = Promise.race([this.remote.start(backend, onEvent), this.crashed]);
    // A worker that fails to start fails the first call, which may come after it failed.
    this.started.catch(() => {});
  }

  async run(graph: Graph, options: HostRunOptions): Promise<RunReport | ScriptTimeout> {
    await this.started;
    return Promise.race([this.remote.run(graph, options, 0).then(onlyRun), this.timedOut, this.crashed]);
  }

  /**
   * Gradients, stopped after `deadlineMs` when given: the gradient pass runs scripts (bodies and
   * gradient bodies) without reporting each, so only a deadline for the whole pass applies.
   */
  async gradients(
    graph: Graph,
    target: string,
    previewLimit: number,
    deadlineMs: number | null,
  ): Promise<GradientReport | Timeout> {
    await this.started;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<Timeout>((resolve) => {
      if (deadlineMs !== null)
        timer = setTimeout(() => {
          void this.stop();
          resolve({ timedOutAfter: deadlineMs });
        }, deadlineMs);
    });
    try {
      return await Promise.race([this.remote.gradients(graph, target, previewLimit), deadline, this.crashed]);
    } finally {
      clearTimeout(timer);
    }
  }

  async stop(): Promise<void> {
    this.watchdog.stop();
    await this.worker.terminate();
  }

  private onEvent(event: HostEvent): void {
    if (event.type === 'script-started') this.watchdog.started(event.nodeId, event.timeoutMs);
    else if (event.type === 'script-finished') this.watchdog.finished(event.nodeId);
  }
}
