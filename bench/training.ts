import * as tf from '@tensorflow/tfjs';
import { OPTIMIZER_DEFAULTS } from '../src/graph/training';
import type { TensorLiteral } from '../src/graph/types';
import { Trainer } from '../src/runtime/training/trainer';
import { ms } from './compiled';
import { medians, type Row } from './measure';
import { benchMlp } from './mlp-graph';

/**
 * A training step of the MLP (forward, backward, an SGD update, the loss read back) against the
 * same step hand-written with tfjs's own `optimizer.minimize`, which users would pick instead:
 * variables resident, x uploaded once, the loss read back each step as the trainer does.
 */
export async function trainingStep(): Promise<Row> {
  const graph = benchMlp({ loss: true });
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

/**
 * The same training step taken eagerly (the graph validated, ordered and inferred anew each step,
 * as Python runs a loop without `tf.function`) and compiled once: what compiling the step saves.
 */
export async function eagerTrainingStep(): Promise<Row> {
  const graph = benchMlp({ loss: true });
  const spec = {
    loss: { node: 'loss', port: 'y' },
    steps: 1,
    optimizer: { ...OPTIMIZER_DEFAULTS.sgd, learningRate: 0.01 },
    regularization: { l1: 0, l2: 0 },
  };
  const [eager, compiled] = (['eager', 'graph'] as const).map((mode) => {
    const made = Trainer.create(tf, graph, spec, { mode });
    if (!made.ok) throw new Error(made.error);
    return made.trainer;
  });
  const t = await medians({ eager: () => eager!.step(), graph: () => compiled!.step() }, { rounds: 40 });
  eager!.dispose();
  compiled!.dispose();
  const ratio = t['eager']! / t['graph']!;
  return {
    name: 'MLP training step: eager / graph',
    figure: ratio,
    target: '≥ 1',
    met: ratio >= 1,
    detail: `${ms(t['eager']!)} vs ${ms(t['graph']!)}`,
  };
}
