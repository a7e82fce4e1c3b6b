import * as tf from '@tensorflow/tfjs';
import { OPTIMIZER_DEFAULTS } from '../src/graph/training';
import type { Graph, TensorLiteral } from '../src/graph/types';
import { Trainer } from '../src/runtime/training/trainer';
import { ms, random } from './compiled';
import { medians, type Row } from './measure';

const [BATCH, INPUTS, HIDDEN, CLASSES] = [64, 128, 256, 10];

/** The bench MLP (64×128 → 256 relu → 10) with a softmax cross-entropy loss against fixed one-hot labels. */
function mlpWithLoss(): Graph {
  const value = (shape: number[], seed: number): TensorLiteral => ({
    dtype: 'float32',
    shape,
    values: random(
      shape.reduce((a, b) => a * b),
      seed,
    ),
  });
  const labels = Array.from({ length: BATCH * CLASSES }, (_, i) =>
    i % CLASSES === Math.floor(i / CLASSES) % CLASSES ? 1 : 0,
  );
  const node = (id: string, op: string, attrs = {}) => ({ id, op, attrs });
  const edge = (source: string, sourcePort: string, target: string, targetPort: string) => ({
    id: `${source}-${target}-${targetPort}`,
    source,
    sourcePort,
    target,
    targetPort,
  });
  return {
    nodes: [
      node('x', 'Placeholder', { value: value([BATCH, INPUTS], 1) }),
      node('labels', 'Const', { value: { dtype: 'float32', shape: [BATCH, CLASSES], values: labels } }),
      node('w1', 'VariableV2', { value: value([INPUTS, HIDDEN], 2) }),
      node('b1', 'VariableV2', { value: value([HIDDEN], 3) }),
      node('w2', 'VariableV2', { value: value([HIDDEN, CLASSES], 4) }),
      node('b2', 'VariableV2', { value: value([CLASSES], 5) }),
      node('mm1', 'MatMul'),
      node('ba1', 'BiasAdd'),
      node('relu', 'Relu'),
      node('mm2', 'MatMul'),
      node('ba2', 'BiasAdd'),
      node('logp', 'LogSoftmax'),
      node('picked', 'Mul'),
      node('sum', 'Sum', { axis: [1] }),
      node('mean', 'Mean', { axis: null }),
      node('loss', 'Neg'),
    ],
    edges: [
      edge('x', 'output', 'mm1', 'a'),
      edge('w1', 'ref', 'mm1', 'b'),
      edge('mm1', 'product', 'ba1', 'value'),
      edge('b1', 'ref', 'ba1', 'bias'),
      edge('ba1', 'output', 'relu', 'features'),
      edge('relu', 'activations', 'mm2', 'a'),
      edge('w2', 'ref', 'mm2', 'b'),
      edge('mm2', 'product', 'ba2', 'value'),
      edge('b2', 'ref', 'ba2', 'bias'),
      edge('ba2', 'output', 'logp', 'logits'),
      edge('labels', 'output', 'picked', 'x'),
      edge('logp', 'logsoftmax', 'picked', 'y'),
      edge('picked', 'z', 'sum', 'input'),
      edge('sum', 'output', 'mean', 'input'),
      edge('mean', 'output', 'loss', 'x'),
    ],
  };
}

/**
 * A training step of the MLP (forward, backward, an SGD update, the loss read back) against the
 * same step hand-written with tfjs's own `optimizer.minimize`, which users would pick instead:
 * variables resident, x uploaded once, the loss read back each step as the trainer does.
 */
export async function trainingStep(): Promise<Row> {
  const graph = mlpWithLoss();
  const made = Trainer.create(tf, graph, {
    loss: { node: 'loss', port: 'y' },
    steps: 1,
    optimizer: { ...OPTIMIZER_DEFAULTS.sgd, learningRate: 0.01 },
    regularization: { l1: 0, l2: 0 },
  });
  if (!made.ok) throw new Error(made.error);
  const lit = (id: string) => graph.nodes.find((n) => n.id === id)!.attrs['value'] as TensorLiteral;
  const tensorOf = (id: string) => tf.tensor(lit(id).values as number[], lit(id).shape as number[]);
  const [w1, b1, w2, b2] = ['w1', 'b1', 'w2', 'b2'].map((id) => tf.variable(tensorOf(id), true, `bench-${id}`));
  const [x, labels] = [tensorOf('x'), tensorOf('labels')];
  const optimizer = tf.train.sgd(0.01);
  const byHand = async () => {
    const loss = optimizer.minimize(() => {
      const hidden = tf.relu(tf.add(tf.matMul(x, w1!), b1!));
      const logp = tf.logSoftmax(tf.add(tf.matMul(hidden, w2!), b2!));
      return tf.neg(tf.mean(tf.sum(tf.mul(labels, logp), 1)));
    }, true)!;
    await loss.data();
    loss.dispose();
  };
  const trainer = made.trainer;
  const t = await medians({ graph: () => trainer.step(), byHand }, { rounds: 40 });
  trainer.dispose();
  optimizer.dispose();
  tf.dispose([w1!, b1!, w2!, b2!, x, labels]);
  const ratio = t['graph']! / t['byHand']!;
  return {
    name: 'MLP training step: Trainer / optimizer.minimize',
    figure: ratio,
    target: '≤ 1.10',
    met: ratio <= 1.1,
    detail: `${ms(t['graph']!)} vs ${ms(t['byHand']!)}`,
  };
}
