import { randomBytes } from 'node:crypto';
import { expect, test } from 'vitest';
import { openApp } from './support/browser';
import {
  canvasNode,
  canvasNodeNames,
  openExample,
  selectNode,
  sidePanel,
  toolbarButton,
  waitFor,
} from './support/editor';
import { nodeMessage, nodePreview, trustAndRun, trustBanner } from './support/scripts';

test('a copied link opens the same graph elsewhere: untrusted, its scripts waiting, the previous graph one Undo away', async () => {
  const sender = await openApp();
  let link: string;
  try {
    await sender.context.grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: new URL(sender.baseUrl).origin,
    });
    await openExample(sender.page, 'Seed: py_function with a custom gradient');
    await canvasNode(sender.page, 'TensorScript', 'my_python_op').waitFor();
    await toolbarButton(sender.page, 'Copy link').click();
    await waitFor(
      () => sender.page.getByRole('status').allInnerTexts(),
      (texts) => texts.some((t) => t.includes('Link to this graph copied')),
      { what: 'the notice that the link was copied' },
    );
    link = await sender.page.evaluate(() => navigator.clipboard.readText());
    expect(link.startsWith(`${sender.baseUrl}#graph=`)).toBe(true);
    expect(sender.consoleErrors).toEqual([]);
  } finally {
    await sender.close();
  }

  // A fresh browser: its own session opens the default example first, then the link.
  const receiver = await openApp({ path: link.slice(sender.baseUrl.length - 1) });
  const { page } = receiver;
  try {
    await canvasNode(page, 'TensorScript', 'my_python_op').waitFor();
    await trustBanner(page).waitFor();
    await waitFor(
      () => nodeMessage(page, 'TensorScript', 'my_python_op'),
      (message) => message.includes('not trusted'),
      { what: 'the linked script to wait for trust' },
    );
    // The link is out of the address bar, so a reload restores the session rather than the link.
    expect(new URL(page.url()).hash).toBe('');
    await trustAndRun(page);
    await waitFor(
      () => nodePreview(page, 'TensorScript', 'my_python_op'),
      (text) => text.includes('[1.683, 1.819, 0.2822]'),
      { what: 'the trusted script to give sin(x)·2 on [1, 2, 3]' },
    );
    await toolbarButton(page, 'Undo').click();
    await waitFor(
      () => canvasNodeNames(page),
      (names) => names.some((n) => n.startsWith('Mul node')) && !names.some((n) => n.startsWith('TensorScript')),
      { what: 'Undo to bring back the graph the link replaced' },
    );
    expect(receiver.consoleErrors).toEqual([]);
  } finally {
    await receiver.close();
  }
});

test('a damaged link is reported and the editor keeps its graph', async () => {
  const app = await openApp({ path: '/#graph=AAAA' });
  const { page } = app;
  try {
    const dialog = page.getByRole('alertdialog', { name: 'Cannot open the graph in this link', exact: true });
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain('damaged or cut short');
    await dialog.getByRole('button', { name: 'OK' }).click();
    expect(await canvasNodeNames(page)).toContain('Mul node 2·sin(x)');
    expect(await trustBanner(page).count()).toBe(0);
    expect(app.consoleErrors).toEqual([]);
  } finally {
    await app.close();
  }
});

test('a graph too large for a link is refused with the reason, and nothing is copied', async () => {
  const app = await openApp();
  const { page } = app;
  try {
    await app.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(app.baseUrl).origin });
    await page.evaluate(() => navigator.clipboard.writeText('before'));
    await openExample(page, 'Seed: preprocessing an image file');
    await selectNode(page, 'FileBytes', 'image_file');
    // 3 MiB of noise: deflate cannot shrink it, so its link would take about 4 million characters.
    const noise = randomBytes(3 * 1024 * 1024);
    await sidePanel(page)
      .getByLabel('Open file…')
      .setInputFiles({ name: 'noise.bin', mimeType: 'application/octet-stream', buffer: noise });
    await waitFor(
      () => sidePanel(page).innerText(),
      (text) => text.includes('application/octet-stream, 3.0 MiB'),
      { what: 'the panel to show the 3 MiB file' },
    );
    await toolbarButton(page, 'Copy link').click();
    await waitFor(
      () => page.getByRole('alert').allInnerTexts(),
      (texts) => texts.some((t) => t.includes('This graph is too large for a link') && t.includes('use Save instead')),
      { what: 'the notice that the graph is too large for a link' },
    );
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('before');
    expect(app.consoleErrors).toEqual([]);
  } finally {
    await app.close();
  }
});
