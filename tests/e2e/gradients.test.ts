import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { beforeAll, expect, test } from 'vitest';
import { openApp } from './support/browser';
import { canvasNode, fitView, openExample, readValues, selectNode, sidePanel, waitFor } from './support/editor';

interface ExampleNode {
  id: string;
  attrs: { value?: { shape: number[]; values: number[] } };
}

const mlp = JSON.parse(readFileSync(new URL('../../public/examples/mlp.json', import.meta.url), 'utf8')) as {
  nodes: ExampleNode[];
};

function tensorOf(id: string): tf.Tensor {
  const value = mlp.nodes.find((n) => n.id === id)?.attrs.value;
  if (!value) throw new Error(`mlp.json has no node ${id} with a value`);
  return tf.tensor(value.values, value.shape, 'float32');
}

/** The MLP's loss written out in plain tfjs from the example's numbers, and its gradients. */
function expectedByTfjs(): { loss: number; W2: number[]; b2: number[]; W1: number[] } {
  return tf.tidy(() => {
    const x = tensorOf('x') as tf.Tensor2D;
    const labels = tensorOf('labels');
    const loss = (w1: tf.Tensor, b1: tf.Tensor, w2: tf.Tensor, b2: tf.Tensor) => {
      const hidden = tf.relu(tf.add(tf.matMul(x, w1 as tf.Tensor2D), b1)) as tf.Tensor2D;
      const probabilities = tf.softmax(tf.add(tf.matMul(hidden, w2 as tf.Tensor2D), b2));
      return tf.neg(tf.mean(tf.sum(tf.mul(labels, tf.log(probabilities)), 1))) as tf.Scalar;
    };
    const weights = ['W1', 'b1', 'W2', 'b2'].map(tensorOf) as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor];
    const { value, grads } = tf.valueAndGrads((...w: tf.Tensor[]) => loss(w[0]!, w[1]!, w[2]!, w[3]!))(weights);
    const [dW1, , dW2, db2] = grads.map((g) => Array.from(g.dataSync()));
    return { loss: value.dataSync()[0]!, W1: dW1!, W2: dW2!, b2: db2! };
  });
}

let expected: ReturnType<typeof expectedByTfjs>;

beforeAll(async () => {
  await tf.setBackend('cpu');
  expected = expectedByTfjs();
  // The figure the example's description gives.
  expect(expected.loss).toBeCloseTo(0.822082, 5);
});

const closeTo = (actual: number[], want: number[]) => {
  expect(actual).toHaveLength(want.length);
  // The panel shows six significant digits.
  actual.forEach((v, i) => expect(Math.abs(v - want[i]!), `value ${i}: ${v} vs ${want[i]}`).toBeLessThan(1e-5));
};

test("the MLP example's gradients match tfjs's, and a value the loss does not depend on has none", async () => {
  const app = await openApp();
  const { page } = app;
  try {
    await openExample(page, 'MLP forward pass with a loss');
    // Opening a graph keeps the viewport, and the canvas renders only the nodes in view.
    await canvasNode(page, 'VariableV2', 'W1').waitFor();
    await fitView(page);
    await canvasNode(page, 'Neg', 'loss').waitFor();

    const target = sidePanel(page).getByRole('combobox', { name: 'Loss target', exact: true });
    // Only the scalar float32 nodes are offered: the batch mean and the loss.
    const options = await target.getByRole('option').allInnerTexts();
    expect(options).toEqual(['none', 'batch mean', 'loss']);
    await target.selectOption({ label: 'loss' });

    // The loss itself, as the forward run computed it.
    await selectNode(page, 'Neg', 'loss');
    const panel = sidePanel(page);
    const [shownLoss] = await readValues(panel.getByRole('region', { name: /^Output / }), 'loss.y');
    expect(Math.abs(shownLoss! - expected.loss)).toBeLessThan(1e-5);
    // d loss / d loss = 1.
    expect(await readValues(panel, 'gradient at loss.y')).toEqual([1]);

    await selectNode(page, 'VariableV2', 'W2');
    const dW2 = panel.getByRole('region', { name: 'Gradient of loss with respect to W2.ref', exact: true });
    closeTo(await readValues(dW2, 'gradient at W2.ref'), expected.W2);

    await selectNode(page, 'VariableV2', 'b2');
    closeTo(await readValues(panel, 'gradient at b2.ref'), expected.b2);

    await selectNode(page, 'VariableV2', 'W1');
    closeTo(await readValues(panel, 'gradient at W1.ref'), expected.W1);

    // With the batch mean as the target, the Neg after it gets no gradient, and says why.
    await target.selectOption({ label: 'batch mean' });
    await selectNode(page, 'Neg', 'loss');
    const none = panel.getByRole('region', { name: /^Gradient of batch mean with respect to loss\./ });
    const text = await waitFor(
      async () => (await none.textContent()) ?? '',
      (t) => t.includes('No gradient'),
      { what: 'the "No gradient" reason' },
    );
    expect(text).toContain('No gradient: the target does not depend on this value.');
    // …while W2 now gets d(mean)/dW2 = −d(loss)/dW2.
    await selectNode(page, 'VariableV2', 'W2');
    closeTo(
      await readValues(panel, 'gradient at W2.ref'),
      expected.W2.map((g) => -g),
    );

    expect(app.consoleErrors).toEqual([]);
  } finally {
    await app.close();
  }
}, 90_000);
