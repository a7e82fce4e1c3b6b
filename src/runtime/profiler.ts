import type { HostTraffic, TF } from '../ops/define-op';
import { now, type Execution } from './execution';
import type { Plan } from './plan';
import type { NodeCost, Timeline } from './reports';

/** What one step did between host and device: the runtime, and an array script, add to it. */
export interface StepCounts extends HostTraffic {
  scriptCalls: number;
}

type KernelRecord = Awaited<ReturnType<TF['profile']>>['kernels'][number];

interface StepMark {
  readonly nodeId: string;
  readonly startMs: number;
  readonly ms: number;
  /** The profiler's kernel list from `firstKernel` up to `endKernel` holds the step's kernels. */
  readonly firstKernel: number;
  readonly endKernel: number;
  readonly counts: StepCounts;
}

/**
 * Marks where each step of a profiled run begins and ends: its time, the kernels `tf.profile`
 * listed meanwhile (the list's length at each boundary), and the counts of `counts`.
 */
export class StepProfiler {
  /** The current step's counts, handed to the step as it runs. */
  counts: StepCounts = noCounts();
  private readonly marks: StepMark[] = [];
  private readonly start = now();
  private stepStart = 0;
  private firstKernel = 0;

  constructor(private readonly tf: TF) {}

  begin(): void {
    this.counts = noCounts();
    this.firstKernel = this.kernelCount();
    this.stepStart = now();
  }

  end(nodeId: string): void {
    const end = now();
    this.marks.push({
      nodeId,
      startMs: this.stepStart - this.start,
      ms: end - this.stepStart,
      firstKernel: this.firstKernel,
      endKernel: this.kernelCount(),
      counts: this.counts,
    });
  }

  /** Graph mode's wait for its outputs after the last step: a readback of each, charged to the node that made it. */
  outputsRead(plan: Plan, read: (slot: number) => boolean): void {
    for (const { slot, node } of plan.outputs) {
      if (!read(slot)) continue;
      const mark = this.marks.findLast((m) => m.nodeId === node);
      if (mark) mark.counts.readbacks++;
    }
  }

  timeline(execution: Execution, kernels: readonly KernelRecord[], timed: boolean): Timeline {
    const nodes: NodeCost[] = this.marks.map((m) => ({
      nodeId: m.nodeId,
      startMs: m.startMs,
      ms: m.ms,
      kernels: kernels.slice(m.firstKernel, m.endKernel).map((k) => ({
        name: k.name,
        ms: timed && typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs : null,
      })),
      readbacks: m.counts.readbacks,
      uploads: m.counts.uploads,
      scriptCalls: m.counts.scriptCalls,
    }));
    return { mode: execution.mode, totalMs: execution.totalMs, nodes };
  }

  private kernelCount(): number {
    return this.tf.engine().state.activeProfile.kernels.length;
  }
}

/**
 * Runs `run` under `tf.profile`, which times every kernel, and gives the steps' costs with the
 * execution. The profiler is switched off again even when the run throws (tfjs would leave it on).
 */
export async function profiledRun<E extends Execution>(
  tf: TF,
  run: (profiler: StepProfiler) => Promise<E>,
): Promise<{ execution: E; timeline: Timeline }> {
  const profiler = new StepProfiler(tf);
  let execution: E | undefined;
  let failure: { error: unknown } | undefined;
  const info = await tf.profile(async () => {
    try {
      execution = await run(profiler);
    } catch (error) {
      failure = { error };
    }
  });
  if (failure) throw failure.error;
  return { execution: execution!, timeline: profiler.timeline(execution!, info.kernels, kernelsTimed(tf)) };
}

/**
 * Whether `tf.profile`'s kernel times mean anything here: on WebGPU only with the adapter's
 * timestamp queries (without them tfjs reports 0 for every kernel); the CPU and WASM backends
 * time each kernel's call.
 */
function kernelsTimed(tf: TF): boolean {
  if (tf.getBackend() !== 'webgpu') return true;
  return (tf.backend() as { supportTimestampQuery?: boolean }).supportTimestampQuery === true;
}

function noCounts(): StepCounts {
  return { readbacks: 0, uploads: 0, scriptCalls: 0 };
}
