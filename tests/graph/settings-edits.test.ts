import { describe, expect, it } from 'vitest';
import {
  enabledPasses,
  returnedIds,
  sinkIds,
  withoutNodes,
  withPass,
  withReturned,
} from '../../src/graph/settings-edits';
import type { Graph } from '../../src/graph/types';

const scalar = { dtype: 'float32', shape: [], values: [1] } as const;

/** a → b → c, and d alone: the sinks are c and d. */
const graph: Graph = {
  nodes: [
    { id: 'a', op: 'Const', attrs: { value: scalar } },
    { id: 'b', op: 'Neg', attrs: {} },
    { id: 'c', op: 'Neg', attrs: {} },
    { id: 'd', op: 'Const', attrs: { value: scalar } },
  ],
  edges: [
    { id: 'e1', source: 'a', sourcePort: 'output', target: 'b', targetPort: 'x' },
    { id: 'e2', source: 'b', sourcePort: 'y', target: 'c', targetPort: 'x' },
  ],
};

describe('graph mode passes in the settings', () => {
  it('runs every pass while the settings name none', () => {
    expect(enabledPasses({})).toEqual(['prune', 'fold', 'cse', 'simplify', 'fuse']);
  });

  it('lists the passes left on, in order, once one is off, and forgets the list when all are on again', () => {
    const off = withPass({ mode: 'graph' }, 'fold', false);
    expect(off).toEqual({ mode: 'graph', passes: ['prune', 'cse', 'simplify', 'fuse'] });
    const two = withPass(off, 'prune', false);
    expect(two.passes).toEqual(['cse', 'simplify', 'fuse']);
    const back = withPass(withPass(two, 'fold', true), 'prune', true);
    expect(back).toEqual({ mode: 'graph' });
    expect('passes' in back).toBe(false);
  });
});

describe('returned outputs in the settings', () => {
  it('returns the nodes nothing reads until the document names its outputs', () => {
    expect(sinkIds(graph)).toEqual(['c', 'd']);
    expect(returnedIds(graph, {})).toEqual(['c', 'd']);
    expect(returnedIds(graph, { outputs: ['b'] })).toEqual(['b']);
  });

  it('turns the sinks into an explicit list at the first choice', () => {
    expect(withReturned(graph, {}, 'b', true)).toEqual({ outputs: ['c', 'd', 'b'] });
    expect(withReturned(graph, {}, 'd', false)).toEqual({ outputs: ['c'] });
    // Ticking a node already returned changes nothing.
    expect(withReturned(graph, { outputs: ['b'] }, 'b', true)).toEqual({ outputs: ['b'] });
  });

  it('goes back to the sinks when the last returned node is taken out', () => {
    const settings = withReturned(graph, { mode: 'graph', outputs: ['b'] }, 'b', false);
    expect(settings).toEqual({ mode: 'graph' });
    expect(returnedIds(graph, settings)).toEqual(['c', 'd']);
  });

  it('drops deleted nodes from the outputs, and the list when none is left', () => {
    const settings = { mode: 'graph' as const, outputs: ['b', 'c'] };
    expect(withoutNodes(settings, new Set(['c', 'd']))).toEqual({ mode: 'graph', outputs: ['b'] });
    expect(withoutNodes(settings, new Set(['b', 'c']))).toEqual({ mode: 'graph' });
    // Nothing named is deleted: the same object, so that no listener hears of a change.
    expect(withoutNodes(settings, new Set(['a']))).toBe(settings);
  });
});
