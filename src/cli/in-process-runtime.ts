import type { Graph, TensorLiteral } from '../graph/types';
import type { BackendName } from '../runtime/backend';
import type { TrainingChunk, TrainingStart } from '../runtime/host/host-training';
import type { HostRunOptions, RuntimeHost } from '../runtime/host/runtime-host';
import type { GradientReport, RunReport } from '../runtime/reports';
import { onlyRun, type CliRuntime } from './cli-runtime';

/**
 * The runtime in this process, for a graph with no script to run: nothing in it can overrun a
 * deadline or reach further than the runner itself, and starting no process saves a second copy
 * of the runtime's start-up.
 */
export class InProcessRuntime implements CliRuntime {
  private readonly runtime: Promise<RuntimeHost>;

  /** `maxBytes`: the budget of every run and gradient pass; null: the backend's default. */
  constructor(backend: BackendName, maxBytes: number | null) {
    this.runtime = (async () => {
      const [tf, { RuntimeHost }] = await Promise.all([
        import('@tensorflow/tfjs'),
        import('../runtime/host/runtime-host'),
      ]);
      // Production mode drops tfjs's debug checks and its advice to install tfjs-node.
      tf.enableProdMode();
      const runtime = new RuntimeHost(tf);
      await runtime.start(backend, () => {});
      runtime.setMemoryBudget(maxBytes);
      return runtime;
    })();
  }

  async run(graph: Graph, options: HostRunOptions): Promise<RunReport> {
    return onlyRun(await (await this.runtime).run(graph, options, 0));
  }

  async gradients(graph: Graph, target: string, previewLimit: number): Promise<GradientReport> {
    return (await this.runtime).gradients(graph, target, previewLimit);
  }

  async startTraining(graph: Graph): Promise<TrainingStart> {
    return (await this.runtime).startTraining(graph);
  }

  async trainSteps(count: number): Promise<TrainingChunk> {
    return (await this.runtime).trainSteps(count);
  }

  async trainedValues(): Promise<Record<string, TensorLiteral>> {
    return (await this.runtime).trainedValues();
  }

  /** Frees a training run's variables and optimizer state; the runtime itself ends with this process. */
  async stop(): Promise<void> {
    // A runtime that failed to start failed the call that needed it already.
    (await this.runtime.catch(() => null))?.stopTraining();
  }
}
