import type { Graph } from '../graph/types';
import type { BackendName } from '../runtime/backend';
import type { HeadlessRuntime } from '../runtime/host/headless-runtime';
import type { HostRunOptions } from '../runtime/host/runtime-host';
import type { GradientReport, RunReport } from '../runtime/reports';
import type { CliRuntime } from './runtime-worker';

/**
 * The runtime on this thread, for a graph with no script to run: nothing in it can overrun a
 * deadline, and starting no worker saves a second copy of the runtime's start-up.
 */
export class InProcessRuntime implements CliRuntime {
  private readonly runtime: Promise<HeadlessRuntime>;

  constructor(backend: BackendName) {
    this.runtime = (async () => {
      const [tf, { HeadlessRuntime }] = await Promise.all([
        import('@tensorflow/tfjs'),
        import('../runtime/host/headless-runtime'),
      ]);
      // Production mode drops tfjs's debug checks and its advice to install tfjs-node.
      tf.enableProdMode();
      const runtime = new HeadlessRuntime(tf);
      await runtime.start(backend, () => {});
      return runtime;
    })();
  }

  async run(graph: Graph, options: HostRunOptions): Promise<RunReport> {
    return (await this.runtime).run(graph, options);
  }

  async gradients(graph: Graph, target: string, previewLimit: number): Promise<GradientReport> {
    return (await this.runtime).gradients(graph, target, previewLimit);
  }

  async stop(): Promise<void> {}
}
