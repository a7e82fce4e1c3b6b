import { own, setOwn } from '../../graph/own';
import { fedGraph } from '../../graph/training-feeds';
import type { OpRegistry } from '../../graph/registry';
import type { OutputRef, TrainingSpec } from '../../graph/training';
import type { Graph, TensorLiteral } from '../../graph/types';
import type { Dataset } from '../../ops/data/dataset';
import type { AnyOpDef, Tensor, TF } from '../../ops/define-op';
import { StepIndex } from '../../ops/data/StepIndex';
import { registry } from '../../ops/registry';
import { runForward, type ScriptWatch } from '../forward';
import { gatherInputs } from '../gather-inputs';
import { gradientsFreedOnFailure, stepOnTape } from '../gradients';
import type { PlanStep } from '../plan';
import { summarize, type TensorSummary } from '../summary';
import { Batches, splitTensors } from './batches';
import { runDataPass, TrainingStepError, type Fed } from './data-pass';
import { makeOptimizer } from './optimizer';
import { trainingPlan, type TrainingPlan } from './training-plan';

/** One step's outcome: the loss before the update, or the node whose output first held NaN or ±∞ (no update was made). */
export type StepOutcome =
  | { readonly ok: true; readonly loss: number }
  | { readonly ok: false; readonly error: string; readonly nodeId: string };

/** A trained variable as a training run stands: its value, and its gradient in the latest step. */
export interface VariableInspection {
  readonly nodeId: string;
  readonly step: number;
  readonly value: TensorSummary;
  readonly gradient: TensorSummary | null;
}

/** How the model does on the dataset's test split. */
export interface Evaluation {
  readonly loss: number;
  /** Of the binary classifier the spec names, in [0, 1]; null without one. */
  readonly accuracy: number | null;
}

export type TrainerResult =
  | { readonly ok: true; readonly trainer: Trainer }
  | { readonly ok: false; readonly error: string; readonly nodeId: string | null };

let trainers = 0;

interface TrainerOptions {
  readonly registry?: OpRegistry<AnyOpDef>;
  readonly maxBytes?: number;
  /** Told when a script of the graph runs (the deadline's watchdog). */
  readonly watch?: ScriptWatch;
}

/** How a trainer compiles: with the graph to compile anew each step in eager mode, else null. */
interface TrainerSetting extends TrainerOptions {
  readonly graph: Graph | null;
}

/**
 * Trains a graph's trainable variables to minimize a scalar: the plan is compiled once, and each
 * step runs it on a gradient tape (with TensorFlow's gradients where tfjs's differ, as the
 * gradient panel does), then the optimizer updates the variables, which stay resident between
 * steps. A dataset node gives a batch a step; the input pipeline (what no trained variable
 * reaches: datasets, a generator script fed the StepIndex) runs before the tape and may await.
 * Every tensor a step makes is freed by its end.
 */
export class Trainer {
  private stepCount = 0;
  /** The run is testing the model: a StepIndex gives −1 (see StepIndex). */
  private testing = false;
  /** By node id: the trained variables, and per dataset node its examples (made once) and batches. */
  private readonly variables: ReadonlyMap<string, ReturnType<TF['variable']>>;
  private readonly optimizer: ReturnType<typeof makeOptimizer>;
  private readonly datasets: ReadonlyMap<string, Dataset>;
  private readonly batches: ReadonlyMap<string, Batches>;
  /** The plan's steps after the input pipeline: the model, from the trained variables to the loss. */
  private modelSteps: readonly PlanStep[] = [];
  /** The variable whose gradient each step keeps for `inspection`, and that gradient. */
  private inspected: string | null = null;
  private lastGradient: Tensor | null = null;

  private constructor(
    private readonly tf: TF,
    private compiled: TrainingPlan,
    private readonly spec: TrainingSpec,
    private readonly setting: TrainerSetting,
  ) {
    const run = ++trainers;
    const { variables, feeds } = compiled;
    this.variables = new Map(
      variables.map((step) => [
        step.nodeId,
        tf.tidy(() =>
          tf.variable(
            own(runForward(tf, step.op, {}, feeds.get(step.nodeId)!), 'ref')!,
            true,
            `tensorloom-train-${run}/${step.nodeId}`,
          ),
        ),
      ]),
    );
    this.optimizer = makeOptimizer(tf, spec.optimizer);
    this.datasets = new Map(
      compiled.plan.steps.flatMap((s) => (s.op.dataset ? [[s.nodeId, s.op.dataset(s.attrs as never)]] : [])),
    );
    this.batches = new Map([...this.datasets].map(([id, dataset]) => [id, new Batches(dataset)]));
    this.use(compiled);
  }

  /**
   * `mode`: `graph` compiles the step once (as `tf.function` traces once); `eager` works from the
   * graph anew every step, as Python runs a training loop without `tf.function`: it validates,
   * orders and infers the graph each step, and folds no constants.
   */
  static create(
    tf: TF,
    graph: Graph,
    spec: TrainingSpec,
    options: TrainerOptions & { mode?: 'eager' | 'graph' } = {},
  ): TrainerResult {
    const { mode = 'graph', ...rest } = options;
    const fed = fedGraph(graph, spec, rest.registry ?? registry);
    if (!fed.ok) return fed;
    const compiled = trainingPlan(tf, fed.graph, fed.spec, { ...rest, fold: mode === 'graph' });
    if (!compiled.ok) return compiled;
    const trainer = new Trainer(tf, compiled, fed.spec, { ...rest, graph: mode === 'eager' ? fed.graph : null });
    if (spec.epochs !== undefined && trainer.stepsPerEpoch === null) {
      trainer.dispose();
      const error = `training for ${spec.epochs} epochs needs a dataset node: an epoch is a pass over its training split`;
      return { ok: false, error, nodeId: spec.loss.node };
    }
    return { ok: true, trainer };
  }

  /** Batches in one pass over the training split of the first dataset node; null without one. */
  get stepsPerEpoch(): number | null {
    const dataset = this.datasets.values().next().value;
    return dataset ? Math.ceil(dataset.train.rows / dataset.batchSize) : null;
  }

  /** How many steps the run takes: the setup's steps, or its epochs in steps. */
  get targetSteps(): number {
    const { epochs, steps } = this.spec;
    return epochs === undefined ? steps : epochs * this.stepsPerEpoch!;
  }

  get steps(): number {
    return this.stepCount;
  }

  /** Whole passes over the training data so far (the first dataset node's, where there are several). */
  get epochs(): number {
    return this.batches.values().next().value?.epoch ?? 0;
  }

  /**
   * One step: forward and backward on the tape, then the update. A loss that is not finite makes
   * no update: the variables stay as they were, and the outcome names the first node whose output
   * was not finite.
   */
  async step(): Promise<StepOutcome> {
    const { tf } = this;
    const batches = new Map([...this.batches].map(([id, b]) => [id, b.next()]));
    const fed: Fed = (step) => (batches.has(step.nodeId) ? splitTensors(tf, batches.get(step.nodeId)!) : undefined);
    try {
      if (this.setting.graph) this.recompile(this.setting.graph);
      return await this.withDataPass(fed, (data) => this.update(data));
    } catch (e) {
      if (e instanceof TrainingStepError) return { ok: false, error: e.message, nodeId: e.nodeId };
      throw e;
    }
  }

  /** Forward and backward on the tape over the input pipeline's `data`, then the update. */
  private async update(data: readonly (Tensor | undefined)[]): Promise<StepOutcome> {
    const { tf } = this;
    const { value, grads } = gradientsFreedOnFailure(tf, () => this.forward(data), [...this.variables.values()]);
    // Kept: a scope that spans awaits (an async script's, in a run meanwhile) must not free them.
    tf.keep(value);
    for (const g of grads) if (g) tf.keep(g);
    try {
      const loss = (await value.data())[0]!;
      if (!Number.isFinite(loss)) {
        const nodeId = this.firstNotFinite(data);
        const error = `the loss is ${loss} at step ${this.stepCount + 1}: ${nodeId} is the first node whose output is not finite`;
        return { ok: false, nodeId, error };
      }
      const named: Record<string, Tensor> = {};
      [...this.variables.values()].forEach((variable, i) => {
        const g = grads[i];
        if (g) setOwn(named, variable.name, g);
      });
      this.keepInspectedGradient(grads);
      this.optimizer.applyGradients(named);
      this.stepCount++;
      return { ok: true, loss };
    } finally {
      tf.dispose([value, ...grads.filter((g): g is Tensor => g != null)]);
    }
  }

  /**
   * The loss (without the penalties) and the accuracy on the dataset's test split, or on the
   * examples a generator gives at step −1, from a plain forward pass; null with neither.
   */
  async evaluate(): Promise<Evaluation | null> {
    const generated = this.compiled.data.some((s) => s.op.name === StepIndex.name);
    if (!this.datasets.size && !generated) return null;
    const { tf } = this;
    const tests = new Map([...this.datasets].map(([id, dataset]) => [id, dataset.test]));
    const fed: Fed = (step) => (tests.has(step.nodeId) ? splitTensors(tf, tests.get(step.nodeId)!) : undefined);
    this.testing = true;
    const tested = this.withDataPass(fed, async (data) =>
      tf.tidy(() => {
        const values = this.runPlan((step, inputs) => this.plainStep(step, inputs), data);
        const value = (ref: OutputRef) => {
          const out = this.compiled.plan.outputs.find((o) => o.node === ref.node && o.port === ref.port)!;
          return values[out.slot]!;
        };
        const named = this.spec.accuracy;
        const hits = named
          ? tf.equal(tf.greater(value(named.prediction), 0.5), tf.greater(value(named.labels), 0.5))
          : tf.scalar(false, 'bool');
        return [value(this.spec.loss).clone(), tf.mean(tf.cast(hits, 'float32'))] as const;
      }),
    );
    const [loss, accuracy] = await tested.finally(() => (this.testing = false));
    tf.keep(loss);
    tf.keep(accuracy);
    try {
      const [l, a] = await Promise.all([loss.data(), accuracy.data()]);
      return { loss: l[0]!, accuracy: this.spec.accuracy ? a[0]! : null };
    } finally {
      tf.dispose([loss, accuracy]);
    }
  }

  /**
   * A binary classifier's picture over the plane, as TensorFlow Playground draws it: the
   * prediction at each point of a `resolution`² grid over [-extent, extent]² (row 0 at the top, x
   * growing to the right), fed to a dataset node of 2-D points; null without one, or without an
   * accuracy setup naming the prediction.
   */
  async boundary(resolution: number, extent: number): Promise<Float32Array | null> {
    const { tf } = this;
    const named = this.spec.accuracy;
    const dataset = this.planeDataset();
    if (!named || !dataset) return null;
    const n = resolution * resolution;
    const grid = new Float32Array(n * 2);
    for (let row = 0; row < resolution; row++)
      for (let col = 0; col < resolution; col++) {
        const i = row * resolution + col;
        grid[2 * i] = -extent + ((col + 0.5) / resolution) * 2 * extent;
        grid[2 * i + 1] = extent - ((row + 0.5) / resolution) * 2 * extent;
      }
    const plane = {
      rows: n,
      ports: new Map([
        ['features', { values: grid, rowShape: [2] }],
        ['labels', { values: new Float32Array(n), rowShape: [1] }],
      ]),
    };
    const fed: Fed = (step) => (step.nodeId === dataset ? splitTensors(tf, plane) : undefined);
    const prediction = await this.withDataPass(fed, async (data) =>
      tf.tidy(() => {
        const values = this.runPlan((step, inputs) => this.plainStep(step, inputs), data);
        const out = this.compiled.plan.outputs.find(
          (o) => o.node === named.prediction.node && o.port === named.prediction.port,
        )!;
        return values[out.slot]!.clone();
      }),
    );
    tf.keep(prediction);
    try {
      return (await prediction.data()) as Float32Array;
    } finally {
      prediction.dispose();
    }
  }

  /** The training points of the dataset node of 2-D points, to draw on the boundary picture; null without one. */
  planePoints(): { readonly features: Float32Array; readonly labels: Float32Array } | null {
    const dataset = this.planeDataset();
    if (!dataset) return null;
    const { ports } = this.datasets.get(dataset)!.train;
    return { features: ports.get('features')!.values, labels: ports.get('labels')!.values };
  }

  /** The variables' current values, by node id, as the graph document holds them. */
  async values(): Promise<Map<string, TensorLiteral>> {
    const values = new Map<string, TensorLiteral>();
    for (const [id, variable] of this.variables) {
      const dtype = variable.dtype as TensorLiteral['dtype'];
      values.set(id, { dtype, shape: [...variable.shape], values: Array.from(await variable.data()) });
    }
    return values;
  }

  /** Which trained variable's value and latest gradient `inspection` gives (null: none). */
  inspect(nodeId: string | null): void {
    if (nodeId === this.inspected) return;
    this.inspected = nodeId !== null && this.variables.has(nodeId) ? nodeId : null;
    this.lastGradient?.dispose();
    this.lastGradient = null;
  }

  /**
   * The inspected variable's value now and its gradient in the latest step (null before the
   * first, or where no gradient reaches it), for the panel to show while training.
   */
  async inspection(previewLimit: number): Promise<VariableInspection | null> {
    const nodeId = this.inspected;
    if (nodeId === null) return null;
    const gradient = this.lastGradient;
    return {
      nodeId,
      step: this.stepCount,
      value: await summarize(this.variables.get(nodeId)!, previewLimit),
      gradient: gradient && (await summarize(gradient, previewLimit)),
    };
  }

  dispose(): void {
    this.lastGradient?.dispose();
    this.optimizer.dispose();
    for (const variable of this.variables.values()) variable.dispose();
    this.compiled.plan.dispose();
  }

  /**
   * Runs the input pipeline for `use`, with the `fed` values in their nodes' places, and frees what
   * it made once `use` is done with it.
   */
  private async withDataPass<T>(fed: Fed, use: (data: readonly (Tensor | undefined)[]) => Promise<T>): Promise<T> {
    const { plan, data } = this.compiled;
    const pass = await runDataPass(this.tf, plan, data, fed, (step) => this.attrsOf(step), this.setting.watch);
    try {
      return await use(pass.values);
    } finally {
      pass.dispose();
    }
  }

  /** The loss, with the penalties, computed on the tape from the variables' current values. */
  private forward(data: readonly (Tensor | undefined)[]): Tensor {
    const { tf } = this;
    const { plan } = this.compiled;
    const { watch } = this.setting;
    const options = (step: PlanStep) => ({
      nodeId: step.nodeId,
      maxBytes: plan.maxBytes,
      sized: step.sized,
      ...(watch && { watch }),
    });
    const values = this.runPlan(
      (step, inputs) => stepOnTape(tf, step, inputs, this.attrsOf(step), options(step)),
      data,
    );
    const loss = values[plan.outputs[0]!.slot]!;
    const { l1, l2 } = this.spec.regularization;
    const penalties = [...this.variables.values()].flatMap((variable) => [
      ...(l1 ? [tf.mul(l1, tf.sum(tf.abs(variable)))] : []),
      ...(l2 ? [tf.mul(l2, tf.sum(tf.square(variable)))] : []),
    ]);
    return penalties.length ? tf.addN([loss, ...penalties]) : loss;
  }

  /**
   * Runs the steps after the input pipeline in plan order, over the pipeline's `data`, with the
   * trained variables in their nodes' places. A step that throws stops the training step on it.
   */
  private runPlan(
    run: (step: PlanStep, inputs: ReturnType<typeof gatherInputs>) => Record<string, Tensor>,
    data: readonly (Tensor | undefined)[],
  ): (Tensor | undefined)[] {
    const values = [...data];
    for (const step of this.modelSteps) {
      const variable = this.variables.get(step.nodeId);
      let outs: Record<string, Tensor>;
      try {
        outs = variable ? { ref: variable } : run(step, gatherInputs(step, values));
      } catch (e) {
        throw new TrainingStepError(step.nodeId, `${step.nodeId} failed: ${(e as Error).message}`);
      }
      step.outputPorts.forEach((port, k) => {
        values[step.outputSlots[k]!] = own(outs, port);
      });
    }
    return values;
  }

  /** The first node, in plan order, with an output that holds NaN or ±∞, from a plain forward pass. */
  private firstNotFinite(data: readonly (Tensor | undefined)[]): string {
    const { tf } = this;
    const finite = (t: Tensor | undefined) => !t || t.dtype !== 'float32' || tf.all(tf.isFinite(t)).dataSync()[0] === 1;
    return tf.tidy(() => {
      const values = this.runPlan((step, inputs) => this.plainStep(step, inputs), data);
      const first = this.compiled.plan.steps.find((step) => !step.outputSlots.every((slot) => finite(values[slot])));
      return first?.nodeId ?? this.spec.loss.node;
    });
  }

  private keepInspectedGradient(grads: readonly (Tensor | null)[]): void {
    if (this.inspected === null) return;
    const g = grads[[...this.variables.keys()].indexOf(this.inspected)];
    this.lastGradient?.dispose();
    this.lastGradient = g ? this.tf.keep(g.clone()) : null;
  }

  /** The compiled step to run from now on. */
  private use(compiled: TrainingPlan): void {
    this.compiled = compiled;
    const data = new Set(compiled.data);
    this.modelSteps = compiled.plan.steps.filter((s) => !data.has(s));
  }

  /** Eager mode's step: the graph compiled anew, as an interpreter would take it. */
  private recompile(graph: Graph): void {
    const compiled = trainingPlan(this.tf, graph, this.spec, { ...this.setting, fold: false });
    if (!compiled.ok) throw new TrainingStepError(compiled.nodeId ?? this.spec.loss.node, compiled.error);
    this.compiled.plan.dispose();
    this.use(compiled);
  }

  /** The first dataset node whose `features` are 2-D points with `labels` beside them. */
  private planeDataset(): string | undefined {
    return [...this.datasets].find(([, { train }]) => {
      const { ports } = train;
      return ports.get('features')?.rowShape.join() === '2' && ports.has('labels');
    })?.[0];
  }

  private plainStep(step: PlanStep, inputs: ReturnType<typeof gatherInputs>): Record<string, Tensor> {
    const { watch } = this.setting;
    return runForward(this.tf, step.op, inputs, this.attrsOf(step), { nodeId: step.nodeId, ...(watch && { watch }) });
  }

  private attrsOf(step: PlanStep): PlanStep['attrs'] {
    if (step.op.name === StepIndex.name) return { value: this.testing ? -1 : this.stepCount };
    return step.feed ? this.compiled.feeds.get(step.nodeId)! : step.attrs;
  }
}
