import { expect, test } from 'vitest';
import { openApp } from './support/browser';
import { canvasNodeNames, waitForStatus } from './support/editor';

const opened = JSON.stringify({
  format: 'tensorloom.graph',
  version: 2,
  nodes: [
    { id: 'a', op: 'Placeholder', name: 'mine', attrs: {}, position: { x: 0, y: 0 } },
    { id: 'b', op: 'Neg', name: 'negated', attrs: {}, position: { x: 260, y: 0 } },
  ],
  edges: [{ id: 'e', source: 'a', sourcePort: 'output', target: 'b', targetPort: 'x' }],
});

test('a file opened while the app is still loading its first graph stays open: the first graph does not replace it', async () => {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  // The first example is held back until the user's file is open.
  const app = await openApp({
    waitForReady: false,
    beforeOpen: async (page) => {
      await page.route('**/examples/sin-times-two.json', async (route) => {
        await held;
        await route.continue();
      });
    },
  });
  const { page } = app;
  try {
    await page
      .getByLabel('Open graph file', { exact: true })
      .setInputFiles({ name: 'mine.json', mimeType: 'application/json', buffer: Buffer.from(opened) });
    await expect.poll(() => canvasNodeNames(page)).toEqual(['Neg node negated', 'Placeholder node mine']);
    release();
    await waitForStatus(page, /Backend:/, 60_000);
    await page.waitForTimeout(500);
    expect(await canvasNodeNames(page)).toEqual(['Neg node negated', 'Placeholder node mine']);
    expect(app.consoleErrors).toEqual([]);
  } finally {
    release();
    await app.close();
  }
});
