import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Graph, TensorLiteral } from '../../src/graph/types';
import { parseGraphFile } from '../../src/io/graph-file';
import { sessions } from '../support/session';
import { expectValuesClose } from '../support/tf';

function loadExample(name: string): Graph {
  const loaded = parseGraphFile(readFileSync(new URL(`../../public/examples/${name}.json`, import.meta.url), 'utf8'));
  if (!loaded.ok) throw new Error(loaded.error.message);
  return loaded.graph;
}

function valueOf(graph: Graph, id: string): TensorLiteral {
  return graph.nodes.find((n) => n.id === id)!.attrs['value'] as TensorLiteral;
}

const tensorOf = (lit: TensorLiteral) => tf.tensor(lit.values as number[], lit.shape as number[], lit.dtype);

/** The MLP's loss written directly in tfjs from the file's values, and its gradients by tf.grads. */
function mlpByHand(graph: Graph) {
  return tf.tidy(() => {
    const [x, labels] = [tensorOf(valueOf(graph, 'x')), tensorOf(valueOf(graph, 'labels'))];
    const loss = (w1: tf.Tensor, b1: tf.Tensor, w2: tf.Tensor, b2: tf.Tensor) => {
      const hidden = tf.relu(tf.add(tf.matMul(x as tf.Tensor2D, w1 as tf.Tensor2D), b1));
      const p = tf.softmax(tf.add(tf.matMul(hidden as tf.Tensor2D, w2 as tf.Tensor2D), b2));
      return tf.neg(tf.mean(tf.sum(tf.mul(labels, tf.log(p)), 1))) as tf.Scalar;
    };
    const vars = ['W1', 'b1', 'W2', 'b2'].map((id) => tensorOf(valueOf(graph, id)));
    const { value, grads } = tf.valueAndGrads(loss)(vars);
    return { loss: value.dataSync()[0]!, grads: grads.map((g) => Array.from(g.dataSync())) };
  });
}

const newSession = sessions();

describe('example graphs', () => {
  it.each(['eager', 'graph'] as const)('sin-times-two gives 2·sin([1, 2, 3]) in %s mode', async (mode) => {
    const report = await newSession().run(loadExample('sin-times-two'), { mode });
    expectValuesClose(report.outputs[0]!.summary.values, [1.682942, 1.818595, 0.28224], 1e-6);
  });

  it.each(['eager', 'graph'] as const)('log gives [0, 1, 2.3026] on [1, e, 10] in %s mode', async (mode) => {
    const report = await newSession().run(loadExample('log'), { mode });
    expectValuesClose(report.outputs[0]!.summary.values, [0, 1, Math.log(10)], 1e-6);
  });

  it('mlp computes the same loss in both modes as plain tfjs, and the same gradients', async () => {
    const graph = loadExample('mlp');
    const expected = mlpByHand(graph);
    const s = newSession();
    const eager = await s.run(graph, { mode: 'eager' });
    const compiled = await s.run(graph, { mode: 'graph' });
    expect(eager.outputs.map((o) => o.node)).toEqual(['loss']);
    expectValuesClose(eager.outputs[0]!.summary.values, [expected.loss], 1e-6);
    expect(compiled.outputs[0]!.summary.values).toEqual(eager.outputs[0]!.summary.values);

    const gradients = await s.computeGradients(graph, 'loss', 100);
    expect(gradients.variables).toEqual(['W1', 'b1', 'W2', 'b2']);
    ['W1', 'b1', 'W2', 'b2'].forEach((id, i) => {
      const g = gradients.nodes[id]!['ref']!;
      if (!('summary' in g)) throw new Error(g.none);
      expectValuesClose(g.summary.values, expected.grads[i]!, 1e-5, id);
    });
  });

  it('pictures computes its heatmap, RGB image and Laplacian edges as plain tfjs does', async () => {
    const graph = loadExample('pictures');
    const s = newSession();
    const report = await s.run(graph, { mode: 'eager', previewLimit: 4096 });
    expect(report.ok).toBe(true);
    const value = (id: string) => report.nodes.find((n) => n.nodeId === id)!.outputs;
    const wave = Array.from(
      { length: 32 * 32 },
      (_, k) => Math.sin(0.25 * (k % 32)) + Math.cos(0.18 * Math.floor(k / 32)),
    );
    expectValuesClose(value('wave')['z']!.values, wave, 1e-5);
    const sigmoid = (v: number) => 1 / (1 + Math.exp(-v));
    const rgb = value('rgb')['output']!;
    expect(rgb.shape).toEqual([32, 32, 3]);
    const k = 5 * 32 + 7;
    const [sx, cy] = [Math.sin(0.25 * 7), Math.cos(0.18 * 5)];
    expectValuesClose(
      rgb.values.slice(3 * k, 3 * k + 3),
      [sigmoid(sx + cy), sigmoid(-(sx + cy)), sigmoid(sx - cy)],
      1e-5,
    );
    const edges = tf.tidy(() =>
      Array.from(
        tf
          .conv2d(
            tf.tensor4d(wave, [1, 32, 32, 1]),
            tf.tensor4d([0, 1, 0, 1, -4, 1, 0, 1, 0], [3, 3, 1, 1]),
            1,
            'valid',
          )
          .dataSync(),
      ),
    );
    expectValuesClose(value('edges')['output']!.values, edges, 1e-4);
  });
});
