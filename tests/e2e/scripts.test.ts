import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { openApp } from './support/browser';
import {
  canvasNode,
  openExample,
  parseShown,
  readStatistics,
  readTable,
  readValues,
  selectNode,
  sidePanel,
  valuesTable,
  waitForValues,
} from './support/editor';
import { nodePreview } from './support/scripts';

test('a seed example with script nodes runs from the examples menu, gradient body included', async () => {
  const app = await openApp();
  const { page } = app;
  try {
    await page.getByRole('combobox', { name: 'Examples' }).selectOption('seed-py-function.json');
    await page.getByRole('group', { name: /^TensorScript node my_python_op/ }).waitFor();
    await selectNode(page, 'TensorScript', 'my_python_op');
    await expect
      .poll(async () => (await readTable(valuesTable(page, 'my_python_op.y'))).map((v) => v.toFixed(4)), {
        timeout: 30_000,
      })
      .toEqual(['1.6829', '1.8186', '0.2822']);
    await page.getByRole('combobox', { name: 'Loss target' }).selectOption('loss');
    await selectNode(page, 'Placeholder', 'x');
    const gradient = page.getByRole('region', { name: 'Gradient of loss with respect to x.output' });
    await gradient.waitFor({ timeout: 30_000 });
    const table = valuesTable(gradient, 'gradient at x.output');
    await expect.poll(async () => (await readTable(table)).length, { timeout: 30_000 }).toBe(3);
    (await readTable(table)).forEach((v, i) => expect(v).toBeCloseTo(2 * Math.cos(i + 1), 4));
    expect(app.consoleErrors).toEqual([]);
  } finally {
    await app.close();
  }
});

test('a graph file with a script opens untrusted: nothing runs until Trust and run', async () => {
  const app = await openApp();
  const { page } = app;
  try {
    const file = {
      format: 'tensorloom.graph',
      version: 1,
      nodes: [
        { id: 'x', op: 'Placeholder', attrs: { value: { dtype: 'float32', shape: [2], values: [1, 2] } } },
        { id: 'double', op: 'TensorScript', attrs: { body: 'return tf.mul(x, 2);' } },
      ],
      edges: [{ id: 'e1', source: 'x', sourcePort: 'output', target: 'double', targetPort: 'x' }],
    };
    await page.getByLabel('Open graph file').setInputFiles({
      name: 'script.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(file)),
    });
    const banner = page.getByRole('region', { name: 'Untrusted scripts' });
    await banner.waitFor();
    expect(await banner.getByLabel('Body of double').innerText()).toBe('return tf.mul(x, 2);');
    const node = page.getByRole('group', { name: /^TensorScript node double/ });
    await expect.poll(() => node.innerText()).toContain('not run: this graph is not trusted yet');
    await banner.getByRole('button', { name: 'Trust and run' }).click();
    await expect.poll(() => banner.count()).toBe(0);
    await expect.poll(() => nodePreview(page, 'TensorScript', 'double'), { timeout: 30_000 }).toContain('[2, 4]');
    expect(app.consoleErrors).toEqual([]);
  } finally {
    await app.close();
  }
});

/** Opens a seed example from the toolbar's Examples menu and waits for one of its nodes. */
async function openSeed(page: Page, title: string, op: string, label: string): Promise<void> {
  await openExample(page, title);
  await canvasNode(page, op, label).waitFor({ timeout: 30_000 });
}

test('seed numpy_function: log on [1, e, 10], and its gradient body dy / x', async () => {
  const app = await openApp();
  const { page } = app;
  try {
    await openSeed(page, 'Seed: numpy_function with a custom gradient', 'ArrayScript', 'my_numpy_op');
    const x = [1, Math.E, 10];
    await selectNode(page, 'ArrayScript', 'my_numpy_op');
    expect((await readStatistics(sidePanel(page), 'my_numpy_op.y'))['shape']).toBe('float32[3]');
    // [0, 1, 2.302585]: np.log(x) in the seed.
    await waitForValues(sidePanel(page), 'my_numpy_op.y', x.map(Math.log));

    // The gradient body is the seed's dy / x: d sum(log x) / dx = 1 / x.
    await page.getByRole('combobox', { name: 'Loss target', exact: true }).selectOption('loss');
    await selectNode(page, 'Placeholder', 'x');
    const gradient = sidePanel(page).getByRole('region', {
      name: 'Gradient of loss with respect to x.output',
      exact: true,
    });
    await gradient.waitFor({ timeout: 30_000 });
    await waitForValues(
      gradient,
      'gradient at x.output',
      x.map((v) => 1 / v),
    );
    expect(app.consoleErrors).toEqual([]);
  } finally {
    await app.close();
  }
});

test('seed custom op: MyCustomOp doubles [1, 2, 3] element by element', async () => {
  const app = await openApp();
  const { page } = app;
  try {
    await openSeed(page, 'Seed: a custom op, x · 2', 'ArrayScript', 'MyCustomOp');
    await selectNode(page, 'ArrayScript', 'MyCustomOp');
    expect((await readStatistics(sidePanel(page), 'MyCustomOp.y'))['shape']).toBe('float32[3]');
    await waitForValues(
      sidePanel(page),
      'MyCustomOp.y',
      [1, 2, 3].map((v) => v * 2),
    );
    expect(app.consoleErrors).toEqual([]);
  } finally {
    await app.close();
  }
});

test('seed random source: a script with no inputs draws a 10×3 float32 tensor in [0, 1)', async () => {
  const app = await openApp();
  const { page } = app;
  try {
    await openSeed(page, 'Seed: a random-data source', 'ArrayScript', 'generate_random_data');
    await selectNode(page, 'ArrayScript', 'generate_random_data');
    const label = 'generate_random_data.random_data';
    const stats = await readStatistics(sidePanel(page), label);
    expect(stats['shape']).toBe('float32[10, 3]');
    expect([stats['NaN'], stats['Inf']]).toEqual(['0', '0']);
    expect(parseShown(stats['min']!)).toBeGreaterThanOrEqual(0);
    expect(parseShown(stats['max']!)).toBeLessThan(1);
    const values = await readValues(sidePanel(page), label);
    expect(values).toHaveLength(30);
    expect(values.every((v) => Number.isFinite(v) && v >= 0 && v < 1)).toBe(true);
    // np.random.rand: not all the same value.
    expect(new Set(values).size).toBeGreaterThan(1);
    expect(app.consoleErrors).toEqual([]);
  } finally {
    await app.close();
  }
});

test('seed complex data: one script returns images, labels and metadata with their declared types', async () => {
  const app = await openApp();
  const { page } = app;
  try {
    await openSeed(page, 'Seed: images, labels and metadata', 'ArrayScript', 'generate_complex_data');
    await selectNode(page, 'ArrayScript', 'generate_complex_data');
    const panel = sidePanel(page);
    const expected = {
      images: 'float32[100, 64, 64, 3]',
      labels: 'int32[100]',
      metadata: 'float32[100, 5]',
    };
    for (const [port, type] of Object.entries(expected)) {
      const stats = await readStatistics(panel, `generate_complex_data.${port}`, 60_000);
      expect(stats['shape'], port).toBe(type);
      expect([stats['NaN'], stats['Inf']], port).toEqual(['0', '0']);
      expect(parseShown(stats['min']!), port).toBeGreaterThanOrEqual(0);
      // The panel shows six significant digits, so a float just under 1 reads "1".
      expect(parseShown(stats['max']!), port).toBeLessThanOrEqual(port === 'labels' ? 9 : 1);
    }
    // Labels: whole numbers from 0 to 9 (np.random.randint(0, 10)).
    const labels = await readValues(panel, 'generate_complex_data.labels');
    expect(labels).toHaveLength(100);
    expect(labels.every((v) => Number.isInteger(v) && v >= 0 && v < 10)).toBe(true);
    const metadata = await readValues(panel, 'generate_complex_data.metadata');
    expect(metadata).toHaveLength(100);
    expect(metadata.every((v) => Number.isFinite(v) && v >= 0 && v < 1)).toBe(true);
    expect(app.consoleErrors).toEqual([]);
  } finally {
    await app.close();
  }
}, 120_000);
