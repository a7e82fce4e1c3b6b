import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AttrValue, Graph } from '../../src/graph/types';
import { registry } from '../../src/ops/registry';
import { PASS_NAMES, type PassName } from '../../src/runtime/plan';
import { Session } from '../../src/runtime/session';
import { GraphBuilder } from '../support/graph-builder';
import { seededRandom } from '../support/random';
import { cpu, live } from '../support/tf';

const UNARY = ['Sin', 'Cos', 'Tanh', 'Sigmoid', 'Square', 'Abs', 'Neg', 'Relu', 'Exp'];
const BINARY = ['AddV2', 'Sub', 'Mul', 'Maximum', 'Minimum'];

/** A random DAG of elementwise ops over [2, 3] values, with constants that fold and some broadcasting. */
function randomDag(seed: number, size: number): Graph {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const values = () => Array.from({ length: 6 }, () => Number((random() * 2 - 1).toFixed(3)));
  const b = new GraphBuilder()
    .input('in0', values(), [2, 3])
    .input('in1', values(), [2, 3])
    .constant('k', values().slice(0, 3), [3]);
  const ids = ['in0', 'in1', 'k'];
  for (let i = 0; i < size; i++) {
    const id = `n${i}`;
    // Squash with Tanh every so often so values stay finite however deep the DAG gets.
    if (random() < 0.5) {
      const op = i % 4 === 3 ? 'Tanh' : pick(UNARY);
      b.node(id, op, {}, { [Object.keys(registry.get(op)!.inputs)[0]!]: pick(ids) });
    } else b.node(id, pick(BINARY), {}, { x: pick(ids), y: pick(ids) });
    ids.push(id);
  }
  return b.build();
}

beforeAll(async () => {
  await cpu();
});

describe('eager and graph mode on random DAGs', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])('give identical values (seed %i)', async (seed) => {
    const graph = randomDag(seed, 30);
    const nodes = graph.nodes.map((n) => n.id);
    const baseline = live();
    const session = new Session(tf);
    const eager = await session.run(graph, { mode: 'eager', outputs: nodes, previewLimit: 6 });
    const graphMode = await session.run(graph, { mode: 'graph', outputs: nodes, previewLimit: 6 });
    expect([eager.diagnostics, eager.error, graphMode.error]).toEqual([[], null, null]);
    expect(graphMode.outputs.length).toBe(eager.outputs.length);
    for (const [i, out] of eager.outputs.entries())
      expect(graphMode.outputs[i]!.summary.values, out.node).toEqual(out.summary.values);

    // Only the sinks requested: graph mode frees everything else on the way.
    const sinks = await session.run(graph, { mode: 'graph' });
    const sinksEager = await session.run(graph, { mode: 'eager' });
    expect(sinks.outputs.map((o) => o.summary.values)).toEqual(sinksEager.outputs.map((o) => o.summary.values));
    session.dispose();
    expect(live()).toBe(baseline);
  });
});

/**
 * A random DAG that gives every pass work: duplicates of earlier nodes (CSE), multiplications by
 * ones and additions of zeros, double negations, Identity, Casts to float32, Transposes and Reshapes
 * there and back (simplification), and constant subexpressions (folding), beside ordinary ops.
 */
function optimizableDag(seed: number, size: number): Graph {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const values = () => Array.from({ length: 6 }, () => Number((random() * 2 - 1).toFixed(3)));
  const b = new GraphBuilder()
    .input('in0', values(), [2, 3])
    .input('in1', values(), [2, 3])
    .constant('one', [1, 1, 1], [3])
    .constant('zero', [0], [])
    .constant('k', values(), [2, 3])
    .node('k2', 'Mul', {}, { x: 'k', y: 'k' });
  const ids = ['in0', 'in1', 'k2'];
  const made: { op: string; attrs: Record<string, AttrValue>; inputs: Record<string, string> }[] = [];
  let count = 0;
  /** Adds a node; only those of shape [2, 3] (`listed`) may be inputs of later ones. */
  const add = (op: string, attrs: Record<string, AttrValue>, inputs: Record<string, string>, listed = true) => {
    const id = `n${count++}`;
    b.node(id, op, attrs, inputs);
    if (listed) {
      made.push({ op, attrs, inputs });
      ids.push(id);
    }
    return id;
  };
  for (let i = 0; i < size; i++) {
    const r = random();
    if (r < 0.15 && made.length) {
      const twin = pick(made);
      add(twin.op, twin.attrs, twin.inputs);
    } else if (r < 0.3)
      add(pick(['Mul', 'AddV2', 'Sub']), {}, random() < 0.5 ? { x: pick(ids), y: 'one' } : { x: pick(ids), y: 'zero' });
    else if (r < 0.4) add('Neg', {}, { x: add('Neg', {}, { x: pick(ids) }) });
    else if (r < 0.5) {
      if (random() < 0.5) add('Identity', {}, { input: pick(ids) });
      else add('Cast', { DstT: 'float32' }, { x: pick(ids) });
    } else if (r < 0.6)
      add('Transpose', { perm: [1, 0] }, { x: add('Transpose', { perm: [] }, { x: pick(ids) }, false) });
    else if (r < 0.7)
      add('Reshape', { shape: [2, 3] }, { tensor: add('Reshape', { shape: [-1] }, { tensor: pick(ids) }, false) });
    else if (r < 0.85) {
      const op = i % 3 === 0 ? 'Tanh' : pick(UNARY);
      add(op, {}, { [Object.keys(registry.get(op)!.inputs)[0]!]: pick(ids) });
    } else add(pick(BINARY), {}, { x: pick(ids), y: pick(ids) });
  }
  return b.build();
}

/**
 * The values with -0 read as 0: `x + 0 → x` keeps the sign of a zero x where the addition would
 * give +0, as Grappler's rewrite does in TensorFlow's optimized graphs.
 */
const unsignedZeros = (values: ArrayLike<number>) => Array.from(values, (v) => (v === 0 ? 0 : v));

const PASS_CHOICES: readonly (readonly PassName[])[] = [PASS_NAMES, [], ...PASS_NAMES.map((p) => [p])];

describe('the optimizer passes on random DAGs', () => {
  it('give the values eager mode gives, with all passes on, each alone and all off (200 DAGs)', async () => {
    const session = new Session(tf);
    const baseline = live();
    for (let seed = 1; seed <= 200; seed++) {
      const graph = optimizableDag(seed, 14);
      const nodes = graph.nodes.map((n) => n.id);
      const eager = await session.run(graph, { mode: 'eager', outputs: nodes, previewLimit: 6 });
      expect([eager.diagnostics, eager.error], `seed ${seed}`).toEqual([[], null]);
      for (const passes of PASS_CHOICES) {
        const compiled = await session.run(graph, { mode: 'graph', outputs: nodes, passes, previewLimit: 6 });
        expect(compiled.error, `seed ${seed} passes ${passes.join(',')}`).toBeNull();
        for (const [i, out] of eager.outputs.entries())
          expect(
            unsignedZeros(compiled.outputs[i]!.summary.values),
            `seed ${seed} ${out.node} passes ${passes.join(',')}`,
          ).toEqual(unsignedZeros(out.summary.values));
      }
    }
    session.dispose();
    expect(live()).toBeLessThanOrEqual(baseline);
  });
});
