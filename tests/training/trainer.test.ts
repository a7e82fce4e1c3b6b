import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { OPTIMIZER_DEFAULTS, type OptimizerSpec, type TrainingSpec } from '../../src/graph/training';
import type { Graph, TensorLiteral } from '../../src/graph/types';
import { Trainer } from '../../src/runtime/training/trainer';
import { GraphBuilder, tensor, withAttrs } from '../support/graph-builder';
import { cpu, expectValuesClose, live } from '../support/tf';

type TFModule = Awaited<ReturnType<typeof cpu>>;

const spec = (loss: string, optimizer: OptimizerSpec, l1 = 0, l2 = 0): TrainingSpec => ({
  loss: { node: loss, port: 'output' },
  steps: 100,
  optimizer,
  regularization: { l1, l2 },
});

function trainer(tf: TFModule, graph: Graph, training: TrainingSpec): Trainer {
  const made = Trainer.create(tf, graph, training);
  if (!made.ok) throw new Error(made.error);
  return made.trainer;
}

/** loss = Σ (w - t)², d loss / dw = 2 (w - t). */
const squares = (w: number[], t: number[]) =>
  new GraphBuilder()
    .node('w', 'VariableV2', { value: tensor(w) })
    .constant('t', t)
    .node('diff', 'Sub', {}, { x: 'w', y: 't' })
    .node('sq', 'Square', {}, { x: 'diff' })
    .node('loss', 'Sum', { axis: null }, { input: 'sq' })
    .build();

const mlp = JSON.parse(readFileSync(new URL('../../public/examples/mlp.json', import.meta.url), 'utf8')) as Graph;
const attrOf = (graph: Graph, id: string) => graph.nodes.find((n) => n.id === id)!.attrs['value'] as TensorLiteral;

describe('Trainer', () => {
  let tf: TFModule;
  beforeAll(async () => {
    tf = await cpu();
  });

  it('takes one SGD step that equals the update worked out by hand', async () => {
    const t = trainer(tf, squares([1, -2, 0.5], [0, 1, 0.5]), spec('loss', { name: 'sgd', learningRate: 0.1 }));
    // loss = 1 + 9 + 0 = 10; gradient 2(w - t) = [2, -6, 0]; w - 0.1 gradient = [0.8, -1.4, 0.5].
    expect(await t.step()).toEqual({ ok: true, loss: 10 });
    expectValuesClose((await t.values()).get('w')!.values, [0.8, -1.4, 0.5], 1e-6);
    // Next loss: 0.64 + 5.76 + 0 = 6.4.
    const second = await t.step();
    expect(second.ok && second.loss).toBeCloseTo(6.4, 5);
    expect(t.steps).toBe(2);
    t.dispose();
  });

  it('shows the inspected variable as training leaves it: its value and the gradient of the latest step', async () => {
    const before = live();
    const t = trainer(tf, squares([1, -2, 0.5], [0, 1, 0.5]), spec('loss', { name: 'sgd', learningRate: 0.1 }));
    t.inspect('w');
    expect(await t.inspection(10)).toMatchObject({ nodeId: 'w', step: 0, gradient: null });
    await t.step();
    // The gradient 2(w - t) at the step's start, [2, -6, 0]; the value after it, [0.8, -1.4, 0.5].
    const first = (await t.inspection(10))!;
    expect(first.step).toBe(1);
    expectValuesClose(first.value.values, [0.8, -1.4, 0.5], 1e-6);
    expectValuesClose(first.gradient!.values, [2, -6, 0], 1e-6);
    await t.step();
    // 2([0.8, -1.4, 0.5] - [0, 1, 0.5]) = [1.6, -4.8, 0].
    expectValuesClose((await t.inspection(10))!.gradient!.values, [1.6, -4.8, 0], 1e-6);
    // A node that is not a trained variable is inspected as nothing.
    t.inspect('diff');
    expect(await t.inspection(10)).toBeNull();
    t.dispose();
    expect(live()).toBe(before);
  });

  it("steps by TensorFlow's gradients where tfjs's differ (Relu6 at 6: TensorFlow 0, tfjs 1)", async () => {
    const graph = new GraphBuilder()
      .node('w', 'VariableV2', { value: tensor([6, 3]) })
      .node('relu6', 'Relu6', {}, { features: 'w' })
      .node('loss', 'Sum', { axis: null }, { input: 'relu6' })
      .build();
    const t = trainer(tf, graph, spec('loss', { name: 'sgd', learningRate: 1 }));
    expect(await t.step()).toEqual({ ok: true, loss: 9 });
    expect((await t.values()).get('w')!.values).toEqual([6, 2]);
    t.dispose();
  });

  it('adds L1 and L2 penalties to the loss and their gradients to the update', async () => {
    const t = trainer(tf, squares([1, -2], [0, 0]), spec('loss', { name: 'sgd', learningRate: 0.1 }, 0.5, 0.25));
    // loss = 5 + 0.5·3 + 0.25·5 = 7.75; gradient 2w + 0.5 sign(w) + 0.5 w = [3, -5.5].
    expect(await t.step()).toEqual({ ok: true, loss: 7.75 });
    expectValuesClose((await t.values()).get('w')!.values, [0.7, -1.45], 1e-6);
    t.dispose();
  });

  // The same MLP written in plain tfjs, trained by tfjs's own optimizer.minimize: the oracle.
  function plainMlpWeights(optimizer: InstanceType<TFModule['Optimizer']>, steps: number): number[][] {
    const v = (id: string) => {
      const lit = attrOf(mlp, id);
      return tf.variable(
        tf.tensor(lit.values as number[], lit.shape as number[]),
        true,
        `plain-${id}-${Math.random()}`,
      );
    };
    const [W1, b1, W2, b2] = ['W1', 'b1', 'W2', 'b2'].map(v);
    const xLit = attrOf(mlp, 'x');
    const labelsLit = attrOf(mlp, 'labels');
    const x = tf.tensor(xLit.values as number[], xLit.shape as number[]);
    const labels = tf.tensor(labelsLit.values as number[], labelsLit.shape as number[]);
    for (let i = 0; i < steps; i++)
      optimizer.minimize(() => {
        const hidden = tf.relu(tf.add(tf.matMul(x, W1!), b1!));
        const probs = tf.softmax(tf.add(tf.matMul(hidden, W2!), b2!));
        return tf.neg(tf.mean(tf.sum(tf.mul(labels, tf.log(probs)), 1)));
      });
    const weights = [W1, b1, W2, b2].map((w) => Array.from(w!.dataSync()));
    tf.dispose([W1!, b1!, W2!, b2!, x, labels]);
    optimizer.dispose();
    return weights;
  }

  it.each([
    ['SGD', { name: 'sgd', learningRate: 0.5 }, (tf: TFModule) => tf.train.sgd(0.5)],
    [
      'Momentum',
      { name: 'momentum', learningRate: 0.1, momentum: 0.9, useNesterov: false },
      (tf: TFModule) => tf.train.momentum(0.1, 0.9, false),
    ],
    [
      'Nesterov momentum',
      { name: 'momentum', learningRate: 0.1, momentum: 0.8, useNesterov: true },
      (tf: TFModule) => tf.train.momentum(0.1, 0.8, true),
    ],
    [
      'Adam',
      { ...OPTIMIZER_DEFAULTS.adam, learningRate: 0.05 },
      (tf: TFModule) => tf.train.adam(0.05, 0.9, 0.999, 1e-7),
    ],
    [
      'RMSProp',
      { ...OPTIMIZER_DEFAULTS.rmsprop, learningRate: 0.01, momentum: 0.5 },
      (tf: TFModule) => tf.train.rmsprop(0.01, 0.9, 0.5, 1e-7, false),
    ],
    [
      'centered RMSProp',
      { ...OPTIMIZER_DEFAULTS.rmsprop, learningRate: 0.01, centered: true },
      (tf: TFModule) => tf.train.rmsprop(0.01, 0.9, 0, 1e-7, true),
    ],
    [
      'Adagrad',
      { name: 'adagrad', learningRate: 0.1, initialAccumulatorValue: 0.1 },
      (tf: TFModule) => tf.train.adagrad(0.1, 0.1),
    ],
  ] as const)('%s steps on the MLP example equal tf.train applied by plain tfjs', async (_, optimizer, plain) => {
    const t = trainer(tf, mlp, { ...spec('loss', optimizer), loss: { node: 'loss', port: 'y' } });
    let previous = Infinity;
    for (let i = 0; i < 5; i++) {
      const outcome = await t.step();
      if (!outcome.ok) throw new Error(outcome.error);
      if (i === 0) previous = outcome.loss;
    }
    const trained = await t.values();
    const expected = plainMlpWeights(plain(tf), 5);
    ['W1', 'b1', 'W2', 'b2'].forEach((id, k) => expectValuesClose(trained.get(id)!.values, expected[k]!, 1e-6, id));
    // It learns: the loss after the steps is below the first.
    const after = await t.step();
    expect(after.ok && after.loss).toBeLessThan(previous);
    t.dispose();
  });

  it('leaves no tensor behind over 1,000 steps, and none once disposed', async () => {
    const before = live();
    const t = trainer(tf, mlp, { ...spec('loss', OPTIMIZER_DEFAULTS.adam), loss: { node: 'loss', port: 'y' } });
    await t.step();
    // Adam's moments exist from the first step on.
    const afterFirst = live();
    for (let i = 0; i < 999; i++) await t.step();
    expect(live()).toBe(afterFirst);
    t.dispose();
    expect(live()).toBe(before);
  });

  it('refuses a loss that is not a scalar, and a loss no trainable variable reaches, on the right node', () => {
    const vector = Trainer.create(tf, squares([1, 2], [0, 0]), {
      ...spec('sq', OPTIMIZER_DEFAULTS.sgd),
      loss: { node: 'sq', port: 'y' },
    });
    expect(vector).toMatchObject({
      ok: false,
      nodeId: 'sq',
      error: 'the loss must be a float32 scalar; sq.y is float32[2]: reduce it with Sum or Mean first',
    });
    const frozen = withAttrs(squares([1, 2], [0, 0]), 'w', { trainable: false });
    expect(Trainer.create(tf, frozen, spec('loss', OPTIMIZER_DEFAULTS.sgd))).toMatchObject({
      ok: false,
      nodeId: 'loss',
      error: 'no trainable variable reaches loss.output: add a VariableV2 with trainable set upstream of it',
    });
  });

  it('stops at a loss that is not finite, names the first node that made it, and keeps the weights', async () => {
    const graph = new GraphBuilder()
      .node('w', 'VariableV2', { value: tensor([2, -1]) })
      .node('log', 'Log', {}, { x: 'w' })
      .node('loss', 'Sum', { axis: null }, { input: 'log' })
      .build();
    const before = live();
    const t = trainer(tf, graph, spec('loss', OPTIMIZER_DEFAULTS.sgd));
    expect(await t.step()).toEqual({
      ok: false,
      nodeId: 'log',
      error: 'the loss is NaN at step 1: log is the first node whose output is not finite',
    });
    expect((await t.values()).get('w')!.values).toEqual([2, -1]);
    expect(t.steps).toBe(0);
    t.dispose();
    expect(live()).toBe(before);
  });
});
