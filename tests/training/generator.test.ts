import { beforeAll, expect, it } from 'vitest';
import type { Graph } from '../../src/graph/types';
import { loadTranspiler } from '../../src/ops/script/compile-body';
import { Trainer } from '../../src/runtime/training/trainer';
import { GraphBuilder, tensor } from '../support/graph-builder';
import { cpu, live } from '../support/tf';

let tf: Awaited<ReturnType<typeof cpu>>;
beforeAll(async () => {
  tf = await cpu();
  await loadTranspiler();
});

const BATCH = 4;
/** The batch the generator gives at step s: x_i = ((4s + i) mod 7) / 7, y = 3x + 1. */
function batchAt(s: number) {
  const x = Array.from({ length: BATCH }, (_, i) => ((BATCH * s + i) % 7) / 7);
  return { x, y: x.map((v) => 3 * v + 1) };
}

/** StepIndex → an async generator script → y ≈ x·w + b, the mean squared error as the loss (SGD). */
function generatorGraph(body = GENERATOR): Graph {
  const graph = new GraphBuilder()
    .node('step', 'StepIndex')
    .node(
      'batch',
      'ArrayScript',
      {
        inputs: [{ name: 'step', dtype: 'int32', shape: [] }],
        outputs: [
          { name: 'x', dtype: 'float32', shape: [BATCH, 1] },
          { name: 'y', dtype: 'float32', shape: [BATCH, 1] },
        ],
        body,
      },
      { step: 'step' },
    )
    .node('w', 'VariableV2', { value: tensor([0], [1, 1]), trainable: true })
    .node('b', 'VariableV2', { value: tensor([0], [1]), trainable: true })
    .node('xw', 'MatMul', {}, { a: 'batch.x', b: 'w' })
    .node('prediction', 'AddV2', {}, { x: 'xw', y: 'b' })
    .node('error', 'SquaredDifference', {}, { x: 'prediction', y: 'batch.y' })
    .node('loss', 'Mean', { axis: null }, { input: 'error' })
    .build();
  return {
    ...graph,
    training: {
      loss: { node: 'loss', port: 'output' },
      steps: 300,
      optimizer: { name: 'sgd', learningRate: 0.5 },
      regularization: { l1: 0, l2: 0 },
    },
  };
}

const GENERATOR = `
await new Promise((resolve) => setTimeout(resolve, 0)); // an input pipeline may wait (a fetch, a decoder)
const s = step[0];
const x = Array.from({ length: ${BATCH} }, (_, i) => ((${BATCH} * s + i) % 7) / 7);
return { x: { data: x, shape: [${BATCH}, 1] }, y: { data: x.map((v) => 3 * v + 1), shape: [${BATCH}, 1] } };
`;

it('calls a generator script each step with the step index, off the tape: the first steps equal SGD by hand', async () => {
  const before = live();
  const graph = generatorGraph();
  const made = Trainer.create(tf, graph, graph.training!);
  if (!made.ok) throw new Error(made.error);
  const { trainer } = made;
  // By hand: loss = mean((x·w + b − y)²); dL/dw = mean(2(x·w + b − y)·x), dL/db = mean(2(x·w + b − y)).
  let [w, b] = [0, 0];
  for (let s = 0; s < 3; s++) {
    const { x, y } = batchAt(s);
    const residual = x.map((v, i) => v * w + b - y[i]!);
    const loss = residual.reduce((sum, r) => sum + r * r, 0) / BATCH;
    const outcome = await trainer.step();
    expect(outcome.ok && outcome.loss).toBeCloseTo(loss, 5);
    w -= 0.5 * (residual.reduce((sum, r, i) => sum + 2 * r * x[i]!, 0) / BATCH);
    b -= 0.5 * (residual.reduce((sum, r) => sum + 2 * r, 0) / BATCH);
  }
  for (let s = 3; s < 300; s++) expect((await trainer.step()).ok).toBe(true);
  const values = await trainer.values();
  expect(values.get('w')!.values[0]).toBeCloseTo(3, 2);
  expect(values.get('b')!.values[0]).toBeCloseTo(1, 2);
  trainer.dispose();
  expect(live()).toBe(before);
});

it('tests on the examples the generator gives at step −1, which it never trains on', async () => {
  const before = live();
  const graph = generatorGraph();
  const made = Trainer.create(tf, graph, graph.training!);
  if (!made.ok) throw new Error(made.error);
  // Untrained (w = b = 0), the loss is the mean of y² over the test batch.
  const { y } = batchAt(-1);
  const test = await made.trainer.evaluate();
  expect(test!.loss).toBeCloseTo(y.reduce((sum, v) => sum + v * v, 0) / BATCH, 5);
  expect(test!.accuracy).toBeNull();
  made.trainer.dispose();
  expect(live()).toBe(before);
});

it('stops on the generator when it throws, at the step it throws, with its message; nothing is left behind', async () => {
  const before = live();
  const graph = generatorGraph(`if (step[0] === 2) throw new Error('no more data');\n${GENERATOR}`);
  const made = Trainer.create(tf, graph, graph.training!);
  if (!made.ok) throw new Error(made.error);
  const outcomes = [await made.trainer.step(), await made.trainer.step(), await made.trainer.step()];
  expect(outcomes.map((o) => o.ok)).toEqual([true, true, false]);
  const failed = outcomes[2]!;
  expect(!failed.ok && failed.nodeId).toBe('batch');
  expect(!failed.ok && failed.error).toContain('no more data');
  expect(made.trainer.steps).toBe(2);
  made.trainer.dispose();
  expect(live()).toBe(before);
});

it('still refuses a script that awaits where a trained variable reaches it, on that script', () => {
  const graph = new GraphBuilder()
    .node('w', 'VariableV2', { value: tensor([1, 2]), trainable: true })
    .node('s', 'ArrayScript', { body: 'return x;' }, { x: 'w' })
    .node('loss', 'Sum', { axis: null }, { input: 's' })
    .build();
  const spec = {
    loss: { node: 'loss', port: 'output' },
    steps: 1,
    optimizer: { name: 'sgd', learningRate: 0.1 },
    regularization: { l1: 0, l2: 0 },
  } as const;
  const made = Trainer.create(tf, graph, spec);
  expect(made.ok).toBe(false);
  expect(!made.ok && made.nodeId).toBe('s');
  expect(!made.ok && made.error).toContain('awaits, and a trained variable reaches it');
});
