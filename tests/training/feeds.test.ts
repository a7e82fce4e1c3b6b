import { beforeAll, expect, it } from 'vitest';
import type { TrainingSpec } from '../../src/graph/training';
import type { Graph } from '../../src/graph/types';
import { serializeGraph } from '../../src/io/export';
import { parseGraphFile } from '../../src/io/graph-file';
import { Trainer } from '../../src/runtime/training/trainer';
import { GraphBuilder, tensor } from '../support/graph-builder';
import { cpu, live } from '../support/tf';

let tf: Awaited<ReturnType<typeof cpu>>;
beforeAll(async () => {
  tf = await cpu();
});

const DATA = { kind: 'xor', samples: 200, noise: 0, test_fraction: 0.5, batch_size: 20, seed: 3 };

/** A logistic classifier of 2-D points whose inputs are `x` and `y` (node:port). */
function classifier(b: GraphBuilder, x: string, y: string): Graph {
  return b
    .node('W', 'VariableV2', { value: tensor([0.3, -0.2], [2, 1]), trainable: true })
    .node('bias', 'VariableV2', { value: tensor([0.1], [1]), trainable: true })
    .node('matmul', 'MatMul', {}, { a: x, b: 'W' })
    .node('logit', 'BiasAdd', {}, { value: 'matmul', bias: 'bias' })
    .node('probability', 'Sigmoid', {}, { x: 'logit' })
    .node('softplus', 'Softplus', {}, { features: 'logit' })
    .node('label_logit', 'Mul', {}, { x: y, y: 'logit' })
    .node('xent', 'Sub', {}, { x: 'softplus', y: 'label_logit' })
    .node('loss', 'Mean', { axis: null }, { input: 'xent' })
    .build();
}

const spec = (labels: string, feeds?: TrainingSpec['feeds']): TrainingSpec => ({
  loss: { node: 'loss', port: 'output' },
  steps: 30,
  optimizer: { name: 'adam', learningRate: 0.05, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 },
  regularization: { l1: 0, l2: 0 },
  accuracy: {
    prediction: { node: 'probability', port: 'y' },
    labels: { node: labels, port: labels === 'y' ? 'output' : 'labels' },
  },
  ...(feeds && { feeds }),
});

async function train(graph: Graph, training: TrainingSpec) {
  const made = Trainer.create(tf, graph, training);
  if (!made.ok) throw new Error(made.error);
  const losses: number[] = [];
  for (let i = 0; i < training.steps; i++) {
    const outcome = await made.trainer.step();
    if (!outcome.ok) throw new Error(outcome.error);
    losses.push(outcome.loss);
  }
  const test = await made.trainer.evaluate();
  made.trainer.dispose();
  return { losses, test };
}

it('feeds placeholders from a dataset node as a feed_dict would: the same run as the dataset wired in', async () => {
  const before = live();
  const placeholders = new GraphBuilder()
    .node('data', 'Dataset2D', DATA)
    .input('x', [0, 0, 1, 1], [2, 2])
    .input('y', [0, 1], [2, 1]);
  const fed = classifier(placeholders, 'x', 'y');
  const feeds = [
    { placeholder: 'x', from: { node: 'data', port: 'features' } },
    { placeholder: 'y', from: { node: 'data', port: 'labels' } },
  ];
  const wired = classifier(new GraphBuilder().node('data', 'Dataset2D', DATA), 'data.features', 'data.labels');
  const [byFeeds, byWires] = [await train(fed, spec('y', feeds)), await train(wired, spec('data'))];
  expect(byFeeds.losses).toEqual(byWires.losses);
  // The accuracy's labels name the fed placeholder: they are read from the dataset's test split too.
  expect(byFeeds.test).toEqual(byWires.test);
  expect(byFeeds.test!.accuracy).not.toBeNull();
  expect(live()).toBe(before);
});

it('refuses, on the placeholder, a feed whose rows do not fit it, and a feed of a node that is no placeholder', () => {
  const graph = classifier(
    new GraphBuilder()
      .node('data', 'Dataset2D', DATA)
      .input('x', [0, 0, 0, 1, 1, 1], [2, 3])
      .input('y', [0, 1], [2, 1]),
    'x',
    'y',
  );
  const misfit = Trainer.create(tf, graph, spec('y', [{ placeholder: 'x', from: { node: 'data', port: 'features' } }]));
  expect(misfit).toEqual({
    ok: false,
    nodeId: 'x',
    error: 'x: it is float32[2, 3], and data.features gives float32[100, 2]: its rows must be [3] float32',
  });
  const notPlaceholder = Trainer.create(
    tf,
    graph,
    spec('y', [{ placeholder: 'matmul', from: { node: 'data', port: 'features' } }]),
  );
  expect(notPlaceholder).toMatchObject({ ok: false, nodeId: 'matmul' });
  expect(!notPlaceholder.ok && notPlaceholder.error).toContain('only a Placeholder can be fed');
});

it('keeps the feeds in the graph file, and names a malformed one', () => {
  const graph = new GraphBuilder().node('data', 'Dataset2D', DATA).input('x', [0, 0], [1, 2]).build();
  const training = { ...spec('y'), feeds: [{ placeholder: 'x', from: { node: 'data', port: 'features' } }] };
  const text = serializeGraph({ ...graph, training });
  const loaded = parseGraphFile(text);
  expect(loaded.ok && loaded.graph.training?.feeds).toEqual(training.feeds);
  const bad = parseGraphFile(text.replace(/"placeholder": ?"x"/, '"placeholder": 7'));
  expect(bad.ok).toBe(false);
  expect(!bad.ok && bad.error.message).toContain('training.feeds[0].placeholder');
});
