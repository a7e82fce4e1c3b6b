import type { Graph } from '../graph/types';
import type { BackendName } from '../runtime/backend';
import type { HostRunOptions, RuntimeHost } from '../runtime/host/runtime-host';
import type { GradientReport, RunReport } from '../runtime/reports';
import { onlyRun, type CliRuntime } from './runtime-worker';

/**
 * The runtime on this thread, for a graph with no script to run: nothing in it can overrun a
 * deadline, and starting no worker saves a second copy of the runtime's start-up.
 */
export class InProcessRuntime implements CliRuntime {
  private readonly runtime: Promise<RuntimeHost>;

  constructor(backend: BackendName) {
    this.runtime = (async () => {
      const [tf, { RuntimeHost }] = await Promise.all([
        import('@tensorflow/tfjs'),
        import('../runtime/host/runtime-host'),
      ]);
      // Production mode drops tfjs's debug checks and its advice to install tfjs-node.
      tf.enableProdMode();
      const runtime = new RuntimeHost(tf);
      await runtime.start(backend, () => {});
      return runtime;
    })();
  }

  async run(graph: Graph, options: HostRunOptions): Promise<RunReport> {
    return onlyRun(await (await this.runtime).run(graph, options, 0));
  }

  async gradients(graph: Graph, target: string, previewLimit: number): Promise<GradientReport> {
    return (await this.runtime).gradients(graph, target, previewLimit);
  }

  async stop(): Promise<void> {}
}
