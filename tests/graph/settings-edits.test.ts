import { describe, expect, it } from 'vitest';
import { enabledPasses, returnedIds, withoutNodes, withPass, withReturned } from '../../src/graph/settings-edits';

/** What graph mode returns while the document names no outputs (the runner's sinks). */
const sinks = ['c', 'd'];

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
  it('returns the implicit list until the document names its outputs', () => {
    expect(returnedIds({}, sinks)).toEqual(['c', 'd']);
    expect(returnedIds({ outputs: ['b'] }, sinks)).toEqual(['b']);
  });

  it('turns the implicit list into an explicit one at the first choice', () => {
    expect(withReturned({}, 'b', true, sinks)).toEqual({ outputs: ['c', 'd', 'b'] });
    expect(withReturned({}, 'd', false, sinks)).toEqual({ outputs: ['c'] });
    // Ticking a node already returned changes nothing.
    expect(withReturned({ outputs: ['b'] }, 'b', true, sinks)).toEqual({ outputs: ['b'] });
  });

  it('goes back to the implicit list when the last returned node is taken out', () => {
    const settings = withReturned({ mode: 'graph', outputs: ['b'] }, 'b', false, sinks);
    expect(settings).toEqual({ mode: 'graph' });
    expect(returnedIds(settings, sinks)).toEqual(['c', 'd']);
  });

  it('drops deleted nodes from the outputs, and the list when none is left', () => {
    const settings = { mode: 'graph' as const, outputs: ['b', 'c'] };
    expect(withoutNodes(settings, new Set(['c', 'd']))).toEqual({ mode: 'graph', outputs: ['b'] });
    expect(withoutNodes(settings, new Set(['b', 'c']))).toEqual({ mode: 'graph' });
    // Nothing named is deleted: the same object, so that no listener hears of a change.
    expect(withoutNodes(settings, new Set(['a']))).toBe(settings);
  });
});
