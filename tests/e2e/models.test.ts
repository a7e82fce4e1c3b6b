import * as tf from '@tensorflow/tfjs';
import { readFile } from 'node:fs/promises';
import type { Download, Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { attr, GraphModelBuilder } from '../support/graph-model-files';
import { openApp, screenshot } from './support/browser';
import { allClose, canvasNodeNames, selectNode, sidePanel, toolbarButton, waitForValues } from './support/editor';

/**
 * A small converter-style model: x [?, 3] → MatMul → BiasAdd → Relu, with a 3×40 kernel (more than
 * 64 values: a graph file holds it in base64).
 */
function model() {
  const kernel = Float32Array.from({ length: 3 * 40 }, (_, i) => Math.sin(i) * 0.5);
  const bias = Float32Array.from({ length: 40 }, (_, i) => (i % 7) - 3);
  const files = new GraphModelBuilder()
    .placeholder('x', 'float32', [-1, 3])
    .constant('dense/kernel', kernel, [3, 40])
    .constant('dense/bias', bias, [40])
    .node('dense/MatMul', 'MatMul', ['x', 'dense/kernel'], { T: attr.type('float32') })
    .node('dense/BiasAdd', 'BiasAdd', ['dense/MatMul', 'dense/bias'], { T: attr.type('float32') })
    .node('dense/Relu', 'Relu', ['dense/BiasAdd'], { T: attr.type('float32') })
    .files();
  return { files, kernel, bias };
}

function openFileInput(page: Page) {
  return page.getByLabel('Open graph file', { exact: true });
}

/** The nodes' boxes on the canvas, for checking that none overlap. */
async function nodeBoxes(page: Page) {
  return page
    .getByRole('group', { name: /^\w+ node / })
    .evaluateAll((elements) => elements.map((e) => e.getBoundingClientRect().toJSON() as DOMRect));
}

test('a model.json dropped with its weights opens laid out, runs, shows inner values, and exports a GraphModel tfjs loads', async () => {
  const { files, kernel, bias } = model();
  const app = await openApp();
  const { page } = app;
  try {
    await openFileInput(page).setInputFiles([
      { name: 'model.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(files.modelJson)) },
      ...[...files.shards].map(([name, bytes]) => ({
        name,
        mimeType: 'application/octet-stream',
        buffer: Buffer.from(bytes),
      })),
    ]);
    const notes = page.getByRole('dialog', { name: 'Imported model.json', exact: true });
    await notes.waitFor();
    expect(await notes.innerText()).toContain(
      'input x has shape [?, 3]; it holds zeros of shape [1, 3] until you set its value',
    );
    await notes.getByRole('button', { name: 'OK', exact: true }).click();

    expect(await canvasNodeNames(page)).toEqual([
      'BiasAdd node dense/BiasAdd',
      'Const node dense/bias',
      'Const node dense/kernel',
      'MatMul node dense/MatMul',
      'Placeholder node x',
      'Relu node dense/Relu',
    ]);
    const boxes = await nodeBoxes(page);
    for (const [i, a] of boxes.entries())
      for (const b of boxes.slice(i + 1))
        expect(a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top).toBe(true);

    // x holds zeros, so the inner BiasAdd shows the bias.
    await selectNode(page, 'BiasAdd', 'dense/BiasAdd');
    await waitForValues(sidePanel(page), 'dense/BiasAdd.output', Array.from(bias));
    await screenshot(page, 'model-imported.png');

    await toolbarButton(page, 'Export…').click();
    const dialog = page.getByRole('dialog', { name: 'Export as a TensorFlow.js GraphModel', exact: true });
    const downloads: Download[] = [];
    page.on('download', (d) => downloads.push(d));
    await dialog.getByRole('button', { name: 'Export GraphModel', exact: true }).click();
    await dialog.getByRole('region', { name: 'Exported files', exact: true }).waitFor();
    await expect.poll(() => downloads.length).toBe(2);
    const exported = new Map(
      await Promise.all(downloads.map(async (d) => [d.suggestedFilename(), await readFile(await d.path())] as const)),
    );
    expect([...exported.keys()].sort()).toEqual(['group1-shard1of1.bin', 'model.json']);

    await tf.setBackend('cpu');
    const modelJson = JSON.parse(exported.get('model.json')!.toString('utf8'));
    const loaded = await tf.loadGraphModel(
      tf.io.fromMemory({
        modelTopology: modelJson.modelTopology,
        weightSpecs: modelJson.weightsManifest[0].weights,
        weightData: new Uint8Array(exported.get('group1-shard1of1.bin')!).buffer,
      }),
    );
    const x = tf.tensor2d([[0.5, -1, 2]]);
    const y = loaded.execute({ 'x:0': x }, 'dense/Relu') as tf.Tensor;
    const expected = tf.tidy(() => tf.relu(tf.add(tf.matMul(x, tf.tensor2d(kernel, [3, 40])), tf.tensor1d(bias))));
    expect(allClose(Array.from(await y.data()), Array.from(await expected.data()))).toBe(true);
    tf.dispose([x, y, expected]);
    loaded.dispose();
    expect(app.consoleErrors).toEqual([]);
  } finally {
    await app.close();
  }
});

test('a file that is no graph or model is refused with one message, and the graph stays', async () => {
  const app = await openApp();
  const { page } = app;
  try {
    const before = await canvasNodeNames(page);
    await openFileInput(page).setInputFiles({
      name: 'photo.png',
      mimeType: 'image/png',
      buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    });
    const dialog = page.getByRole('alertdialog', { name: 'Cannot open photo.png', exact: true });
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain('photo.png is a PNG image. Tensorloom opens its own graph files');
    await dialog.getByRole('button', { name: 'OK', exact: true }).click();
    expect(await canvasNodeNames(page)).toEqual(before);
  } finally {
    await app.close();
  }
});
