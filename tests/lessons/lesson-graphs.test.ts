import { describe, expect, test } from 'vitest';
import type { DocumentSettings } from '../../src/graph/document-settings';
import type { Graph } from '../../src/graph/types';
import type { RunReport } from '../../src/runtime/reports';
import { lessonById, type Lesson } from '../../src/store/lessons';
import { sessions } from '../support/session';
import { lessonFile, world } from './lesson-world';

/**
 * Each lesson's graph run by the real runtime (tfjs on the CPU) as the learner's actions would run
 * it, and the lesson's checks applied to those reports: what the lessons say happens does happen.
 */
const newSession = sessions();

function lesson(id: string): Lesson & { graph: Graph; settings: DocumentSettings } {
  const found = lessonById(id)!;
  return { ...found, ...lessonFile(found.file), settings: lessonFile(found.file).settings ?? {} };
}

const holds = (l: Lesson, step: number, w: Parameters<NonNullable<Lesson['steps'][number]['check']>>[0]) =>
  l.steps[step]!.check!(w);

const graphRun = (report: RunReport) => ({ mode: 'graph' as const, report });

describe('the lessons, on the real runtime', () => {
  test('eager vs graph: eager mode holds the three 1 MiB intermediates at once, graph mode at most two', async () => {
    const l = lesson('eager-vs-graph');
    const eager = await newSession().run(l.graph, { mode: 'eager' });
    const graph = await newSession().run(l.graph, { mode: 'graph' });
    expect(eager.peakBytes).toBeGreaterThanOrEqual(3 * 1024 ** 2);
    expect(graph.peakBytes).toBeLessThanOrEqual(2 * 1024 ** 2);
    expect(holds(l, 0, world(l.graph, { run: { report: eager }, selection: ['square'] }))).toBe(true);
    expect(holds(l, 1, world(l.graph, { run: graphRun(graph) }))).toBe(true);
  });

  test('non-strict execution: the Reshape fails eagerly, is pruned in graph mode, and fails there once returned', async () => {
    const l = lesson('non-strict');
    const eager = await newSession().run(l.graph, { mode: 'eager' });
    expect(holds(l, 0, world(l.graph, { run: { report: eager }, selection: ['reshaped'] }))).toBe(true);
    const graph = await newSession().run(l.graph, { mode: 'graph', outputs: l.settings.outputs });
    expect(holds(l, 1, world(l.graph, { settings: l.settings, run: graphRun(graph) }))).toBe(true);
    const returned = { ...l.settings, outputs: ['y', 'reshaped'] };
    const both = await newSession().run(l.graph, { mode: 'graph', outputs: returned.outputs });
    expect(holds(l, 2, world(l.graph, { settings: returned, run: graphRun(both) }))).toBe(true);
  });

  test('folding and pruning: 2·3 folded and exp(x) pruned in 2 steps; without folding, 5 steps', async () => {
    const l = lesson('folding-and-pruning');
    const folded = await newSession().run(l.graph, { mode: 'graph', outputs: l.settings.outputs });
    expect(folded.optimization?.steps).toHaveLength(2);
    const shown = { ...graphRun(folded), planShown: true };
    expect(holds(l, 0, world(l.graph, { settings: l.settings, run: shown }))).toBe(true);
    const passes = ['prune', 'cse', 'simplify', 'fuse'] as const;
    const unfolded = await newSession().run(l.graph, { mode: 'graph', outputs: l.settings.outputs, passes });
    expect(unfolded.optimization?.steps).toHaveLength(5);
    expect(holds(l, 1, world(l.graph, { settings: { ...l.settings, passes }, run: graphRun(unfolded) }))).toBe(true);
  });

  test('what retraces: a new shape traces; within the signature [null, 3] it does not', async () => {
    const l = lesson('retracing');
    const session = newSession();
    const withX = (graph: Graph, shape: number[], signature?: string): Graph => ({
      ...graph,
      nodes: graph.nodes.map((n) =>
        n.id === 'x'
          ? {
              ...n,
              attrs: {
                ...n.attrs,
                value: { dtype: 'float32', shape, values: Array.from({ length: shape[0]! * 3 }, (_, i) => i) },
                ...(signature && { signature }),
              },
            }
          : n,
      ),
    });
    await session.run(l.graph, { mode: 'graph' });
    const reshaped = withX(l.graph, [4, 3]);
    const retraced = await session.run(reshaped, { mode: 'graph' });
    expect(holds(l, 0, world(reshaped, { run: graphRun(retraced) }))).toBe(true);
    const signed = withX(l.graph, [4, 3], '[null, 3]');
    expect(holds(l, 2, world(signed, { run: graphRun(await session.run(signed, { mode: 'graph' })) }))).toBe(true);
    const fits = withX(l.graph, [5, 3], '[null, 3]');
    const reused = await session.run(fits, { mode: 'graph' });
    expect(reused.trace?.traced).toBe(false);
    expect(holds(l, 3, world(fits, { run: graphRun(reused) }))).toBe(true);
  });

  test('the exit hatch: the op of constants folds, the script does not, and it reads back once a run', async () => {
    const l = lesson('script-exit-hatch');
    const report = await newSession().run(l.graph, { mode: 'graph', profile: true });
    expect(holds(l, 0, world(l.graph, { run: { ...graphRun(report), planShown: true } }))).toBe(true);
    expect(report.timeline?.nodes.find((n) => n.nodeId === 'double_script')?.readbacks).toBe(1);
    expect(holds(l, 1, world(l.graph, { run: graphRun(report) }))).toBe(true);
  });

  test('a custom gradient: NaN at x = 100 through the ops, 1 through the gradient body', async () => {
    const l = lesson('custom-gradient');
    const session = newSession();
    await session.run(l.graph, { mode: 'eager' });
    const naive = await session.computeGradients(l.graph, 'naive_loss');
    const atX = (g: typeof naive) => {
      const port = g.nodes['x']?.['output'];
      return port && 'summary' in port ? port.summary.values : null;
    };
    expect(atX(naive)?.map((v) => Number(v.toFixed(5)))).toEqual([0.5, 0.99995, NaN]);
    const run = { gradientTarget: 'naive_loss', gradients: naive };
    expect(holds(l, 1, world(l.graph, { run, selection: ['x'] }))).toBe(true);
    const custom = await session.computeGradients(l.graph, 'custom_loss');
    expect(atX(custom)?.map((v) => Number(v.toFixed(5)))).toEqual([0.5, 0.99995, 1]);
    expect(
      holds(l, 2, world(l.graph, { run: { gradientTarget: 'custom_loss', gradients: custom }, selection: ['x'] })),
    ).toBe(true);
  });
});
