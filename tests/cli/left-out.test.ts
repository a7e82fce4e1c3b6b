import { describe, expect, it } from 'vitest';
import { emptyRun, markLeftOut, outputsLeft, scriptNodeIds } from '../../src/cli/left-out';
import { validateGraph } from '../../src/graph/validate';
import { registry } from '../../src/ops/registry';
import { withDependentsSkipped } from '../../src/runtime/host/excluded-nodes';
import { GraphBuilder } from '../support/graph-builder';

// a → script → s1 → s2; a → b (named "bee")
const graph = new GraphBuilder()
  .input('a', [1, 2])
  .node('script', 'TensorScript', {}, { x: 'a' })
  .node('s1', 'Sin', {}, { x: 'script' })
  .node('s2', 'Cos', {}, { x: 's1' })
  .node('b', 'Neg', {}, { x: 'a' })
  .build();
const validation = validateGraph(
  { ...graph, nodes: graph.nodes.map((n) => (n.id === 'b' ? { ...n, name: 'bee' } : n)) },
  registry,
);

describe('leaving nodes out', () => {
  const excluded = new Map(Object.entries(withDependentsSkipped(validation, { script: 'not run' })));

  it('skips everything downstream, naming the node the skip traces back to', () => {
    expect(scriptNodeIds(validation)).toEqual(['script']);
    expect(Object.fromEntries(excluded)).toEqual({
      script: 'not run',
      s1: 'skipped because script failed',
      s2: 'skipped because script failed',
    });
  });

  it('computes what is left: the requested outputs that may run, else the new ends of the graph', () => {
    expect(outputsLeft(validation, new Map(), undefined)).toBeUndefined();
    expect(outputsLeft(validation, new Map(), ['s2'])).toEqual(['s2']);
    expect(outputsLeft(validation, excluded, undefined)).toEqual(['b']);
    expect(outputsLeft(validation, excluded, ['s2', 'bee', 'nowhere'])).toEqual(['bee', 'nowhere']);
    expect(outputsLeft(validation, excluded, ['s1'])).toEqual([]);
  });

  it('marks the nodes left out on the report, as failed or skipped', () => {
    const report = markLeftOut(emptyRun('graph', validation), excluded, new Set(['script']));
    expect(report.ok).toBe(false);
    expect(Object.fromEntries(report.nodes.map((n) => [n.nodeId, [n.status, n.error]]))).toEqual({
      a: ['pending', undefined],
      script: ['error', 'not run'],
      s1: ['skipped', 'skipped because script failed'],
      s2: ['skipped', 'skipped because script failed'],
      b: ['pending', undefined],
    });
  });
});

describe('leaving nodes out of a graph whose ids are Object.prototype keys', () => {
  // constructor → toString (a script) → valueOf; constructor → __proto__
  const keyed = validateGraph(
    new GraphBuilder()
      .input('constructor', [1, 2])
      .node('toString', 'TensorScript', {}, { x: 'constructor' })
      .node('valueOf', 'Sin', {}, { x: 'toString' })
      .node('__proto__', 'Neg', {}, { x: 'constructor' })
      .build(),
    registry,
  );
  const excluded = new Map(Object.entries(withDependentsSkipped(keyed, { toString: 'not run' })));

  it('leaves out exactly the script and what reads it, and computes the rest', () => {
    expect(Object.fromEntries(excluded)).toEqual({ toString: 'not run', valueOf: 'skipped because toString failed' });
    expect(outputsLeft(keyed, excluded, undefined)).toEqual(['__proto__']);
    expect(outputsLeft(keyed, excluded, ['constructor', 'valueOf'])).toEqual(['constructor']);
    const report = markLeftOut(emptyRun('graph', keyed), excluded, new Set(['toString']));
    // A Map: an object literal would take `__proto__` for its prototype.
    expect(new Map(report.nodes.map((n) => [n.nodeId, n.status]))).toEqual(
      new Map([
        ['constructor', 'pending'],
        ['toString', 'error'],
        ['valueOf', 'skipped'],
        ['__proto__', 'pending'],
      ]),
    );
  });
});
