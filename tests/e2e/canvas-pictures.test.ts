import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import type { Locator } from 'playwright-core';
import { beforeAll, expect, test } from 'vitest';
import { openApp } from './support/browser';
import { canvasNode, fitView, openExample, sidePanel, waitFor } from './support/editor';

interface ExampleNode {
  id: string;
  op: string;
  name?: string;
  attrs: { value?: { shape: number[]; values: number[] } };
}

const mlp = JSON.parse(readFileSync(new URL('../../public/examples/mlp.json', import.meta.url), 'utf8')) as {
  nodes: ExampleNode[];
};
const mlpNode = (id: string) => mlp.nodes.find((n) => n.id === id)!;

/** Six significant digits, trailing zeros dropped, U+2212 for minus: the figures the canvas writes. */
const six = (v: number) => String(Number(v.toPrecision(6))).replace('-', '\u2212');

/** RGBA of one pixel of a preview's bitmap, in bitmap pixels (its natural size). */
const pixel = (image: Locator, x: number, y: number) =>
  image.evaluate(
    async (img: HTMLImageElement, [px, py]) => {
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = img.naturalWidth;
      canvas.height = img.naturalHeight;
      const context = canvas.getContext('2d')!;
      context.drawImage(img, 0, 0);
      return Array.from(context.getImageData(px!, py!, 1, 1).data);
    },
    [x, y],
  );

function tensorOf(id: string): tf.Tensor {
  const value = mlpNode(id).attrs.value!;
  return tf.tensor(value.values, value.shape, 'float32');
}

/**
 * The MLP written out in plain tfjs, any node's output replaceable: d loss / d (a node's output)
 * is the gradient of the loss with that output put in by hand.
 */
function mlpLoss(given: ReadonlyMap<string, tf.Tensor>, seen: Map<string, tf.Tensor>): tf.Scalar {
  const at = (id: string, compute: () => tf.Tensor) => {
    const t = given.get(id) ?? compute();
    seen.set(id, t);
    return t;
  };
  const x = at('x', () => tensorOf('x'));
  const matmul1 = at('matmul1', () => tf.matMul(x as tf.Tensor2D, at('W1', () => tensorOf('W1')) as tf.Tensor2D));
  const biasAdd1 = at('bias_add1', () =>
    tf.add(
      matmul1,
      at('b1', () => tensorOf('b1')),
    ),
  );
  const relu = at('relu', () => tf.relu(biasAdd1));
  const matmul2 = at('matmul2', () => tf.matMul(relu as tf.Tensor2D, at('W2', () => tensorOf('W2')) as tf.Tensor2D));
  const biasAdd2 = at('bias_add2', () =>
    tf.add(
      matmul2,
      at('b2', () => tensorOf('b2')),
    ),
  );
  const softmax = at('softmax', () => tf.softmax(biasAdd2));
  const log = at('log', () => tf.log(softmax));
  const mul = at('mul', () =>
    tf.mul(
      at('labels', () => tensorOf('labels')),
      log,
    ),
  );
  const sum = at('sum', () => tf.sum(mul, 1));
  const mean = at('mean', () => tf.mean(sum));
  return at('loss', () => tf.neg(mean)) as tf.Scalar;
}

/** Per node, the Euclidean norm of d loss / d its output. */
function gradientNorms(): Map<string, number> {
  const norms = new Map<string, number>();
  tf.engine().startScope();
  try {
    const values = new Map<string, tf.Tensor>();
    mlpLoss(new Map(), values);
    for (const [id, value] of values) {
      // d loss / d loss = 1, which tf.grad will not take of the identity.
      if (id === 'loss') {
        norms.set(id, 1);
        continue;
      }
      const gradient = tf.grad((t: tf.Tensor) => mlpLoss(new Map([[id, t]]), new Map()))(value);
      norms.set(id, Math.sqrt(tf.sum(tf.square(gradient)).dataSync()[0]!));
    }
  } finally {
    tf.engine().endScope();
  }
  return norms;
}

let norms: Map<string, number>;

beforeAll(async () => {
  await tf.setBackend('cpu');
  norms = gradientNorms();
});

test('edges are labelled with their types; a vector draws a sparkline, a matrix a heatmap', async () => {
  const app = await openApp();
  const { page } = app;
  try {
    await openExample(page, 'y = sin(x) · 2');
    // x = [1, 2, 3] into sin, sin into the product, and the scalar two.
    const vectorEdges = page.getByRole('group', { name: /^Edge from .*, float32\[3\]$/ });
    await waitFor(
      () => vectorEdges.count(),
      (n) => n === 2,
      { what: 'the two float32[3] edges' },
    );
    await expect(page.getByRole('group', { name: /^Edge from .*, float32\[\]$/ }).count()).resolves.toBe(1);
    // The label is drawn on the edge, not only named.
    for (const edge of await vectorEdges.all()) await edge.getByText('float32[3]', { exact: true }).waitFor();

    const sin = [Math.sin(1), Math.sin(2), Math.sin(3)];
    const [min, max] = [Math.min(...sin), Math.max(...sin)];
    const sparkline = canvasNode(page, 'Sin', 'sin(x)')
      .getByRole('group', { name: 'Value of sin(x)', exact: true })
      .getByRole('img', { name: `sin(x): sparkline of 3 values from ${six(min)} to ${six(max)}`, exact: true });
    await sparkline.waitFor();
    // 132 × 28 CSS pixels, 2 clear on each side: sin(2), the max, is the peak at the middle of the top
    // (x = 2 + 128 / 2, y = 2); sin(3), the min, ends it at the bottom right (130, 26).
    // The line is drawn in the theme's accent colour.
    const accent = await sparkline.evaluate((img) => {
      const probe = img.ownerDocument.createElement('span');
      probe.style.color = 'var(--accent)';
      img.ownerDocument.body.append(probe);
      const rgb = getComputedStyle(probe).color.match(/\d+/g)!.map(Number);
      probe.remove();
      return rgb;
    });
    const ratio = await page.evaluate(() => Math.ceil(window.devicePixelRatio || 1));
    const peak = await pixel(sparkline, 66 * ratio, 2 * ratio);
    expect(peak[3], 'the line passes the peak').toBeGreaterThan(100);
    peak.slice(0, 3).forEach((c, i) => expect(Math.abs(c - accent[i]!)).toBeLessThan(12));
    expect((await pixel(sparkline, 129 * ratio, 25 * ratio))[3], 'the line ends low right').toBeGreaterThan(60);
    expect((await pixel(sparkline, 66 * ratio, 20 * ratio))[3], 'nothing under the peak').toBe(0);

    await openExample(page, 'MLP forward pass with a loss');
    const w1 = mlpNode('W1').attrs.value!.values;
    const heatmap = canvasNode(page, 'VariableV2', 'W1')
      .getByRole('group', { name: 'Value of W1', exact: true })
      .getByRole('img', {
        name: `W1: heatmap of 3 × 5 values from ${six(Math.min(...w1))} to ${six(Math.max(...w1))}`,
        exact: true,
      });
    await heatmap.waitFor();
    // One bitmap pixel per cell: the min cell is viridis's first colour, the max its last.
    const cell = (i: number) => pixel(heatmap, i % 5, Math.floor(i / 5));
    expect(await cell(w1.indexOf(Math.min(...w1)))).toEqual([0x44, 0x01, 0x54, 255]);
    expect(await cell(w1.indexOf(Math.max(...w1)))).toEqual([0xfd, 0xe7, 0x25, 255]);
    expect(app.consoleErrors).toEqual([]);
  } finally {
    await app.close();
  }
}, 90_000);

test('the gradient overlay colours the node with the largest gradient most strongly', async () => {
  const app = await openApp();
  const { page } = app;
  try {
    await openExample(page, 'MLP forward pass with a loss');
    await canvasNode(page, 'VariableV2', 'W1').waitFor();
    await fitView(page);
    const overlay = page.getByRole('combobox', { name: 'Colour nodes by', exact: true });
    await overlay.selectOption({ label: 'gradient magnitude' });
    // No target yet: the legend says where to choose one.
    await page.getByText('Choose a loss target in the side panel to see gradient magnitudes.').waitFor();
    await sidePanel(page).getByRole('combobox', { name: 'Loss target', exact: true }).selectOption({ label: 'loss' });
    await page.getByRole('img', { name: /^Legend: gradient norm/ }).waitFor();

    const strongest = [...norms].reduce((a, b) => (b[1] > a[1] ? b : a));
    const runnerUp = Math.max(...[...norms].filter(([id]) => id !== strongest[0]).map(([, n]) => n));
    expect(strongest[1] / runnerUp, 'a clear winner').toBeGreaterThan(1.05);

    // How far each node's background is from white (the node colour of the light theme).
    const shade = async (node: ExampleNode) => {
      const colour = await canvasNode(page, node.op, node.name ?? node.id).evaluate(
        (el) => getComputedStyle(el).backgroundColor,
      );
      const numbers = colour.match(/[\d.]+/g)!.map(Number);
      const rgb = colour.startsWith('color(') ? numbers.slice(0, 3).map((v) => v * 255) : numbers.slice(0, 3);
      return rgb.reduce((sum, c) => sum + (255 - c), 0);
    };
    const shades = await waitFor(
      async () => new Map(await Promise.all(mlp.nodes.map(async (n) => [n.id, await shade(n)] as const))),
      (s) => [...s.values()].some((v) => v > 0),
      { what: 'the nodes to be coloured' },
    );
    const darkest = [...shades].reduce((a, b) => (b[1] > a[1] ? b : a));
    expect(darkest[0]).toBe(strongest[0]);
    expect(app.consoleErrors).toEqual([]);
  } finally {
    await app.close();
  }
}, 90_000);
