import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { openApp, runStatus, READY_TIMEOUT } from './support/browser';
import {
  allClose,
  canvasNodeNames,
  readValues,
  selectNode,
  setTensorAttr,
  sidePanel,
  toolbarButton,
  waitFor,
  waitForValues,
  X,
} from './support/editor';
import { autosaved, save } from './support/files';

const times = (k: number) => X.map((x) => k * Math.sin(x));
const DEFAULT_NODES = ['Const node two', 'Mul node 2·sin(x)', 'Placeholder node x', 'Sin node sin(x)'];

interface GraphFile {
  format: string;
  version: number;
  nodes: { id: string; op: string; name?: string; attrs: Record<string, unknown> }[];
  edges: unknown[];
}

/** Sets the Const "two" to `k` and waits until Mul shows k·sin(x). */
async function setTwo(page: Page, k: number): Promise<void> {
  await selectNode(page, 'Const', 'two');
  await setTensorAttr(page, 'value', String(k));
  await selectNode(page, 'Mul', '2·sin(x)');
  await waitForValues(sidePanel(page), '2·sin(x).z', times(k));
}

/** Mul's values, read from a freshly drawn table (another node selected in between). */
async function mulValues(page: Page): Promise<number[]> {
  await selectNode(page, 'Sin', 'sin(x)');
  await selectNode(page, 'Mul', '2·sin(x)');
  return readValues(sidePanel(page), '2·sin(x).z');
}

function openFileInput(page: Page) {
  return page.getByLabel('Open graph file', { exact: true });
}

const twoOf = (file: GraphFile) => file.nodes.find((n) => n.id === 'two')?.attrs['value'];

test('Save downloads the graph, and opening that file brings it back after an edit', async () => {
  const app = await openApp();
  const { page } = app;
  try {
    await selectNode(page, 'Mul', '2·sin(x)');
    await waitForValues(sidePanel(page), '2·sin(x).z', times(2));

    const saved = await save(page);
    expect(saved.name).toBe('sin-times-two.json');
    const file = JSON.parse(saved.text) as GraphFile;
    expect(file.format).toBe('tensorloom.graph');
    expect(file.version).toBe(3);
    expect(file.nodes.map((n) => [n.id, n.op, n.name])).toEqual([
      ['x', 'Placeholder', 'x'],
      ['two', 'Const', 'two'],
      ['sin', 'Sin', 'sin(x)'],
      ['mul', 'Mul', '2·sin(x)'],
    ]);
    expect(file.edges).toHaveLength(3);
    expect(twoOf(file)).toEqual({ dtype: 'float32', shape: [], values: [2] });

    await setTwo(page, 5);

    await openFileInput(page).setInputFiles({
      name: saved.name,
      mimeType: 'application/json',
      buffer: Buffer.from(saved.text),
    });
    // Opening a file clears the selection; the saved graph is back, 2·sin(x) and all.
    await sidePanel(page).getByText('Select a node', { exact: false }).waitFor();
    expect(await canvasNodeNames(page)).toEqual(DEFAULT_NODES);
    await selectNode(page, 'Mul', '2·sin(x)');
    await waitForValues(sidePanel(page), '2·sin(x).z', times(2));

    // What comes back saves as it went out, under the opened file's name.
    const again = await save(page);
    expect(again).toEqual(saved);

    expect(app.consoleErrors).toEqual([]);
  } finally {
    await app.close();
  }
}, 90_000);

test('the graph is autosaved and restored after a reload', async () => {
  const app = await openApp();
  const { page } = app;
  try {
    await setTwo(page, 4);
    // The autosave follows each edit after a short pause.
    await waitFor(
      () => autosaved(page),
      (text) => text !== null && JSON.stringify(twoOf(JSON.parse(text) as GraphFile)).includes('[4]'),
      { what: 'the autosave to hold two = 4' },
    );

    await page.reload();
    await runStatus(page).filter({ hasText: 'Backend:' }).waitFor({ state: 'attached', timeout: READY_TIMEOUT });
    expect(await canvasNodeNames(page)).toEqual(DEFAULT_NODES);
    await selectNode(page, 'Mul', '2·sin(x)');
    await waitForValues(sidePanel(page), '2·sin(x).z', times(4));
    // The restored graph starts a fresh history.
    expect(await toolbarButton(page, 'Undo').isDisabled()).toBe(true);

    expect(app.consoleErrors).toEqual([]);
  } finally {
    await app.close();
  }
}, 90_000);

test('a malformed file is refused with a dialog and leaves the graph as it was', async () => {
  const app = await openApp();
  const { page } = app;
  try {
    await setTwo(page, 3);
    const before = await mulValues(page);
    const saved = JSON.parse((await save(page)).text) as GraphFile;

    expect(allClose(before, times(3))).toBe(true);
    // The saved graph with x's shape [3] holding two values: valid JSON, but not a valid file.
    const schemaError = structuredClone(saved);
    schemaError.nodes.find((n) => n.id === 'x')!.attrs['value'] = { dtype: 'float32', shape: [3], values: [1, 2] };

    const cases = [
      {
        name: 'broken.json',
        text: '{"format": "tensorloom.graph", "version": 1, "nodes": [',
        message: /not valid JSON/,
      },
      { name: 'wrong-count.json', text: JSON.stringify(schemaError), message: /shape \[3\] holds 3 values, got 2/ },
    ];
    for (const { name, text, message } of cases) {
      await openFileInput(page).setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
      const dialog = page.getByRole('alertdialog', { name: `Cannot open ${name}`, exact: true });
      await dialog.waitFor();
      const shown = await dialog.innerText();
      expect(shown, name).toMatch(message);
      expect(shown, name).toContain('The current graph is unchanged.');
      await dialog.getByRole('button', { name: 'OK', exact: true }).click();
      await dialog.waitFor({ state: 'detached' });

      expect(await canvasNodeNames(page), name).toEqual(DEFAULT_NODES);
      expect(await mulValues(page), name).toEqual(before);
    }

    expect(app.consoleErrors).toEqual([]);
  } finally {
    await app.close();
  }
}, 90_000);

test('a graph file dropped on the canvas opens', async () => {
  const app = await openApp();
  const { page } = app;
  try {
    const saved = JSON.parse((await save(page)).text) as GraphFile;
    const seven = structuredClone(saved);
    seven.nodes.find((n) => n.id === 'two')!.attrs['value'] = { dtype: 'float32', shape: [], values: [7] };
    seven.nodes.find((n) => n.id === 'mul')!.name = '7·sin(x)';

    const dataTransfer = await page.evaluateHandle((text) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([text], 'seven.json', { type: 'application/json' }));
      return transfer;
    }, JSON.stringify(seven));
    const canvas = page.getByRole('application', { name: 'Graph canvas', exact: true });
    await canvas.dispatchEvent('dragover', { dataTransfer });
    await canvas.dispatchEvent('drop', { dataTransfer });

    await waitFor(
      () => canvasNodeNames(page),
      (names) => names.includes('Mul node 7·sin(x)'),
      { what: 'the dropped graph on the canvas' },
    );
    expect(await canvasNodeNames(page)).toEqual([
      'Const node two',
      'Mul node 7·sin(x)',
      'Placeholder node x',
      'Sin node sin(x)',
    ]);
    await selectNode(page, 'Mul', '7·sin(x)');
    await waitForValues(sidePanel(page), '7·sin(x).z', times(7), { tolerance: 1e-4 });

    expect(app.consoleErrors).toEqual([]);
  } finally {
    await app.close();
  }
}, 90_000);
