import { describe, expect, test } from 'vitest';
import { validationOf } from '../../src/store/document-store';
import { LESSONS, lessonById, type Lesson } from '../../src/store/lessons';
import type { NodeStatus } from '../../src/runtime/reports';
import { lessonFile, report, summary, world } from './lesson-world';

const lesson = (id: string): Lesson => {
  const found = lessonById(id);
  if (!found) throw new Error(`no lesson ${id}`);
  return found;
};
const check = (l: Lesson, step: number) => {
  const c = l.steps[step]?.check;
  if (!c) throw new Error(`${l.id} step ${step + 1} has no check`);
  return c;
};

describe.each(LESSONS.map((l) => [l.id, l] as const))('lesson %s', (_, l) => {
  const { graph, settings } = lessonFile(l.file);

  test('its graph file parses and validates, and says how it runs', () => {
    expect(validationOf(graph).diagnostics).toEqual([]);
    expect(settings?.mode).toMatch(/^(eager|graph)$/);
    const ids = new Set(graph.nodes.map((n) => n.id));
    for (const id of settings?.outputs ?? []) expect(ids.has(id), id).toBe(true);
  });

  test('the nodes its steps highlight are in its graph', () => {
    const ids = new Set(graph.nodes.map((n) => n.id));
    for (const step of l.steps)
      if (step.highlight && 'node' in step.highlight) expect(ids.has(step.highlight.node)).toBe(true);
  });

  test('no check holds on the graph just opened, before anything ran', () => {
    for (const step of l.steps) expect(step.check?.(world(graph, { settings })) ?? false).toBe(false);
  });

  test('it ends with a step to read, so that finishing needs no task', () => {
    expect(l.steps.at(-1)!.check).toBeUndefined();
  });
});

test('lesson ids are unique', () => {
  expect(new Set(LESSONS.map((l) => l.id)).size).toBe(LESSONS.length);
});

describe('eager vs graph', () => {
  const l = lesson('eager-vs-graph');
  const { graph } = lessonFile(l.file);

  test('step 1 holds once "square" is selected after an eager run', () => {
    const eager = report('eager', { square: 'ok' });
    expect(check(l, 0)(world(graph, { run: { report: eager }, selection: ['square'] }))).toBe(true);
    expect(check(l, 0)(world(graph, { run: { report: eager }, selection: ['tanh'] }))).toBe(false);
    expect(check(l, 0)(world(graph, { run: { report: eager, stale: true }, selection: ['square'] }))).toBe(false);
  });

  test('step 2 holds once a graph run finished in graph mode', () => {
    const graphRun = report('graph', { square: 'ok' }, { totalMs: 12.5, peakBytes: 2 * 1024 ** 2 });
    expect(check(l, 1)(world(graph, { run: { mode: 'graph', report: graphRun } }))).toBe(true);
    // Graph mode chosen, its run not back yet: the eager report is still the last one.
    expect(check(l, 1)(world(graph, { run: { mode: 'graph', report: report('eager', {}), running: true } }))).toBe(
      false,
    );
    expect(l.steps[1]!.reading!(world(graph, { run: { mode: 'graph', report: graphRun } }))).toBe(
      'Graph run: 12.5 ms, peak memory 2.0 MiB.',
    );
  });

  test('step 3 holds once Compare has an answer; step 4 reads both modes from it', () => {
    const comparison = {
      eager: report('eager', {}, { totalMs: 40, peakBytes: 4 * 1024 ** 2 }),
      graph: report('graph', {}, { totalMs: 5.25, peakBytes: 1024 ** 2 }),
      training: null,
    };
    expect(check(l, 2)(world(graph, { run: { comparison } }))).toBe(true);
    expect(check(l, 2)(world(graph, { run: { comparison: null } }))).toBe(false);
    expect(l.steps[3]!.reading!(world(graph, { run: { comparison } }))).toBe(
      'Eager: 40.0 ms, peak 4.0 MiB. Graph: 5.25 ms, peak 1.0 MiB.',
    );
  });
});

describe('non-strict execution', () => {
  const l = lesson('non-strict');
  const { graph } = lessonFile(l.file);

  test('step 1 holds once the failing Reshape is selected after the eager run failed there', () => {
    const failed = report('eager', { y: 'ok', reshaped: 'error' });
    expect(check(l, 0)(world(graph, { run: { report: failed }, selection: ['reshaped'] }))).toBe(true);
    expect(check(l, 0)(world(graph, { run: { report: failed }, selection: ['y'] }))).toBe(false);
    const fine = report('eager', { y: 'ok', reshaped: 'ok' });
    expect(check(l, 0)(world(graph, { run: { report: fine }, selection: ['reshaped'] }))).toBe(false);
  });

  test('step 2 holds when graph mode pruned the Reshape and its run succeeded', () => {
    const pruned = report('graph', { y: 'ok', reshaped: 'pruned' });
    expect(check(l, 1)(world(graph, { run: { mode: 'graph', report: pruned } }))).toBe(true);
    const ranIt = report('graph', { y: 'ok', reshaped: 'error' });
    expect(check(l, 1)(world(graph, { run: { mode: 'graph', report: ranIt } }))).toBe(false);
    expect(l.steps[1]!.reading!(world(graph, { run: { mode: 'graph', report: pruned } }))).toBe(
      'In the graph run, reshaped is pruned and the run succeeded.',
    );
  });
});

test('non-strict step 3 holds once the Reshape is returned and failed in graph mode', () => {
  const l = lesson('non-strict');
  const { graph, settings } = lessonFile(l.file);
  const returned = { ...settings, outputs: ['y', 'reshaped'] };
  const failed = report('graph', { y: 'ok', reshaped: 'error' });
  expect(check(l, 2)(world(graph, { settings: returned, run: { mode: 'graph', report: failed } }))).toBe(true);
  expect(check(l, 2)(world(graph, { settings, run: { mode: 'graph', report: failed } }))).toBe(false);
  const pruned = report('graph', { y: 'ok', reshaped: 'pruned' });
  expect(check(l, 2)(world(graph, { settings: returned, run: { mode: 'graph', report: pruned } }))).toBe(false);
});

describe('gradients and a custom gradient', () => {
  const l = lesson('custom-gradient');
  const { graph } = lessonFile(l.file);
  const gradients = (at: number[]) => ({
    ok: true,
    target: null,
    diagnostics: [],
    error: null,
    nodes: { x: { output: { summary: summary(at) } } },
    variables: [],
  });
  const naive = gradients([0.5, 0.9999546, NaN]);
  const custom = gradients([0.5, 0.9999546, 1]);

  test('step 1 holds once naive_loss is the loss target and its gradients came', () => {
    expect(check(l, 0)(world(graph, { run: { gradientTarget: 'naive_loss', gradients: naive } }))).toBe(true);
    expect(check(l, 0)(world(graph, { run: { gradientTarget: 'naive_loss', gradients: null } }))).toBe(false);
    expect(check(l, 0)(world(graph, { run: { gradientTarget: 'custom_loss', gradients: custom } }))).toBe(false);
  });

  test('step 2 holds with x selected and a NaN in d naive_loss / d x', () => {
    const run = { gradientTarget: 'naive_loss', gradients: naive };
    expect(check(l, 1)(world(graph, { run, selection: ['x'] }))).toBe(true);
    expect(check(l, 1)(world(graph, { run }))).toBe(false);
    expect(l.steps[1]!.reading!(world(graph, { run }))).toBe('d naive_loss / d x = [0.5, 0.999955, NaN]');
  });

  test("step 3 holds with x selected and custom_loss's gradient finite", () => {
    const run = { gradientTarget: 'custom_loss', gradients: custom };
    expect(check(l, 2)(world(graph, { run, selection: ['x'] }))).toBe(true);
    expect(
      check(l, 2)(world(graph, { run: { gradientTarget: 'custom_loss', gradients: naive }, selection: ['x'] })),
    ).toBe(false);
    expect(l.steps[2]!.reading!(world(graph, { run }))).toBe('d custom_loss / d x = [0.5, 0.999955, 1]');
  });
});

describe('constant folding and pruning', () => {
  const l = lesson('folding-and-pruning');
  const { graph, settings } = lessonFile(l.file);
  /** A graph run whose plan has `steps` and the fold pass on or off. */
  const planned = (steps: string[], fold: boolean, statuses: Record<string, NodeStatus>) =>
    report('graph', statuses, {
      optimization: {
        passes: [
          { pass: 'prune', enabled: true, changes: [{ kind: 'pruned', node: 'unused' }] },
          { pass: 'fold', enabled: fold, changes: fold ? [{ kind: 'folded', node: 'six' }] : [] },
        ],
        steps,
        frees: steps.map(() => []),
      },
    });
  const folded = planned(['x', 'y'], true, { six: 'folded', unused: 'pruned', y: 'ok' });
  const unfolded = planned(['x', 'two', 'three', 'six', 'y'], false, { six: 'ok', unused: 'pruned', y: 'ok' });
  const noFold = { ...settings, passes: ['prune', 'cse', 'simplify', 'fuse'] as const };

  test('step 1 holds once Show plan is on and a graph run folded 2·3 and pruned exp(x), and reads the step count', () => {
    expect(check(l, 0)(world(graph, { settings, run: { mode: 'graph', report: folded, planShown: true } }))).toBe(true);
    expect(check(l, 0)(world(graph, { settings, run: { mode: 'graph', report: folded } }))).toBe(false);
    expect(
      check(l, 0)(world(graph, { settings, run: { mode: 'eager', report: report('eager', { six: 'ok' }) } })),
    ).toBe(false);
    expect(l.steps[0]!.reading!(world(graph, { settings, run: { mode: 'graph', report: folded } }))).toBe(
      'The plan runs 2 steps: 2·3 was folded into 6, exp(x) was pruned.',
    );
  });

  test('step 2 holds once folding is off in the settings and the run after it computed 2·3', () => {
    expect(check(l, 1)(world(graph, { settings: noFold, run: { mode: 'graph', report: unfolded } }))).toBe(true);
    // Switched off, the graph not run again yet.
    expect(check(l, 1)(world(graph, { settings: noFold, run: { mode: 'graph', report: folded } }))).toBe(false);
    expect(check(l, 1)(world(graph, { settings, run: { mode: 'graph', report: folded } }))).toBe(false);
    expect(l.steps[1]!.reading!(world(graph, { settings: noFold, run: { mode: 'graph', report: unfolded } }))).toBe(
      'The plan now runs 5 steps.',
    );
  });

  test('step 3 holds once exp(x) is returned and ran', () => {
    const returned = { ...settings, outputs: ['y', 'unused'] };
    const ran = report('graph', { unused: 'ok', y: 'ok' });
    expect(check(l, 2)(world(graph, { settings: returned, run: { mode: 'graph', report: ran } }))).toBe(true);
    expect(check(l, 2)(world(graph, { settings, run: { mode: 'graph', report: folded } }))).toBe(false);
  });
});

describe('what retraces', () => {
  const l = lesson('retracing');
  const { graph, settings } = lessonFile(l.file);
  const withSignature = (signature: string) => ({
    ...graph,
    nodes: graph.nodes.map((n) => (n.id === 'x' ? { ...n, attrs: { ...n.attrs, signature } } : n)),
  });
  const traced = (traced: boolean, number: number, reasons: string[]) =>
    report('graph', {}, { trace: { traced, number, reasons } });
  const reshaped = traced(true, 2, ['input `x` changed shape [2, 3] → [4, 3]']);
  const reused = traced(false, 3, [
    'input `x` changed shape [4, 3] → [5, 3]: within its signature [null, 3], no retrace',
  ]);
  const run = (report: ReturnType<typeof traced>) => ({ mode: 'graph' as const, report });

  test('step 1 holds once a shape change of x traced anew, and reads the reason', () => {
    expect(check(l, 0)(world(graph, { settings, run: run(reshaped) }))).toBe(true);
    expect(check(l, 0)(world(graph, { settings, run: run(traced(true, 1, ['first call'])) }))).toBe(false);
    expect(l.steps[0]!.reading!(world(graph, { run: run(reshaped) }))).toBe(
      'Traced: trace 2. input x changed shape [2, 3] → [4, 3].',
    );
  });

  test('step 2 points at the trace log and asks for nothing it could not see (the log is a popover)', () => {
    expect(l.steps[1]!.highlight).toEqual({ role: 'button', name: /^Trace log/ });
    expect(l.steps[1]!.check).toBeUndefined();
  });

  test('step 3 holds once x has the signature [null, 3] (in any spelling) and the graph ran', () => {
    const edited = traced(true, 3, ['attribute `signature` of x edited none → [null, 3]']);
    expect(check(l, 2)(world(withSignature('[null, 3]'), { run: run(edited) }))).toBe(true);
    expect(check(l, 2)(world(withSignature('[None,3]'), { run: run(edited) }))).toBe(true);
    expect(check(l, 2)(world(withSignature('[2, 3]'), { run: run(edited) }))).toBe(false);
    expect(check(l, 2)(world(withSignature('[null, 3]'), { run: { mode: 'graph', report: null } }))).toBe(false);
  });

  test('step 4 holds once a shape change within the signature reused the trace', () => {
    expect(check(l, 3)(world(withSignature('[null, 3]'), { run: run(reused) }))).toBe(true);
    expect(check(l, 3)(world(withSignature('[null, 3]'), { run: run(reshaped) }))).toBe(false);
    expect(check(l, 3)(world(graph, { run: run(reused) }))).toBe(false);
    expect(l.steps[3]!.reading!(world(graph, { run: run(reused) }))).toBe(
      'No retrace: trace 3 reused. input x changed shape [4, 3] → [5, 3]: within its signature [null, 3], no retrace.',
    );
  });
});

describe('why a script is the exit hatch', () => {
  const l = lesson('script-exit-hatch');
  const { graph, settings } = lessonFile(l.file);
  const planned = report('graph', { doubled: 'folded', double_script: 'ok', y: 'ok' });
  const cost = (nodeId: string, readbacks: number, scriptCalls: number) => ({
    nodeId,
    startMs: 0,
    ms: 2.5,
    kernels: [],
    readbacks,
    uploads: scriptCalls,
    scriptCalls,
  });
  const profiled = (readbacks: number) =>
    report(
      'graph',
      {},
      {
        timeline: { mode: 'graph', totalMs: 3, nodes: [cost('double_script', readbacks, 1), cost('y', 0, 0)] },
      },
    );

  test('step 1 holds when Show plan is on and graph mode folded the op and ran the script', () => {
    expect(check(l, 0)(world(graph, { settings, run: { mode: 'graph', report: planned, planShown: true } }))).toBe(
      true,
    );
    expect(check(l, 0)(world(graph, { settings, run: { mode: 'graph', report: planned } }))).toBe(false);
    const bothRan = report('graph', { doubled: 'ok', double_script: 'ok' });
    expect(check(l, 0)(world(graph, { settings, run: { mode: 'graph', report: bothRan, planShown: true } }))).toBe(
      false,
    );
    expect(l.steps[0]!.reading!(world(graph, { run: { mode: 'graph', report: planned } }))).toBe(
      'a·2 (op): folded. a·2 (script): runs on every call.',
    );
  });

  test("step 2 holds once a profiled graph run shows the script's readback", () => {
    expect(check(l, 1)(world(graph, { run: { mode: 'graph', report: profiled(1) } }))).toBe(true);
    expect(check(l, 1)(world(graph, { run: { mode: 'graph', report: profiled(0) } }))).toBe(false);
    expect(check(l, 1)(world(graph, { run: { mode: 'graph', report: planned } }))).toBe(false);
    // The Timeline's comparison, before the profiled run after it is back.
    const comparison = { eager: report('eager', {}), graph: profiled(1), training: null };
    expect(check(l, 1)(world(graph, { run: { mode: 'graph', report: planned, comparison } }))).toBe(true);
    expect(l.steps[1]!.reading!(world(graph, { run: { mode: 'graph', report: profiled(1) } }))).toBe(
      'a·2 (script): 1 readback, 1 upload, 1 script call, 2.50 ms.',
    );
  });
});
