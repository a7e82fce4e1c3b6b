import { attrsKey } from '../graph/attr-key';
import { own } from '../graph/own';
import type { Tensor, TF } from '../ops/define-op';
import type { Execution, Feeds, StepRecord } from './execution';
import { now } from './execution';
import { gatherInputs } from './gather-inputs';
import { emptyOutputs, runStep, type ScriptWatch } from './forward';
import type { Plan } from './plan';
import type { StepProfiler } from './profiler';
import { failedUpstream } from './run-graph';

/** Interned signatures: equal ids mean the same op, attributes and (recursively) inputs. */
export type SignatureTable = Map<string, number>;

/**
 * Eager mode: one node at a time, waiting for each node's values before the next, and keeping
 * every intermediate for inspection. It can stop after any step and go on later (step-through).
 *
 * Given the previous eager run, a step whose op, attributes and inputs are all unchanged takes
 * over that run's value instead of computing it again, so an edit re-runs only what is downstream.
 */
export class EagerExecution implements Execution {
  readonly mode = 'eager';
  readonly records: StepRecord[];
  error: Execution['error'] = null;
  totalMs = 0;
  peakTensors = 0;
  peakBytes = 0;
  private readonly values: (Tensor | undefined)[];
  private readonly baseTensors: number;
  private readonly baseBytes: number;
  private nextStep = 0;
  /** Per slot, the signature of the value in it. */
  private readonly signatures: number[];
  /** Signature → slot, for values a later run may take over. */
  private readonly bySignature = new Map<number, number>();
  /** Per slot left without a value, the label of the node whose failure caused it: what depends on it is skipped. */
  private readonly poisoned: (string | undefined)[] = [];

  constructor(
    private readonly tf: TF,
    readonly plan: Plan,
    private readonly feeds: Feeds,
    private readonly reuse: { table: SignatureTable; previous: EagerExecution | null } | null = null,
    private readonly watch?: ScriptWatch,
    /** Marks each step's bounds in a profiled run. */
    private readonly profiler?: StepProfiler,
  ) {
    this.values = new Array(plan.slots.length);
    this.signatures = new Array(plan.slots.length);
    for (const [slot, t] of plan.constants) this.values[slot] = t;
    this.records = plan.steps.map((s) => ({ nodeId: s.nodeId, status: 'pending', ms: null }));
    const state = tf.engine().state;
    this.baseTensors = state.numTensors;
    this.baseBytes = state.numBytes;
  }

  /** Index of the step that runs next; equals the step count when the run is over. */
  get position(): number {
    return this.nextStep;
  }

  get done(): boolean {
    return this.nextStep >= this.plan.steps.length;
  }

  value(slot: number): Tensor | undefined {
    return this.values[slot];
  }

  /** Runs the next step; returns its record, or null when there is nothing left to run. */
  async step(): Promise<StepRecord | null> {
    if (this.done) return null;
    const i = this.nextStep++;
    const step = this.plan.steps[i]!;
    this.profiler?.begin();
    const record = await this.execute(step, this.records[i]!);
    this.profiler?.end(step.nodeId);
    return record;
  }

  private async execute(step: Plan['steps'][number], record: StepRecord): Promise<StepRecord> {
    const attrs = step.feed ? this.feeds.get(step.nodeId)! : step.attrs;
    const blocker = failedUpstream(step, this.poisoned);
    if (blocker !== null) {
      record.status = 'skipped';
      record.error = `skipped because ${blocker} failed`;
      for (const slot of step.outputSlots) this.poisoned[slot] = blocker;
      return record;
    }
    if (step.refusal === null && this.reuse && this.takeOver(step, attrs)) {
      record.status = 'ok';
      record.reused = true;
      return record;
    }
    const start = now();
    try {
      if (step.refusal !== null) throw new Error(step.refusal);
      const outs = step.empty
        ? emptyOutputs(this.tf, step.outputPorts, step.empty)
        : await runStep(this.tf, step.op, gatherInputs(step, this.values), attrs, {
            nodeId: step.nodeId,
            watch: this.watch,
            maxBytes: this.plan.maxBytes,
            sized: step.sized,
            costs: this.profiler?.counts,
          });
      step.outputPorts.forEach((port, k) => (this.values[step.outputSlots[k]!] = own(outs, port)));
      const waited = Object.values(outs);
      await Promise.all(waited.map((t) => t.data()));
      if (this.profiler) this.profiler.counts.readbacks += waited.length;
      record.status = 'ok';
    } catch (e) {
      const message = (e as Error).message;
      this.error ??= { nodeId: step.nodeId, message };
      record.status = 'error';
      record.error = message;
      for (const slot of step.outputSlots) this.poisoned[slot] = step.label;
    }
    record.ms = now() - start;
    this.totalMs += record.ms;
    const state = this.tf.engine().state;
    this.peakTensors = Math.max(this.peakTensors, state.numTensors - this.baseTensors);
    this.peakBytes = Math.max(this.peakBytes, state.numBytes - this.baseBytes);
    return record;
  }

  /** Signs the step's outputs; takes over the previous run's values when it made the same ones. */
  private takeOver(step: Plan['steps'][number], attrs: Plan['steps'][number]['attrs']): boolean {
    const { table, previous } = this.reuse!;
    const inputs = step.inputSlots.map((s) =>
      typeof s === 'number' ? this.signatures[s] : s.map((x) => this.signatures[x]).join('+'),
    );
    // A script may read the clock or Math.random: it runs every time, and so does what it feeds.
    const key =
      step.op.kind === 'script' ? `script#${table.size}` : `${step.op.name}{${attrsKey(attrs)}}(${inputs.join(',')})`;
    const slots = step.outputSlots;
    const signatures = slots.map((_, k) => intern(table, `${key}#${k}`));
    slots.forEach((slot, k) => {
      this.signatures[slot] = signatures[k]!;
      this.bySignature.set(signatures[k]!, slot);
    });
    const taken = previous ? signatures.map((sig) => previous.give(sig)) : [];
    if (!taken.length || taken.some((t) => !t)) {
      // Put back whatever was taken: the step runs afresh and the previous run frees the rest.
      taken.forEach((t) => t?.dispose());
      return false;
    }
    slots.forEach((slot, k) => (this.values[slot] = taken[k]));
    return true;
  }

  /** Hands over a kept value with this signature, so that `dispose` no longer frees it. */
  private give(signature: number): Tensor | undefined {
    const slot = this.bySignature.get(signature);
    if (slot === undefined) return undefined;
    const tensor = this.values[slot];
    if (!tensor || tensor.isDisposed || this.plan.constants.has(slot)) return undefined;
    this.values[slot] = undefined;
    this.bySignature.delete(signature);
    return tensor;
  }

  /** Runs until `steps` steps have run in total (or the end, an error, or `cancelled()`). */
  async runUntil(steps = Infinity, cancelled: () => boolean = () => false): Promise<this> {
    while (!this.done && this.nextStep < steps && !cancelled()) await this.step();
    return this;
  }

  dispose(): void {
    for (let s = 0; s < this.values.length; s++) if (!this.plan.constants.has(s)) this.values[s]?.dispose();
    this.values.fill(undefined);
  }
}

function intern(table: SignatureTable, key: string): number {
  let id = table.get(key);
  if (id === undefined) table.set(key, (id = table.size));
  return id;
}
