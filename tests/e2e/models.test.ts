import * as tf from '@tensorflow/tfjs';
import { readFile } from 'node:fs/promises';
import type { Download, Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { attr, GraphModelBuilder } from '../support/graph-model-files';
import { openApp, READY_TIMEOUT, runStatus, screenshot } from './support/browser';
import {
  allClose,
  canvasNodeNames,
  fitView,
  parseShown,
  readStatistics,
  selectNode,
  sidePanel,
  toolbarButton,
  waitFor,
  waitForStatus,
  waitForValues,
} from './support/editor';
import { autosaved, save } from './support/files';

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

/** A dense layer whose 1600×1600 float32 kernel weighs 10 MB, in three 4 MB shards as the converter writes them. */
function largeModel() {
  const kernel = Float32Array.from({ length: 1600 * 1600 }, (_, i) => Math.sin(i) * 0.01);
  const files = new GraphModelBuilder()
    .placeholder('x', 'float32', [1, 1600])
    .constant('dense/kernel', kernel, [1600, 1600])
    .node('dense/MatMul', 'MatMul', ['x', 'dense/kernel'], { T: attr.type('float32') })
    .node('dense/Relu', 'Relu', ['dense/MatMul'], { T: attr.type('float32') })
    .files();
  return { files, kernel };
}

/** The kernel's bytes as a graph file holds them. */
function kernelBytes(graphText: string): Buffer {
  const file = JSON.parse(graphText) as { nodes: { id: string; attrs: { value?: { base64?: string } } }[] };
  return Buffer.from(file.nodes.find((n) => n.id === 'dense/kernel')!.attrs.value!.base64!, 'base64');
}

function openFileInput(page: Page) {
  return page.getByLabel('Open graph file', { exact: true });
}

/** Opens a model.json with its shards, as picked together in the Open… dialog. */
function openModel(page: Page, files: ReturnType<typeof model>['files']) {
  return openFileInput(page).setInputFiles([
    { name: 'model.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(files.modelJson)) },
    ...[...files.shards].map(([name, bytes]) => ({
      name,
      mimeType: 'application/octet-stream',
      buffer: Buffer.from(bytes),
    })),
  ]);
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
    await openModel(page, files);
    const notes = page.getByRole('dialog', { name: 'Imported model.json', exact: true });
    await notes.waitFor();
    expect(await notes.innerText()).toContain(
      'input x has shape [?, 3]; it holds zeros of shape [1, 3] until you set its value',
    );
    await notes.getByRole('button', { name: 'OK', exact: true }).click();

    await fitView(page);
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

test('a 10 MB model opens, saves, autosaves and comes back after a reload; a link refuses it', async () => {
  const { files, kernel } = largeModel();
  const app = await openApp();
  const { page } = app;
  const timed = async <T>(what: string, step: () => Promise<T>) => {
    const start = Date.now();
    const result = await step();
    console.log(`10 MB model: ${what} in ${Date.now() - start} ms`);
    return result;
  };
  try {
    await app.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(app.baseUrl).origin });
    expect([...files.shards.keys()]).toHaveLength(3);
    await timed('opened and run', async () => {
      await openModel(page, files);
      await waitForStatus(page, /4\/4 steps/, 60_000);
    });
    // The panel reads the kernel's 2.56 million values: its extremes are the weights'.
    await selectNode(page, 'Const', 'dense/kernel');
    const stats = await waitFor(
      () => readStatistics(sidePanel(page), 'dense/kernel.output'),
      (shown) => shown['shape'] === 'float32[1600, 1600]',
      { what: "the kernel's statistics" },
    );
    expect(Math.abs(parseShown(stats['min']!) - kernel.reduce((a, b) => Math.min(a, b)))).toBeLessThan(1e-6);
    expect(Math.abs(parseShown(stats['max']!) - kernel.reduce((a, b) => Math.max(a, b)))).toBeLessThan(1e-6);

    const saved = await timed('saved', () => save(page));
    expect(kernelBytes(saved.text).equals(Buffer.from(kernel.buffer))).toBe(true);
    const stored = await timed('autosaved', () =>
      waitFor(
        () => autosaved(page),
        (text) => text !== null && text.includes('dense/kernel'),
        { what: 'the autosave of the model', timeout: 60_000 },
      ),
    );
    expect(kernelBytes(stored!).equals(Buffer.from(kernel.buffer))).toBe(true);

    await page.evaluate(() => navigator.clipboard.writeText('before'));
    await toolbarButton(page, 'Copy link').click();
    await waitFor(
      () => page.getByRole('alert').allInnerTexts(),
      (texts) => texts.some((t) => t.includes('This graph is too large for a link')),
      { what: 'the notice that the model is too large for a link' },
    );
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('before');

    await timed('restored after a reload', async () => {
      await page.reload();
      await runStatus(page).filter({ hasText: 'Backend:' }).waitFor({ state: 'attached', timeout: READY_TIMEOUT });
      await waitForStatus(page, /4\/4 steps/, 60_000);
    });
    await fitView(page);
    expect(await canvasNodeNames(page)).toEqual([
      'Const node dense/kernel',
      'MatMul node dense/MatMul',
      'Placeholder node x',
      'Relu node dense/Relu',
    ]);
    expect(app.consoleErrors).toEqual([]);
  } finally {
    await app.close();
  }
}, 180_000);

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
