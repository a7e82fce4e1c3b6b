import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import type { NodeCost, Timeline } from '../../src/runtime/reports';
import { GraphBuilder } from '../support/graph-builder';
import { sessions } from '../support/session';

const newSession = sessions();

/** a [2,3] · b [3,2] → an array script doubling it → a tensor script taking its sine → Sum. */
const graph = new GraphBuilder()
  .input('a', [1, 2, 3, 4, 5, 6], [2, 3])
  .input('b', [1, 0, 0, 1, 1, 1], [3, 2])
  .node('mm', 'MatMul', {}, { a: 'a', b: 'b' })
  .node('double', 'ArrayScript', { body: 'return x.map((v) => 2 * v);' }, { x: 'mm' })
  .node('sine', 'TensorScript', { body: 'return tf.sin(x);' }, { x: 'double.y' })
  .node('loss', 'Sum', {}, { input: 'sine.y' })
  .build();

const STEPS = ['a', 'b', 'mm', 'double', 'sine', 'loss'];

function costOf(timeline: Timeline, nodeId: string): NodeCost {
  const found = timeline.nodes.filter((n) => n.nodeId === nodeId);
  expect(found, nodeId).toHaveLength(1);
  return found[0]!;
}

const counts = (c: NodeCost) => ({ readbacks: c.readbacks, uploads: c.uploads, scriptCalls: c.scriptCalls });

describe('a profiled run’s timeline', () => {
  it.each(['eager', 'graph'] as const)('has one entry per step in %s mode, in execution order', async (mode) => {
    const s = newSession();
    const report = await s.run(graph, { mode, profile: true, outputs: ['loss'] });
    expect(report.ok).toBe(true);
    const timeline = report.timeline!;
    expect(timeline.mode).toBe(mode);
    expect(timeline.nodes.map((n) => n.nodeId).sort()).toEqual([...STEPS].sort());
    expect(timeline.totalMs).toBe(report.totalMs);
    // Steps follow one another on one clock; each ends before the next begins.
    for (let i = 1; i < timeline.nodes.length; i++) {
      const before = timeline.nodes[i - 1]!;
      expect(timeline.nodes[i]!.startMs).toBeGreaterThanOrEqual(before.startMs + before.ms);
    }
    if (mode === 'graph') expect(timeline.nodes.map((n) => n.nodeId)).toEqual(report.optimization!.steps);
    // sin(2·(a·b)): a·b = [[4, 5], [10, 11]].
    const expected = [8, 10, 20, 22].reduce((sum, v) => sum + Math.sin(v), 0);
    expect(report.outputs[0]!.summary.values[0]).toBeCloseTo(expected, 5);
  });

  it('names the kernels each node ran, timed on the CPU', async () => {
    const s = newSession();
    for (const mode of ['eager', 'graph'] as const) {
      const timeline = (await s.run(graph, { mode, profile: true, outputs: ['loss'] })).timeline!;
      const mm = costOf(timeline, 'mm');
      expect(mm.kernels.map((k) => k.name)).toContain('BatchMatMul');
      expect(costOf(timeline, 'sine').kernels.map((k) => k.name)).toContain('Sin');
      expect(costOf(timeline, 'loss').kernels.map((k) => k.name)).toContain('Sum');
      // The array script's body is plain JavaScript: no kernel of its own.
      expect(costOf(timeline, 'double').kernels).toEqual([]);
      for (const node of timeline.nodes)
        for (const k of node.kernels) {
          expect(k.ms, `${node.nodeId} ${k.name}`).not.toBeNull();
          expect(k.ms!).toBeGreaterThanOrEqual(0);
        }
    }
  });

  it('counts readbacks, uploads and script calls: graph mode syncs only for the array script and the output', async () => {
    const s = newSession();
    const timeline = (await s.run(graph, { mode: 'graph', profile: true, outputs: ['loss'] })).timeline!;
    // Fed placeholders are uploaded; the array script reads its input back and uploads its result.
    expect(counts(costOf(timeline, 'a'))).toEqual({ readbacks: 0, uploads: 1, scriptCalls: 0 });
    expect(counts(costOf(timeline, 'b'))).toEqual({ readbacks: 0, uploads: 1, scriptCalls: 0 });
    expect(counts(costOf(timeline, 'mm'))).toEqual({ readbacks: 0, uploads: 0, scriptCalls: 0 });
    expect(counts(costOf(timeline, 'double'))).toEqual({ readbacks: 1, uploads: 1, scriptCalls: 1 });
    expect(counts(costOf(timeline, 'sine'))).toEqual({ readbacks: 0, uploads: 0, scriptCalls: 1 });
    // The graph's one output is read back when the run ends.
    expect(counts(costOf(timeline, 'loss'))).toEqual({ readbacks: 1, uploads: 0, scriptCalls: 0 });
  });

  it('counts eager mode’s wait for every value as a readback', async () => {
    const s = newSession();
    const timeline = (await s.run(graph, { mode: 'eager', profile: true, outputs: ['loss'] })).timeline!;
    expect(counts(costOf(timeline, 'a'))).toEqual({ readbacks: 1, uploads: 1, scriptCalls: 0 });
    expect(counts(costOf(timeline, 'mm'))).toEqual({ readbacks: 1, uploads: 0, scriptCalls: 0 });
    expect(counts(costOf(timeline, 'double'))).toEqual({ readbacks: 2, uploads: 1, scriptCalls: 1 });
    expect(counts(costOf(timeline, 'sine'))).toEqual({ readbacks: 1, uploads: 0, scriptCalls: 1 });
    expect(counts(costOf(timeline, 'loss'))).toEqual({ readbacks: 1, uploads: 0, scriptCalls: 0 });
  });

  it('is absent without profile, and profiling leaves neither tensors nor the profiler on', async () => {
    const s = newSession();
    expect((await s.run(graph, { mode: 'graph', outputs: ['loss'] })).timeline).toBeNull();
    const before = tf.memory().numTensors;
    await s.run(graph, { mode: 'graph', profile: true, outputs: ['loss'] });
    // The same plan, the same kept output: the tensor count comes back to where it was.
    expect(tf.memory().numTensors).toBe(before);
    expect(tf.engine().state.profiling).toBe(false);
    const failing = new GraphBuilder()
      .input('x', [1, 2])
      .node('bad', 'ArrayScript', { body: 'throw new Error("no");' }, { x: 'x' })
      .build();
    const report = await s.run(failing, { mode: 'eager', profile: true });
    expect(report.ok).toBe(false);
    expect(counts(costOf(report.timeline!, 'bad'))).toEqual({ readbacks: 1, uploads: 0, scriptCalls: 1 });
    expect(tf.engine().state.profiling).toBe(false);
  });
});
