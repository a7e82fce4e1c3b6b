import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Graph } from '../../src/graph/types';
import { createDocumentStore } from '../../src/store/document-store';
import { createRunStore } from '../../src/store/run-store';
import { Runner } from '../../src/store/runner';
import type { RuntimeClient } from '../../src/store/runtime-client';

const scalar = { dtype: 'float32', shape: [], values: [2] } as const;
const vector = { dtype: 'float32', shape: [4], values: [1, 2, 3, 4] } as const;

/** x (a vector) summed into a scalar named `total`; `extra` adds a second scalar. */
const graph = (extra = false): Graph => ({
  nodes: [
    { id: 'x', op: 'Placeholder', attrs: { value: vector } },
    { id: 'sum', op: 'Sum', name: 'total', attrs: {} },
    ...(extra ? [{ id: 'c', op: 'Const', attrs: { value: scalar } }] : []),
  ],
  edges: [{ id: 'e', source: 'x', sourcePort: 'output', target: 'sum', targetPort: 'input' }],
});

/** The stores and a runner whose runtime host never started: what the settings do, without running anything. */
function editor() {
  vi.useFakeTimers();
  const doc = createDocumentStore();
  const run = createRunStore();
  const runner = new Runner({} as RuntimeClient, doc, run);
  return { doc, run, runner };
}

afterEach(() => vi.useRealTimers());

describe('document settings and the loss target', () => {
  it('runs an opened document as its settings say, and keeps what the user changes in them', () => {
    const { doc, run, runner } = editor();
    doc.getState().load(graph(), 'file', null, true, { lossTarget: 'sum', mode: 'graph', backend: 'cpu' });
    expect(run.getState()).toMatchObject({ mode: 'graph', backendRequest: 'cpu', gradientTarget: 'sum' });
    expect(run.getState().gradientTargetNotice).toBeNull();
    runner.setGradientTarget(null);
    expect(doc.getState().settings).toEqual({ mode: 'graph', backend: 'cpu', lossTarget: undefined });
    runner.setMode('eager');
    runner.setGradientTarget('sum');
    expect(doc.getState().settings).toEqual({ mode: 'eager', backend: 'cpu', lossTarget: 'sum' });
  });

  it('clears the target when another graph opens without it, and says which target went', () => {
    const { doc, run, runner } = editor();
    doc.getState().load(graph(), 'file');
    runner.setGradientTarget('sum');
    // The same ids in another graph: the target belonged to the first one all the same.
    doc.getState().load(graph(true), 'example');
    expect(run.getState().gradientTarget).toBeNull();
    expect(run.getState().gradientTargetNotice).toBe('Loss target total cleared: it belonged to the graph open before');
    expect(doc.getState().settings.lossTarget).toBeUndefined();
  });

  it('refuses a saved target the graph cannot have, with a notice', () => {
    const { doc, run } = editor();
    doc.getState().load(graph(), 'file', null, true, { lossTarget: 'x' });
    expect(run.getState().gradientTarget).toBeNull();
    expect(run.getState().gradientTargetNotice).toBe(
      'The loss target saved with this graph, x, has no scalar float32 output: no gradients are shown',
    );
  });

  it('clears the target when its node is deleted, and when its output stops being a scalar', () => {
    const { doc, run, runner } = editor();
    doc.getState().load(graph(true), 'file');
    runner.setGradientTarget('sum');
    doc.getState().setAttrs('sum', { keep_dims: true });
    expect(run.getState().gradientTarget).toBeNull();
    expect(run.getState().gradientTargetNotice).toBe('Loss target total cleared: it has no scalar float32 output');

    runner.setGradientTarget('c');
    doc.getState().setAttrs('sum', { keep_dims: false });
    expect(run.getState().gradientTarget).toBe('c');
    doc.getState().removeNodes(['c']);
    expect(run.getState().gradientTarget).toBeNull();
    expect(run.getState().gradientTargetNotice).toBe('Loss target c cleared: it was deleted');
    expect(doc.getState().settings.lossTarget).toBeUndefined();
  });
});
