import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Graph } from '../../src/graph/types';
import { registry } from '../../src/ops/registry';
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
