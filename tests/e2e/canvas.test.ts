import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { openApp } from './support/browser';
import { waitForStatus } from './support/editor';

const nodes = (page: Page) => page.getByRole('group', { name: / node / });

test('quick-add by double-click and Shift+A, refused connections say why, delete, copy and paste', async () => {
  const app = await openApp();
  const { page } = app;
  try {
    await expect.poll(() => nodes(page).count()).toBe(4);
    const pane = page.locator('.react-flow__pane');
    const box = (await pane.boundingBox())!;

    // Away from the pane's edges, where dragging a connection would auto-pan the view.
    await page.mouse.dblclick(box.x + 120, box.y + box.height - 170);
    const search = page.getByRole('combobox', { name: 'Search ops to add' });
    await search.fill('logicalnot');
    const matches = page.getByRole('listbox', { name: 'Matching ops' }).getByRole('option');
    await expect.poll(() => matches.first().innerText()).toContain('LogicalNot');
    await search.press('Enter');
    await page.getByRole('group', { name: 'LogicalNot node logicalnot' }).waitFor();

    await page.mouse.move(box.x + 320, box.y + 150);
    await page.keyboard.press('Shift+A');
    await search.fill('tanh');
    await search.press('Enter');
    await page.getByRole('group', { name: 'Tanh node tanh' }).waitFor();
    await expect.poll(() => nodes(page).count()).toBe(6);

    // x is float32; LogicalNot takes bool: the edge is refused and the status bar says why. Each
    // added node re-runs the graph and re-renders the nodes: drag once the canvas is still.
    await waitForStatus(page, /Backend:/);
    await page
      .getByLabel('Output output of x', { exact: true })
      .dragTo(page.getByLabel('Input x of logicalnot', { exact: true }));
    const notice = page.getByRole('alert', { name: 'Notice' });
    await expect.poll(() => notice.innerText()).toContain('LogicalNot.x takes bool, but x.output is float32[3]');
    expect(await page.getByLabel(/^Edge from x\.output to logicalnot/).count()).toBe(0);

    await page.getByRole('group', { name: 'Tanh node tanh' }).click();
    await page.keyboard.press('Control+c');
    await page.keyboard.press('Control+v');
    await page.getByRole('group', { name: 'Tanh node tanh2' }).waitFor();
    await expect.poll(() => nodes(page).count()).toBe(7);

    await page.getByRole('group', { name: 'Tanh node tanh2' }).click();
    await page.keyboard.press('Delete');
    await page.getByRole('group', { name: 'Tanh node tanh' }).click();
    await page.keyboard.press('Delete');
    await expect.poll(() => nodes(page).count()).toBe(5);
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => nodes(page).count()).toBe(6);
    expect(app.consoleErrors).toEqual([]);
  } finally {
    await app.close();
  }
});
