import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { validateGraph } from '../../src/graph/validate';
import { registry } from '../../src/ops/registry';
import { compile } from '../../src/runtime/compile';
import { runForward } from '../../src/runtime/forward';
import type { GradientReport, RunReport } from '../../src/runtime/reports';
import { GraphBuilder, tensor, withAttrs } from '../support/graph-builder';
import { sessions } from '../support/session';
import { live } from '../support/tf';

/**
 * Ops whose forward pass awaits (Where reads its input's values back to learn its output's shape):
 * the runtime awaits them in graph and eager mode, never folds them, and gives the gradient tape
 * the values they made beforehand.
 */
const newSession = sessions();

/** x = [[1, -2, 3], [-4, 5, 0]]: positive at (0, 0), (0, 2) and (1, 1). */
const X = [1, -2, 3, -4, 5, 0];
const POSITIVE = [0, 0, 0, 2, 1, 1];

/** x (a Const, or fed) → x > 0 → Where → its shape, its indices flattened, and Σ x[indices] · k. */
function positives(x: 'constant' | 'input' = 'constant') {
  const b = new GraphBuilder();
  if (x === 'constant') b.constant('x', X, [2, 3]);
  else b.input('x', X, [2, 3]);
  return b
    .constant('zero', [0], [])
    .node('positive', 'Greater', {}, { x: 'x', y: 'zero' })
    .node('where', 'Where', {}, { input: 'positive' })
    .node('rows', 'Shape', {}, { input: 'where' })
    .constant('flat', [-1], [1], 'int32')
    .node('flattened', 'Reshape', {}, { tensor: 'where', shape: 'flat' })
    .node('picked', 'GatherNd', {}, { params: 'x', indices: 'where' })
    .input('k', [2], [])
    .node('scaled', 'Mul', {}, { x: 'picked', y: 'k' })
    .node('loss', 'Sum', {}, { input: 'scaled' })
    .build();
}

const OUTPUTS = ['rows', 'flattened', 'loss'];

function valuesOf(report: RunReport): Record<string, number[]> {
  return Object.fromEntries(report.outputs.map((o) => [o.node, [...o.summary.values]]));
}

function statusOf(report: RunReport): Record<string, string> {
  return Object.fromEntries(report.nodes.map((n) => [n.nodeId, n.status]));
}

function gradientOf(report: GradientReport, node: string, port: string): number[] {
  const g = report.nodes[node]![port]!;
  if (!('summary' in g)) throw new Error(`no gradient at ${node}.${port}: ${g.none}`);
  return [...g.summary.values];
}

describe('ops that await', () => {
  it.each(['graph', 'eager'] as const)('run in %s mode, with what reads their values downstream', async (mode) => {
    const report = await newSession().run(positives(), { mode, outputs: OUTPUTS });
    expect(report.error).toBeNull();
    expect(valuesOf(report)).toEqual({ rows: [3, 2], flattened: POSITIVE, loss: [2 * (1 + 3 + 5)] });
    expect(report.outputs.find((o) => o.node === 'flattened')!.summary.shape).toEqual([6]);
  });

  it('are never folded, though all their inputs are constants', async () => {
    const report = await newSession().run(positives(), { mode: 'graph', outputs: OUTPUTS });
    const status = statusOf(report);
    // What only constants feed folds, up to the op that awaits; from there on everything runs.
    expect(status['positive']).toBe('folded');
    expect([status['where'], status['rows'], status['flattened'], status['picked']]).toEqual(['ok', 'ok', 'ok', 'ok']);

    const compiled = compile(tf, positives(), registry, { outputs: ['where'] });
    if (!compiled.ok) throw new Error('does not compile');
    expect(compiled.plan.folded).toEqual(['positive']);
    expect(compiled.plan.steps.map((s) => s.nodeId)).toEqual(['where']);
    compiled.plan.dispose();
  });

  it('cannot run where the caller cannot wait, and what they make then is freed', async () => {
    const before = live();
    const condition = tf.tensor([1, 0], [2], 'bool');
    expect(() => runForward(tf, registry.get('Where')!, { input: condition }, {})).toThrow(/asynchronously/);
    await new Promise((done) => setTimeout(done));
    condition.dispose();
    expect(live()).toBe(before);
  });

  it('let gradients flow around them: d/dx Σ k · x[Where(x > 0)] is k where x > 0', async () => {
    const report = await newSession().computeGradients(positives('input'), 'loss');
    expect(report.error).toBeNull();
    expect(gradientOf(report, 'x', 'output')).toEqual([2, 0, 2, 0, 2, 0]);
    expect(gradientOf(report, 'k', 'output')).toEqual([1 + 3 + 5]);
    expect(gradientOf(report, 'picked', 'output')).toEqual([2, 2, 2]);
    // Integer indices carry no gradient, and none flows back through Where.
    expect(report.nodes['where']!['index']).toEqual({ none: 'int32 values carry no gradient' });
  });

  it('are taken over from the previous eager run when nothing they depend on changed', async () => {
    const s = newSession();
    const graph = positives('input');
    const first = await s.run(graph, { mode: 'eager', outputs: OUTPUTS });
    expect(first.nodes.filter((n) => n.reused)).toEqual([]);
    const edited = await s.run(withAttrs(graph, 'k', { value: tensor([3], []) }), { mode: 'eager', outputs: OUTPUTS });
    const reused = Object.fromEntries(edited.nodes.map((n) => [n.nodeId, n.reused ?? false]));
    expect(reused).toMatchObject({ where: true, rows: true, picked: true, k: false, scaled: false, loss: false });
    expect(valuesOf(edited)['loss']).toEqual([3 * (1 + 3 + 5)]);
  });

  it('leave no tensor behind, in either mode or in gradients, run after run', async () => {
    const baseline = live();
    const s = newSession();
    for (const mode of ['graph', 'eager', 'graph'] as const)
      await s.run(positives('input'), { mode, outputs: OUTPUTS });
    await s.computeGradients(positives('input'), 'loss');
    await s.computeGradients(positives(), 'loss');
    s.dispose();
    expect(live()).toBe(baseline);
  });

  it('report a failure on the node and skip what depends on it', async () => {
    const graph = new GraphBuilder()
      .input('boxes', [0, 0, 1, 1, 0, 0.1, 1, 1.1], [2, 4])
      .input('scores', [0.9, 0.8])
      .input('iou', [2], [])
      .node('nms', 'NonMaxSuppressionV5', {}, { boxes: 'boxes', scores: 'scores', iou_threshold: 'iou' })
      .node('count', 'Shape', {}, { input: 'nms.selected_indices' })
      .build();
    for (const mode of ['graph', 'eager'] as const) {
      const report = await newSession().run(graph, { mode, outputs: ['count'] });
      expect(report.error?.nodeId).toBe('nms');
      expect(report.error?.message).toMatch(/iou_threshold/);
      expect(statusOf(report)['count']).toBe('skipped');
    }
  });
});

describe('NonMaxSuppressionV5 sizes', () => {
  const graph = (maxOutputSize: 'constant' | 'input') => {
    const b = new GraphBuilder()
      .input('boxes', [0, 0, 1, 1, 0, 0.1, 1, 1.1, 2, 2, 3, 3], [3, 4])
      .input('scores', [0.9, 0.8, 0.7]);
    if (maxOutputSize === 'constant') b.constant('size', [5], [], 'int32');
    else b.input('size', [5], [], 'int32');
    return b
      .node(
        'nms',
        'NonMaxSuppressionV5',
        { pad_to_max_output_size: true },
        { boxes: 'boxes', scores: 'scores', max_output_size: 'size' },
      )
      .build();
  };

  it('are known to validation when padded to a max_output_size from a Const, else when running', async () => {
    expect(validateGraph(graph('constant'), registry).nodes.get('nms')!.types).toEqual({
      selected_indices: { dtype: 'int32', shape: [5] },
      selected_scores: { dtype: 'float32', shape: [5] },
      valid_outputs: { dtype: 'int32', shape: [] },
    });
    expect(validateGraph(graph('input'), registry).nodes.get('nms')!.types!['selected_indices']).toEqual({
      dtype: 'int32',
      shape: [null],
    });
    for (const size of ['constant', 'input'] as const) {
      const report = await newSession().run(graph(size), { mode: 'graph' });
      expect(report.outputs.map((o) => [o.port, o.summary.shape, [...o.summary.values]])).toEqual([
        ['selected_indices', [5], [0, 2, 0, 0, 0]],
        ['selected_scores', [5], [0.9, 0.7, 0, 0, 0].map(Math.fround)],
        ['valid_outputs', [], [2]],
      ]);
    }
  });
});
