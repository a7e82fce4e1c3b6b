import { expect, test } from 'vitest';
import { openApp } from './support/browser';
import { canvasNode, selectNode, setTensorAttr, sidePanel, toolbarButton, waitForValues, X } from './support/editor';

const times = (k: number) => X.map((x) => k * Math.sin(x));

test('an attribute edit re-runs the graph, and undo and redo take it back and forth', async () => {
  const app = await openApp();
  const { page } = app;
  try {
    // A fresh start has nothing to undo or redo.
    expect(await toolbarButton(page, 'Undo').isDisabled()).toBe(true);
    expect(await toolbarButton(page, 'Redo').isDisabled()).toBe(true);

    await selectNode(page, 'Mul', '2·sin(x)');
    await waitForValues(sidePanel(page), '2·sin(x).z', times(2));

    await selectNode(page, 'Const', 'two');
    await setTensorAttr(page, 'value', '3');
    await selectNode(page, 'Mul', '2·sin(x)');
    await waitForValues(sidePanel(page), '2·sin(x).z', times(3));
    expect(await toolbarButton(page, 'Undo').isEnabled()).toBe(true);

    // Ctrl+Z, with the focus on the canvas (not in a text field).
    await page.keyboard.press('Control+z');
    await waitForValues(sidePanel(page), '2·sin(x).z', times(2));
    expect(await toolbarButton(page, 'Undo').isDisabled()).toBe(true);
    expect(await toolbarButton(page, 'Redo').isEnabled()).toBe(true);

    await toolbarButton(page, 'Redo').click();
    await waitForValues(sidePanel(page), '2·sin(x).z', times(3));

    // The undo button does what Ctrl+Z does, and the Const's field follows the document.
    await toolbarButton(page, 'Undo').click();
    await waitForValues(sidePanel(page), '2·sin(x).z', times(2));
    await selectNode(page, 'Const', 'two');
    const field = sidePanel(page).getByRole('textbox', { name: 'value', exact: true });
    expect(await field.inputValue()).toBe('2');

    // Ctrl+Shift+Z redoes too.
    await canvasNode(page, 'Sin', 'sin(x)').click();
    await page.keyboard.press('Control+Shift+z');
    await selectNode(page, 'Mul', '2·sin(x)');
    await waitForValues(sidePanel(page), '2·sin(x).z', times(3));

    expect(app.consoleErrors).toEqual([]);
  } finally {
    await app.close();
  }
}, 90_000);
