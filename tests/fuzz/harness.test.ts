import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateGraph } from '../../src/graph/validate';
import { registry } from '../../src/ops/registry';
import type { RunReport } from '../../src/runtime/reports';
import { summarizeValues } from '../../src/runtime/summary';
import { readRepoFile } from '../io/files';
import { prototypeChanges, snapshotObjectPrototype } from '../support/object-prototype';
import { reportDifference } from './checks';
import { mutate } from './file-mutations';
import { buildGraph, buildNamedTwice, graphRecipe } from './valid-graphs';

// The properties are only as good as the harness that checks them: each check must be able to fail.

const sinTimesTwo = () => JSON.parse(readRepoFile('public/examples/sin-times-two.json'));

describe('the eager/graph comparison', () => {
  const report = (values: number[], shape = [values.length]) =>
    ({
      ok: true,
      diagnostics: [],
      error: null,
      outputs: [{ node: 'n', port: 'y', summary: summarizeValues('float32', shape, values, 100) }],
    }) as unknown as RunReport;

  it('accepts values within 1e-5 and NaN against NaN', () => {
    expect(reportDifference(report([1, NaN, -0]), report([1 + 9e-6, NaN, 0]))).toBeNull();
    expect(reportDifference(report([1e6]), report([1e6 + 9]))).toBeNull();
  });

  it('compares the outputs of a renamed graph by their names in the other', () => {
    const renamed = report([1, 2]);
    const plain = { ...renamed, outputs: [{ ...renamed.outputs[0]!, node: 'n0' }] } as RunReport;
    expect(reportDifference(renamed, plain, ['named', 'plain'], new Map([['n0.y', 'n.y']]))).toBeNull();
    expect(reportDifference(renamed, plain, ['named', 'plain'])).toBe('n.y: missing in plain');
  });

  it('names a value that differs by more, NaN against a number, and a shape', () => {
    expect(reportDifference(report([1, 2]), report([1, 2.0001]))).toMatch(/^n\.y: value 1: 2 eager, 2\.0001 graph/);
    expect(reportDifference(report([NaN]), report([0]))).toMatch(/value 0: NaN eager, 0 graph/);
    expect(reportDifference(report([1, 2], [2]), report([1, 2], [1, 2]))).toBe('n.y: shape [2] eager, [1,2] graph');
  });
});

describe('the Object.prototype snapshot', () => {
  it('sees a key added and a method replaced', () => {
    const before = snapshotObjectPrototype();
    const toString = Object.prototype.toString;
    try {
      Object.defineProperty(Object.prototype, 'polluted', { value: 1, configurable: true });
      Object.prototype.toString = () => 'replaced';
      expect(prototypeChanges(before)).toEqual(['added polluted', 'changed toString']);
    } finally {
      delete (Object.prototype as { polluted?: number }).polluted;
      Object.prototype.toString = toString;
    }
    expect(prototypeChanges(before)).toEqual([]);
  });
});

describe('file mutations', () => {
  it('rename a node id everywhere it occurs, to an Object.prototype key', () => {
    // The document's strings in order: format, name, description, then nodes[0].id = "x".
    const text = mutate(sinTimesTwo(), { tree: [{ kind: 'prototype-name', at: 3, pick: 0 }], text: [] });
    const doc = JSON.parse(text);
    expect(doc.nodes[0].id).toBe('constructor');
    expect(doc.edges[0].source).toBe('constructor');
  });

  it('write a repeated key, a key named __proto__ and text that is not JSON', () => {
    const duplicated = mutate(sinTimesTwo(), { tree: [{ kind: 'duplicate-key', at: 0, pick: 0 }], text: [] });
    expect(duplicated.match(/"format":/g)).toHaveLength(2);
    // pick 1 is the second prototype key; the root object's second entry is "version".
    const proto = mutate(sinTimesTwo(), { tree: [{ kind: 'prototype-key', at: 0, pick: 1 }], text: [] });
    expect(proto).toContain(`"__proto__": ${sinTimesTwo().version}`);
    // pick 18 is the bare NaN token.
    const nan = mutate(sinTimesTwo(), { tree: [{ kind: 'edge-number', at: 1, pick: 18 }], text: [] });
    expect(nan).toContain('"version": NaN');
  });

  it('nest 100,000 deep and grow a list of values to 150,000 wrong ones', () => {
    const nested = mutate(sinTimesTwo(), { tree: [{ kind: 'nest', at: 0, pick: 2 }], text: [] });
    expect(nested).toContain(`${'['.repeat(100_000)}${']'.repeat(100_000)}`);
    // The second list of scalars is the first node's values (after its shape); pick 10: {"a": 1}, 150,000 times.
    const bloated = JSON.parse(mutate(sinTimesTwo(), { tree: [{ kind: 'bloat', at: 1, pick: 10 }], text: [] }));
    const values: unknown[] = bloated.nodes[0].attrs.value.values;
    expect([values.length, new Set(values.map((v) => JSON.stringify(v)))]).toEqual([150_000, new Set(['{"a":1}'])]);
  });
});

describe('generated valid graphs', () => {
  it('are the same graph with unusual names and with plain ones', () => {
    for (const recipe of fc.sample(graphRecipe, { numRuns: 50, seed: 4 })) {
      const twice = buildNamedTwice(recipe)!;
      expect(twice.plain.graph.nodes.every((n) => /^(in|n)\d+$/.test(n.id))).toBe(true);
      expect(twice.nameOf.size).toBe(twice.unusual.outputs.length);
    }
  });

  it('are valid, and use most of the ops under test', () => {
    const ops = new Set<string>();
    for (const recipe of fc.sample(graphRecipe, { numRuns: 150, seed: 3 })) {
      const { graph } = buildGraph(recipe);
      expect(validateGraph(graph, registry).diagnostics).toEqual([]);
      for (const node of graph.nodes) ops.add(node.op);
    }
    expect(ops.size).toBeGreaterThan(60);
    for (const op of ['MatMul', 'Sum', 'Transpose', 'ConcatV2', 'TensorScript']) expect(ops).toContain(op);
  });
});
