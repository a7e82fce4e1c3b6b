import { describe, expect, it, vi } from 'vitest';
import type { Graph } from '../../src/graph/types';
import { createDocumentStore } from '../../src/store/document-store';
import { createRunStore } from '../../src/store/run-store';
import { graphRunOptions, Runner } from '../../src/store/runner';
import type { RuntimeClient } from '../../src/store/runtime-client';

const vector = { dtype: 'float32', shape: [2], values: [1, 2] } as const;

/** x → neg → abs, x → sin; `bad`, a Sin with no input, is invalid. */
const graph: Graph = {
  nodes: [
    { id: 'x', op: 'Placeholder', attrs: { value: vector } },
    { id: 'neg', op: 'Neg', attrs: {} },
    { id: 'abs', op: 'Abs', attrs: {} },
    { id: 'sin', op: 'Sin', attrs: {} },
    { id: 'bad', op: 'Sin', attrs: {} },
  ],
  edges: [
    { id: 'e1', source: 'x', sourcePort: 'output', target: 'neg', targetPort: 'x' },
    { id: 'e2', source: 'neg', sourcePort: 'y', target: 'abs', targetPort: 'x' },
    { id: 'e3', source: 'x', sourcePort: 'output', target: 'sin', targetPort: 'x' },
  ],
};

describe("graph mode's run options from the settings", () => {
  it('returns the sinks that can run, with every pass, while the settings say nothing', () => {
    expect(graphRunOptions(graph, {})).toEqual({
      outputs: ['sin', 'abs'],
      passes: ['prune', 'fold', 'cse', 'simplify', 'fuse'],
    });
  });

  it('returns the chosen outputs that can run, and no others', () => {
    expect(graphRunOptions(graph, { outputs: ['neg', 'bad'] }).outputs).toEqual(['neg']);
    expect(graphRunOptions(graph, { outputs: ['neg', 'sin'] }, { sin: 'timed out after 5 ms' }).outputs).toEqual([
      'neg',
    ]);
  });

  it('with pruning off, keeps every node that can run', () => {
    expect(graphRunOptions(graph, { passes: ['fold'], outputs: ['neg'] })).toEqual({
      outputs: ['neg'],
      passes: ['fold'],
      keep: ['x', 'neg', 'sin', 'abs'],
    });
  });
});

describe('returned outputs in the document', () => {
  it('forgets a deleted node, whichever way it was deleted', () => {
    const doc = createDocumentStore();
    doc.getState().load(graph, 'new', null, true, { mode: 'graph', outputs: ['neg', 'sin', 'abs'] });
    doc.getState().removeNodes(['sin']);
    expect(doc.getState().settings).toEqual({ mode: 'graph', outputs: ['neg', 'abs'] });
    doc.getState().remove(['neg', 'abs'], []);
    expect(doc.getState().settings).toEqual({ mode: 'graph' });
  });

  it('keeps the passes and outputs a file opens with', () => {
    vi.useFakeTimers();
    try {
      const doc = createDocumentStore();
      new Runner({} as RuntimeClient, doc, createRunStore());
      doc.getState().load(graph, 'file', null, true, { mode: 'graph', passes: ['prune'], outputs: ['neg'] });
      expect(doc.getState().settings).toMatchObject({ mode: 'graph', passes: ['prune'], outputs: ['neg'] });
    } finally {
      vi.useRealTimers();
    }
  });
});
