import { expect, test } from 'vitest';
import { openApp } from './support/browser';
import { readTable, selectNode, valuesTable } from './support/editor';

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
    await expect.poll(() => node.innerText(), { timeout: 30_000 }).toContain('[2, 4]');
    expect(app.consoleErrors).toEqual([]);
  } finally {
    await app.close();
  }
});
