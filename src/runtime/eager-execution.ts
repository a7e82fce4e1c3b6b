import type { Tensor, TF } from '../ops/define-op';
import type { Execution, Feeds, StepRecord } from './execution';
import { now } from './execution';
import { gatherInputs } from './gather-inputs';
import { runForward } from './forward';
import type { Plan } from './plan';

/**
 * Eager mode: one node at a time, waiting for each node's values before the next, and keeping
 * every intermediate for inspection. It can stop after any step and go on later (step-through).
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

  constructor(
    private readonly tf: TF,
    readonly plan: Plan,
    private readonly feeds: Feeds,
  ) {
    this.values = new Array(plan.slots.length);
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
    return this.nextStep >= this.plan.steps.length || this.error !== null;
  }

  value(slot: number): Tensor | undefined {
    return this.values[slot];
  }

  /** Runs the next step; returns its record, or null when there is nothing left to run. */
  async step(): Promise<StepRecord | null> {
    if (this.done) return null;
    const i = this.nextStep++;
    const step = this.plan.steps[i]!;
    const record = this.records[i]!;
    const start = now();
    try {
      const attrs = step.feed ? this.feeds.get(step.nodeId)! : step.attrs;
      const outs = runForward(this.tf, step.op, gatherInputs(step, this.values), attrs);
      step.outputPorts.forEach((port, k) => (this.values[step.outputSlots[k]!] = outs[port]));
      await Promise.all(Object.values(outs).map((t) => t.data()));
      record.status = 'ok';
    } catch (e) {
      this.error = { nodeId: step.nodeId, message: (e as Error).message };
      record.status = 'error';
      record.error = this.error.message;
      for (let j = i + 1; j < this.records.length; j++) this.records[j]!.status = 'skipped';
    }
    record.ms = now() - start;
    this.totalMs += record.ms;
    const state = this.tf.engine().state;
    this.peakTensors = Math.max(this.peakTensors, state.numTensors - this.baseTensors);
    this.peakBytes = Math.max(this.peakBytes, state.numBytes - this.baseBytes);
    return record;
  }

  /** Runs until `steps` steps have run in total (or the end, or an error). */
  async runUntil(steps = Infinity): Promise<this> {
    while (!this.done && this.nextStep < steps) await this.step();
    return this;
  }

  dispose(): void {
    for (let s = 0; s < this.values.length; s++) if (!this.plan.constants.has(s)) this.values[s]?.dispose();
    this.values.fill(undefined);
  }
}
