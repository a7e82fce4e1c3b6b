import { describe, expect, it } from 'vitest';
import type { Validation } from '../../src/graph/validate';
import { withDependentsSkipped } from '../../src/runtime/host/excluded-nodes';

/**
 * A validation of the chain constructor → valueOf → __proto__ → toString, beside an unconnected
 * node hasOwnProperty: only what withDependentsSkipped reads (the order and each node's inputs).
 */
function chainOfPrototypeKeys(): Validation {
  const chain = ['constructor', 'valueOf', '__proto__', 'toString'];
  const nodes = new Map<string, { inputRefs: { node: string; port: string }[] }>(
    chain.map((id, k) => [id, { inputRefs: k ? [{ node: chain[k - 1]!, port: 'y' }] : [] }]),
  );
  nodes.set('hasOwnProperty', { inputRefs: [] });
  return { order: [...chain, 'hasOwnProperty'], nodes } as unknown as Validation;
}

const entries = (reasons: Record<string, string>) => Object.entries(reasons).sort(([a], [b]) => a.localeCompare(b));

describe('withDependentsSkipped with Object.prototype keys as node ids', () => {
  it('leaves out nothing when nothing failed', () => {
    const reasons = withDependentsSkipped(chainOfPrototypeKeys(), {});
    expect(entries(reasons)).toEqual([]);
    expect(reasons['valueOf']).toBeUndefined();
    expect(reasons['constructor']).toBeUndefined();
    expect('toString' in reasons).toBe(false);
  });

  it('skips what depends on a failed node named constructor, and nothing else', () => {
    const failed = Object.fromEntries([['constructor', 'timed out after 5 ms']]);
    expect(entries(withDependentsSkipped(chainOfPrototypeKeys(), failed))).toEqual([
      ['__proto__', 'skipped because constructor failed'],
      ['constructor', 'timed out after 5 ms'],
      ['toString', 'skipped because constructor failed'],
      ['valueOf', 'skipped because constructor failed'],
    ]);
  });

  it('keeps a reason given for a node named __proto__ as its own entry', () => {
    const failed = Object.fromEntries([['__proto__', 'not run: this graph is not trusted yet']]);
    const reasons = withDependentsSkipped(chainOfPrototypeKeys(), failed);
    expect(entries(reasons)).toEqual([
      ['__proto__', 'not run: this graph is not trusted yet'],
      ['toString', 'skipped because __proto__ failed'],
    ]);
    expect(Object.getPrototypeOf(reasons)).toBeNull();
  });
});
