import type { Graph } from '../../graph/types';
import type { TF } from '../../ops/define-op';
import { selectBackend, type BackendChoice, type BackendName } from '../backend';
import type { GradientReport, RunReport } from '../reports';
import { Session } from '../session';
import type { HostEvent, HostRunOptions } from './runtime-host';

/**
 * The headless runner's runtime: graphs in, plain reports out. With scripts to run it lives in a
 * worker thread, where a script that never yields freezes only that thread; the main thread, told
 * when each script starts, watches its deadline and terminates the worker.
 */
export class HeadlessRuntime {
  private session: Session | null = null;
  private listener: ((event: HostEvent) => void) | null = null;

  constructor(private readonly tf: TF) {}

  async start(backend: BackendName, listener: (event: HostEvent) => void): Promise<BackendChoice> {
    this.listener = listener;
    const choice = await selectBackend(this.tf, backend);
    this.session = new Session(this.tf, choice);
    return choice;
  }

  run(graph: Graph, options: HostRunOptions): Promise<RunReport> {
    return this.live().run(graph, { ...options, watch: this.watch });
  }

  gradients(graph: Graph, target: string, previewLimit: number): Promise<GradientReport> {
    return this.live().computeGradients(graph, target, previewLimit);
  }

  private readonly watch = {
    started: (nodeId: string, timeoutMs: number) => this.listener?.({ type: 'script-started', nodeId, timeoutMs }),
    finished: (nodeId: string) => this.listener?.({ type: 'script-finished', nodeId }),
  };

  private live(): Session {
    if (!this.session) throw new Error('the runtime has not started');
    return this.session;
  }
}
