import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import type { Graph } from '../../src/graph/types';
import { DEFAULT_MAX_BYTES, defaultMaxBytes } from '../../src/runtime/memory-budget';
import type { RunReport } from '../../src/runtime/reports';
import type { RunOptions } from '../../src/runtime/session';
import { GraphBuilder } from '../support/graph-builder';
import { sessions } from '../support/session';
import { expectValuesClose } from '../support/tf';

/**
 * The memory budget: a node whose output would pass it is refused before anything is allocated,
 * with the shape and size it would have needed; what does not depend on it still runs.
 */
const newSession = sessions();

const MODES = ['eager', 'graph'] as const;
const GIB = 2 ** 30;
// 30000 · 30000 float32 values: 3.6e9 bytes, 3.35 GiB.
const HUGE = 'output float32[30000, 30000] would take 3.35 GiB, over the 1 GiB budget';

const nodesOf = (report: RunReport) => new Map(report.nodes.map((n) => [n.nodeId, n]));

/** Runs a graph, and says how far tfjs's byte count rose above where it stood before the run. */
async function measured(graph: Graph, options: RunOptions, session = newSession()) {
  const bytesBefore = tf.memory().numBytes;
  const report = await session.run(graph, options);
  return { report, peakBytes: report.peakBytes, bytesAfter: tf.memory().numBytes - bytesBefore };
}

/** `big`, the node under test; beside it `small` = sin(x), which must run; after it `total`, skipped. */
function besideSmall(build: (b: GraphBuilder) => GraphBuilder): Graph {
  return build(new GraphBuilder().input('x', [0, 1, 2]))
    .node('small', 'Sin', {}, { x: 'x' })
    .node('total', 'Sum', {}, { input: 'big' })
    .build();
}

function expectRefused(report: RunReport, message: string): void {
  expect(report.error).toEqual({ nodeId: 'big', message });
  const nodes = nodesOf(report);
  expect(nodes.get('big')).toMatchObject({ status: 'error', error: message });
  expect(nodes.get('total')).toMatchObject({ status: 'skipped', error: 'skipped because big failed' });
  expect(nodes.get('small')!.status).toBe('ok');
  expectValuesClose(report.outputs.find((o) => o.node === 'small')!.summary.values, [0, Math.sin(1), Math.sin(2)]);
}

describe('outputs whose size inference knows', () => {
  it.each(MODES)('Fill [30000, 30000] is refused before it allocates (%s mode)', async (mode) => {
    const graph = besideSmall((b) => b.node('big', 'Fill', { dims: [30000, 30000], value: 1 }));
    const { report, peakBytes, bytesAfter } = await measured(graph, { mode, outputs: ['small', 'total'] });
    expectRefused(report, `Fill ${HUGE}`);
    // Nothing near the 3.35 GiB was ever allocated: the run's peak is that of three small values.
    expect(peakBytes).toBeLessThan(100);
    expect(bytesAfter).toBeLessThan(100);
  });

  it.each(MODES)('so is Fill whose dims a Const gives, which graph mode would fold (%s mode)', async (mode) => {
    const graph = besideSmall((b) =>
      b.constant('dims', [30000, 30000], [2], 'int32').node('big', 'Fill', { value: 1 }, { dims: 'dims' }),
    );
    const { report, peakBytes } = await measured(graph, { mode, outputs: ['small', 'total'] });
    expectRefused(report, `Fill ${HUGE}`);
    expect(peakBytes).toBeLessThan(100);
  });

  it.each(MODES)('[30000, 1] + [1, 30000] is refused before it allocates (%s mode)', async (mode) => {
    const column = Array.from({ length: 30000 }, (_, i) => i);
    const graph = besideSmall((b) =>
      b
        .input('column', column, [30000, 1])
        .input('row', column, [1, 30000])
        .node('big', 'AddV2', {}, { x: 'column', y: 'row' }),
    );
    const { report, peakBytes } = await measured(graph, { mode, outputs: ['small', 'total'] });
    expectRefused(report, `AddV2 ${HUGE}`);
    // The two inputs, 120,000 bytes each, and nothing more.
    expect(peakBytes).toBeLessThanOrEqual(2 * 120_000 + 100);
  });

  it('past 2³² elements, the budget speaks, not "Invalid typed array length"', async () => {
    const graph = besideSmall((b) => b.node('big', 'Fill', { dims: [70000, 70000], value: 1 }));
    const report = (await measured(graph, { outputs: ['small', 'total'] })).report;
    // 4.9e9 values of 4 bytes: 19,600,000,000 bytes.
    expectRefused(report, 'Fill output float32[70000, 70000] would take 18.3 GiB, over the 1 GiB budget');
    const unbounded = (await measured(graph, { outputs: ['small', 'total'], maxBytes: Infinity })).report;
    expectRefused(
      unbounded,
      'Fill output float32[70000, 70000] would hold 4.90e+9 elements, more than one tensor can (4294967295)',
    );
  });

  it('a script whose declared output shape passes the budget is refused before its body runs', async () => {
    const graph = besideSmall((b) =>
      b.node(
        'big',
        'TensorScript',
        {
          outputs: [{ name: 'y', dtype: 'float32', shape: [30000, 30000] }],
          body: 'throw new Error("the body ran");',
        },
        { x: 'x' },
      ),
    );
    expectRefused((await measured(graph, { outputs: ['small', 'total'] })).report, `TensorScript ${HUGE}`);
  });

  it('a node with several outputs names the one that passes it', async () => {
    const graph = besideSmall((b) =>
      b.node(
        'big',
        'TensorScript',
        {
          outputs: [
            { name: 'y', dtype: 'float32', shape: [3] },
            { name: 'wide', dtype: 'float32', shape: [1000] },
          ],
          body: 'return [x, tf.zeros([1000])];',
        },
        { x: 'x' },
      ),
    );
    const { report } = await measured(graph, { outputs: ['small', 'total'], maxBytes: 1000 });
    expectRefused(report, 'TensorScript output "wide" float32[1000] would take 3.91 KiB, over the 1000 bytes budget');
  });
});

describe('outputs whose size is known only when running', () => {
  it.each(MODES)('Fill with dims from a Placeholder is refused before its kernel (%s mode)', async (mode) => {
    const graph = besideSmall((b) =>
      b.input('dims', [30000, 30000], [2], 'int32').node('big', 'Fill', { value: 1 }, { dims: 'dims' }),
    );
    const { report, peakBytes } = await measured(graph, { mode, outputs: ['small', 'total'] });
    expect(report.diagnostics).toEqual([]);
    expectRefused(report, `Fill ${HUGE}`);
    expect(peakBytes).toBeLessThan(100);
  });

  it.each(MODES)('BroadcastTo with a shape from a Placeholder is refused before its kernel (%s mode)', async (mode) => {
    const graph = besideSmall((b) =>
      b
        .input('one', [1])
        .input('shape', [30000, 30000], [2], 'int32')
        .node('big', 'BroadcastTo', {}, { input: 'one', shape: 'shape' }),
    );
    const { report, peakBytes } = await measured(graph, { mode, outputs: ['small', 'total'] });
    expectRefused(report, `BroadcastTo ${HUGE}`);
    expect(peakBytes).toBeLessThan(100);
  });

  it('a Reshape whose shape a tensor gives is checked as it runs: within the budget it runs', async () => {
    const graph = new GraphBuilder()
      .input('x', [1, 2, 3, 4, 5, 6], [2, 3])
      .input('shape', [3, 2], [2], 'int32')
      .node('r', 'Reshape', {}, { tensor: 'x', shape: 'shape' })
      .build();
    for (const mode of MODES) {
      const report = await newSession().run(graph, { mode, maxBytes: 24 });
      expect(report.error).toBeNull();
      expect(report.outputs[0]!.summary).toMatchObject({ shape: [3, 2], values: [1, 2, 3, 4, 5, 6] });
    }
  });

  it.each(MODES)("an array script's result is refused before it is uploaded (%s mode)", async (mode) => {
    const s = newSession();
    const graph = besideSmall((b) =>
      b.node('big', 'ArrayScript', { body: 'return new Float32Array(200);' }, { x: 'x' }),
    );
    const { report, peakBytes } = await measured(graph, { mode, outputs: ['small', 'total'], maxBytes: 400 }, s);
    expectRefused(report, 'ArrayScript output float32[200] would take 800 bytes, over the 400 bytes budget');
    expect(peakBytes).toBeLessThan(100);
  });

  it.each(MODES)("a tensor script's result is refused and freed (%s mode)", async (mode) => {
    const graph = besideSmall((b) => b.node('big', 'TensorScript', { body: 'return tf.zeros([200]);' }, { x: 'x' }));
    const { report, bytesAfter } = await measured(graph, { mode, outputs: ['small', 'total'], maxBytes: 400 });
    expectRefused(report, 'TensorScript output float32[200] would take 800 bytes, over the 400 bytes budget');
    // What stays is the inputs and `small` (eager mode keeps them): the 800 bytes are gone.
    expect(bytesAfter).toBeLessThan(100);
  });

  it('a value read back from the device (Where) is checked once made', async () => {
    const graph = new GraphBuilder()
      .input('x', new Array(100).fill(1), [100], 'bool')
      .node('big', 'Where', {}, { input: 'x' })
      .build();
    // 100 bools take 100 bytes; their 100 positions, int32 [100, 1], take 400.
    const report = await newSession().run(graph, { maxBytes: 399, outputs: ['big'] });
    expect(report.error).toEqual({
      nodeId: 'big',
      message: 'Where output int32[100, 1] would take 400 bytes, over the 399 bytes budget',
    });
  });
});

describe('the budget as a setting', () => {
  it('defaults to 1 GiB on the CPU and WASM backends and 256 MiB on WebGPU', () => {
    expect(DEFAULT_MAX_BYTES).toBe(GIB);
    expect(defaultMaxBytes('cpu')).toBe(GIB);
    expect(defaultMaxBytes('wasm')).toBe(GIB);
    expect(defaultMaxBytes('webgpu')).toBe(GIB / 4);
  });

  it("a session that runs on WebGPU gets WebGPU's default", async () => {
    // 10000 · 10000 · 4 bytes: 381 MiB, within 1 GiB, past 256 MiB.
    const graph = besideSmall((b) => b.node('big', 'Fill', { dims: [10000, 10000], value: 1 }));
    const session = newSession({ name: 'webgpu', reason: 'as if' });
    const report = (await measured(graph, { outputs: ['small', 'total'] }, session)).report;
    expectRefused(report, 'Fill output float32[10000, 10000] would take 381 MiB, over the 256 MiB budget');
  });

  it('a graph within the budget runs, and the budget is part of what a plan is traced for', async () => {
    const s = newSession();
    // 300 · 300 float32 values: exactly 360,000 bytes.
    const graph = new GraphBuilder()
      .constant('dims', [300, 300], [2], 'int32')
      .node('fill', 'Fill', { value: 2 }, { dims: 'dims' })
      .node('total', 'Sum', {}, { input: 'fill' })
      .build();
    const within = await s.run(graph, { maxBytes: 360_000 });
    expect(within.error).toBeNull();
    expect(within.outputs[0]!.summary.values).toEqual([180_000]);
    const over = await s.run(graph, { maxBytes: 359_999 });
    expect(over.error).toEqual({
      nodeId: 'fill',
      message: 'Fill output float32[300, 300] would take 360000 bytes, over the 359999 bytes budget',
    });
    expect((await s.run(graph, { maxBytes: 360_000 })).outputs[0]!.summary.values).toEqual([180_000]);
  });

  it('gradients keep to it too', async () => {
    const graph = new GraphBuilder()
      .input('x', new Array(1000).fill(1))
      .node('y', 'Sin', {}, { x: 'x' })
      .node('loss', 'Sum', {}, { input: 'y' })
      .build();
    const s = newSession();
    const refused = await s.computeGradients(graph, 'loss', { maxBytes: 1000 });
    expect(refused.ok).toBe(false);
    expect(refused.error).toBe(
      'x failed: Placeholder output float32[1000] would take 3.91 KiB, over the 1000 bytes budget',
    );
    const within = await s.computeGradients(graph, 'loss', { maxBytes: 4000 });
    expect(within.error).toBeNull();
    const dx = within.nodes['x']!['output']!;
    expect('summary' in dx && dx.summary.mean).toBeCloseTo(Math.cos(1), 6);
  });

  it.each([0, -1, NaN])('refuses %s as a budget', async (maxBytes) => {
    const graph = new GraphBuilder().input('x', [1]).build();
    await expect(newSession().run(graph, { maxBytes })).rejects.toThrow(
      `maxBytes must be a positive number of bytes, got ${maxBytes}`,
    );
  });
});
