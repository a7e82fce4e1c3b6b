import { readFile } from 'node:fs/promises';
import type { Download } from 'playwright-core';
import { afterAll, expect, test } from 'vitest';
import { parseGraphFile } from '../../src/io/graph-file';
import { moduleValues, removeGenerated, typeErrors, writeExport } from '../io/typescript/exported-module';
import { openApp, screenshot } from './support/browser';
import { allClose, openExample, readValues, selectNode, sidePanel, toolbarButton } from './support/editor';
import { save } from './support/files';

afterAll(() => removeGenerated('e2e'));

test('Export… writes a TypeScript module that type-checks and computes what the editor shows, script included', async () => {
  const app = await openApp();
  const { page } = app;
  try {
    await openExample(page, 'Seed: py_function with a custom gradient');
    await selectNode(page, 'Sum', 'loss');
    const shownLoss = await readValues(sidePanel(page), 'loss.output');
    // The script computes y = 2·sin(x) on x = [1, 2, 3]; loss is their sum.
    expect(allClose(shownLoss, [2 * (Math.sin(1) + Math.sin(2) + Math.sin(3))])).toBe(true);

    await toolbarButton(page, 'Export…').click();
    const dialog = page.getByRole('dialog', { name: 'Export as a TensorFlow.js GraphModel', exact: true });
    await dialog
      .getByRole('radiogroup', { name: 'Format', exact: true })
      .getByRole('radio', { name: 'TypeScript module' })
      .click();
    await page.getByRole('dialog', { name: 'Export as a TypeScript module', exact: true }).waitFor();
    const [download] = (await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export TypeScript', exact: true }).click(),
    ])) as [Download, unknown];
    expect(download.suggestedFilename()).toBe('model.ts');
    await page.getByRole('region', { name: 'Exported files', exact: true }).waitFor();
    await screenshot(page, 'export-typescript.png');
    await page.getByRole('button', { name: 'Close', exact: true }).click();

    const source = await readFile(await download.path(), 'utf8');
    expect(source).toContain("import * as tf from '@tensorflow/tfjs';");
    expect(source).toMatch(/export interface Inputs \{\n\s+\/\*\* float32\[3\] \*\/\n\s+x: tf\.Tensor;/);
    // The script's body, as the user wrote it, in a function of its own.
    expect(source).toContain('tf.mul(tf.sin(x), 2)');
    const path = await writeExport('e2e', new Map([['model.ts', source]]));
    expect(typeErrors([path])).toBe('');

    const parsed = parseGraphFile((await save(page)).text);
    if (!parsed.ok) throw new Error(parsed.error.message);
    const values = await moduleValues(path, parsed.graph);
    expect([...values.keys()]).toEqual(['loss:output']);
    expect(allClose(Array.from(values.get('loss:output')!.values), shownLoss, 1e-5)).toBe(true);
    expect(app.consoleErrors).toEqual([]);
  } finally {
    await app.close();
  }
});
