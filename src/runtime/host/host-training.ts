import type { Graph, TensorLiteral } from '../../graph/types';
import type { TF } from '../../ops/define-op';
import type { ScriptWatch } from '../forward';
import { TrainingStepError } from '../training/data-pass';
import { Trainer, type Evaluation, type VariableInspection } from '../training/trainer';

/** How many of an inspected variable's values a chunk carries to the panel. */
const INSPECTED_VALUES = 1024;
import { BOUNDARY } from './boundary-grid';

/** What a chunk of training steps did, for the editor's training panel. */
export interface TrainingChunk {
  /** The loss of each step of the chunk, in order. */
  readonly losses: readonly number[];
  /** Steps taken since training started. */
  readonly steps: number;
  readonly epochs: number;
  /** On the dataset's test split after the chunk; null without a dataset node. */
  readonly test: Evaluation | null;
  /** How long the chunk's steps took. */
  readonly ms: number;
  /** Why training stopped within the chunk (a loss that is not finite), with the node to blame. */
  readonly failure: { readonly error: string; readonly nodeId: string | null } | null;
  /** A 2-D binary classifier's prediction over the plane (see BOUNDARY), row by row from the top. */
  readonly boundary: Float32Array | null;
  /** The variable the chunk was asked to inspect, after its last step. */
  readonly inspected: VariableInspection | null;
}

/** What a chunk reports beside its losses and test: each costs a pass over the model. */
export interface ChunkExtras {
  /** A trained variable whose value and latest gradient the chunk reports (the one selected). */
  readonly inspect?: string | null;
  /** The decision-boundary picture, which only the editor's panel draws. */
  readonly boundary?: boolean;
}

export type TrainingStart =
  | {
      readonly ok: true;
      /** How many steps the run takes (the setup's steps, or its epochs in steps). */
      readonly target: number;
      /** The training points of a dataset node of 2-D points, for the boundary picture. */
      readonly points: { readonly features: Float32Array; readonly labels: Float32Array } | null;
    }
  | { readonly ok: false; readonly error: string; readonly nodeId: string | null };

/** The runtime host's one training run: started from a graph's setup, stepped in chunks, then kept or dropped. */
export class HostTraining {
  private trainer: Trainer | null = null;
  /** Trainers in the middle of a chunk: one dropped meanwhile is freed when its chunk ends. */
  private readonly busy = new Set<Trainer>();

  /** `watch`: told when a script of the graph runs, as in a graph run (the deadline's watchdog). */
  constructor(
    private readonly tf: TF,
    private readonly watch: ScriptWatch,
  ) {}

  start(graph: Graph, maxBytes: number | undefined): TrainingStart {
    this.stop();
    if (!graph.training) return { ok: false, error: 'the graph has no training setup', nodeId: null };
    const made = Trainer.create(this.tf, graph, graph.training, {
      watch: this.watch,
      ...(maxBytes !== undefined && { maxBytes }),
    });
    if (!made.ok) return made;
    this.trainer = made.trainer;
    return { ok: true, target: made.trainer.targetSteps, points: made.trainer.planePoints() };
  }

  async steps(count: number, extras: ChunkExtras = {}): Promise<TrainingChunk> {
    const trainer = this.live();
    this.busy.add(trainer);
    try {
      return await this.chunk(trainer, count, extras);
    } finally {
      this.busy.delete(trainer);
      if (trainer !== this.trainer) trainer.dispose();
    }
  }

  private async chunk(trainer: Trainer, count: number, extras: ChunkExtras): Promise<TrainingChunk> {
    trainer.inspect(extras.inspect ?? null);
    const dropped = () => trainer !== this.trainer;
    const losses: number[] = [];
    let failure: TrainingChunk['failure'] = null;
    const start = performance.now();
    for (let i = 0; i < count && !dropped(); i++) {
      const outcome = await trainer.step();
      if (!outcome.ok) {
        failure = { error: outcome.error, nodeId: outcome.nodeId };
        break;
      }
      losses.push(outcome.loss);
    }
    const ms = performance.now() - start;
    let test: Evaluation | null = null;
    let boundary: Float32Array | null = null;
    let inspected: VariableInspection | null = null;
    try {
      if (dropped()) throw new Error('the training run was stopped');
      test = await trainer.evaluate();
      if (extras.boundary) boundary = await trainer.boundary(BOUNDARY.resolution, BOUNDARY.extent);
      inspected = await trainer.inspection(INSPECTED_VALUES);
    } catch (e) {
      // The test split can fail where batches did not (a generator script that throws now and then).
      failure ??= { error: (e as Error).message, nodeId: e instanceof TrainingStepError ? e.nodeId : null };
    }
    return { losses, steps: trainer.steps, epochs: trainer.epochs, test, ms, failure, boundary, inspected };
  }

  /** The trained variables' values, by node id. */
  async values(): Promise<Record<string, TensorLiteral>> {
    return Object.fromEntries(await this.live().values());
  }

  /** Drops the run; a chunk under way ends at its next step, and frees it then. */
  stop(): void {
    const trainer = this.trainer;
    this.trainer = null;
    if (trainer && !this.busy.has(trainer)) trainer.dispose();
  }

  private live(): Trainer {
    if (!this.trainer) throw new Error('no training run has started');
    return this.trainer;
  }
}
