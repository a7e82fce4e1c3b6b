import type { Locator, Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { openApp } from './support/browser';
import { canvasNode, openExample, selectNode, sidePanel, statusText, toolbarButton, waitFor } from './support/editor';
import { save } from './support/files';

/** The on-screen height of a node's title (its op name), in CSS pixels. */
async function titleHeight(node: Locator, op: string): Promise<number> {
  const box = await node.getByText(op, { exact: true }).first().boundingBox();
  if (!box) throw new Error(`the title ${op} is not on screen`);
  return box.height;
}

function canvas(page: Page): Locator {
  return page.getByRole('application', { name: 'Graph canvas', exact: true });
}

/** Whether `inner` lies wholly inside `outer` on screen. */
async function within(inner: Locator, outer: Locator): Promise<boolean> {
  const [a, b] = await Promise.all([inner.boundingBox(), outer.boundingBox()]);
  return !!a && !!b && a.x >= b.x && a.y >= b.y && a.x + a.width <= b.x + b.width && a.y + a.height <= b.y + b.height;
}

/** The text of every toast (and other status) on the page. */
const statuses = (page: Page) => page.getByRole('status').allInnerTexts();

async function waitForToast(page: Page, text: string | RegExp): Promise<void> {
  await waitFor(
    () => statuses(page),
    (texts) => texts.some((t) => (typeof text === 'string' ? t.includes(text) : text.test(t))),
    { what: `a toast saying ${String(text)}` },
  );
}

test('an example opens with its name and description shown, its titles readable and its inputs in view; New resets the zoom', async () => {
  const app = await openApp({ viewport: { width: 1024, height: 768 } });
  const { page } = app;
  try {
    await openExample(page, 'MLP forward pass with a loss');
    const description = page.getByRole('textbox', { name: 'Graph description', exact: true });
    await waitFor(
      () => description.inputValue(),
      (text) => text.startsWith('A two-layer perceptron (3 → 5 → 2, ReLU, softmax)'),
      { what: "the MLP's description" },
    );
    expect(await page.getByRole('textbox', { name: 'Graph name', exact: true }).inputValue()).toBe('mlp');
    expect(await description.isVisible()).toBe(true);

    // 17 nodes do not fit 1024 px readably: the view starts at the input x, titles at least 11 px high.
    const x = canvasNode(page, 'Placeholder', 'x');
    await x.waitFor();
    await waitFor(() => within(x, canvas(page)), Boolean, { what: 'the input x in view' });
    const height = await titleHeight(x, 'Placeholder');
    expect(height).toBeGreaterThanOrEqual(11);

    // Zoomed far out, then New: a node added to the new graph is drawn at zoom 1, its title 16.8 px high.
    for (let i = 0; i < 4; i++) await page.getByRole('button', { name: 'Zoom Out', exact: true }).click();
    await waitFor(
      () => titleHeight(x, 'Placeholder'),
      (h) => h < 11,
      { what: 'the zoom-out' },
    );
    await toolbarButton(page, 'New').click();
    await page.getByRole('button', { name: /^Placeholder: / }).click();
    const added = canvasNode(page, 'Placeholder', 'placeholder');
    await added.waitFor();
    expect(await titleHeight(added, 'Placeholder')).toBeCloseTo(16.8, 0);
    // New also has no name or description.
    expect(await description.inputValue()).toBe('');
    expect(app.consoleErrors).toEqual([]);
  } finally {
    await app.close();
  }
});

test("the graph's name and description are edited in place, one undo step each, saved in the file and naming it", async () => {
  const app = await openApp();
  const { page } = app;
  try {
    const name = page.getByRole('textbox', { name: 'Graph name', exact: true });
    const description = page.getByRole('textbox', { name: 'Graph description', exact: true });
    await waitFor(
      () => name.inputValue(),
      (v) => v === 'sin times two',
      { what: "the example's name" },
    );

    await name.fill('Sines: v2/final');
    await name.press('Enter');
    await description.fill('Two sines, doubled.');
    await description.press('Enter');

    const saved = await save(page);
    expect(saved.name).toBe('Sines-v2-final.json');
    const file = JSON.parse(saved.text) as { name: string; description: string };
    expect(file.name).toBe('Sines: v2/final');
    expect(file.description).toBe('Two sines, doubled.');
    await waitForToast(page, 'Saved Sines-v2-final.json');

    // Two edits, two undo steps: the description first, then the name.
    await toolbarButton(page, 'Undo').click();
    await waitFor(
      () => description.inputValue(),
      (v) => v.startsWith('Doubles the sine of x'),
      {
        what: 'the description back',
      },
    );
    expect(await name.inputValue()).toBe('Sines: v2/final');
    await toolbarButton(page, 'Undo').click();
    await waitFor(
      () => name.inputValue(),
      (v) => v === 'sin times two',
      { what: 'the name back' },
    );
    expect(app.consoleErrors).toEqual([]);
  } finally {
    await app.close();
  }
});

test('Save, Copy link and Export confirm with a toast; opening another graph ends a confirmation about the last', async () => {
  const app = await openApp();
  const { page } = app;
  try {
    await app.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(app.baseUrl).origin });
    await canvasNode(page, 'Mul', '2·sin(x)').waitFor();
    await save(page);
    await waitForToast(page, 'Saved sin-times-two.json');

    await toolbarButton(page, 'Copy link').click();
    await waitForToast(page, /^Link to this graph copied \([\d,]+ characters\)$/);

    await toolbarButton(page, 'Export…').click();
    const dialog = page.getByRole('dialog', { name: 'Export as a tfjs GraphModel', exact: false });
    const exportButton = page.getByRole('button', { name: 'Export GraphModel', exact: true });
    const [download] = await Promise.all([page.waitForEvent('download'), exportButton.click()]);
    expect(download.suggestedFilename()).toBe('model.json');
    await waitForToast(page, /^Exported \d+ files: model\.json, /);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });

    await toolbarButton(page, 'New').click();
    await waitFor(
      () => statuses(page),
      (texts) => !texts.some((t) => t.includes('Link to this graph copied')),
      { what: 'the "link copied" toast to go with its graph' },
    );
    expect(app.consoleErrors).toEqual([]);
  } finally {
    await app.close();
  }
});

test('Compare opens a panel with a row per mode, its figures and their bars, and the slowest nodes', async () => {
  const app = await openApp();
  const { page } = app;
  try {
    await canvasNode(page, 'Mul', '2·sin(x)').waitFor();
    await toolbarButton(page, 'Compare').click();
    const panel = page.getByRole('dialog', { name: 'Eager and graph compared', exact: true });
    const table = panel.getByRole('table', { name: 'Eager and graph compared', exact: true });
    await table.waitFor({ timeout: 30_000 });
    expect((await table.getByRole('rowheader').allInnerTexts()).map((t) => t.trim())).toEqual(['eager', 'graph']);
    for (const mode of ['eager', 'graph']) {
      const cells = await table
        .getByRole('row', { name: new RegExp(`^${mode} `) })
        .getByRole('cell')
        .allInnerTexts();
      expect(Number(/^(\d+\.\d\d) ms$/.exec(cells[0]!)?.[1]), `${mode} time`).toBeGreaterThan(0);
      expect(Number(cells[1]), `${mode} peak tensors`).toBeGreaterThan(0);
      expect(cells[2], `${mode} peak memory`).toMatch(/^\d+ B$/);
    }
    const time = await panel.getByRole('img', { name: /^Time: eager [\d.]+ ms, graph [\d.]+ ms$/ }).count();
    expect(time).toBe(1);
    expect(await panel.getByRole('img', { name: /^Peak memory: eager \d+ B, graph \d+ B$/ }).count()).toBe(1);
    // Four nodes, each timed in the eager run, by the names the user gave them.
    const perNode = await panel.getByRole('img', { name: /^Time per node, eager/ }).getAttribute('aria-label');
    for (const label of ['x', 'two', 'sin(x)', '2·sin(x)']) expect(perNode).toContain(`${label} `);

    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });
    expect(app.consoleErrors).toEqual([]);
  } finally {
    await app.close();
  }
}, 60_000);

/** The text of the elements a control's aria-describedby names: its accessible description. */
function description(control: Locator): Promise<string> {
  return control.evaluate((e) =>
    (e.getAttribute('aria-describedby') ?? '')
      .split(/\s+/)
      .filter(Boolean)
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' '),
  );
}

test('disabled controls say why: Step in graph mode, Undo and Redo with nothing to take back', async () => {
  const app = await openApp();
  const { page } = app;
  try {
    const undo = toolbarButton(page, 'Undo');
    expect(await undo.isDisabled()).toBe(true);
    expect(await description(undo)).toBe('nothing to undo');
    expect(await undo.getAttribute('title')).toBe('Undo (Ctrl+Z): nothing to undo');
    expect(await description(toolbarButton(page, 'Redo'))).toBe('nothing to redo');

    const step = toolbarButton(page, 'Step');
    expect(await step.isDisabled()).toBe(false);
    expect(await description(step)).toBe('');
    await page.getByRole('radio', { name: 'Graph', exact: true }).click();
    await waitFor(() => step.isDisabled(), Boolean, { what: 'Step to be disabled in graph mode' });
    expect(await description(step)).toBe('Step runs eagerly: switch to Eager');
    // Still focusable, so that the reason can be heard.
    await step.focus();
    expect(await step.evaluate((e) => e === document.activeElement)).toBe(true);
    expect(app.consoleErrors).toEqual([]);
  } finally {
    await app.close();
  }
});

test('the status bar and the panel count the current graph only', async () => {
  const app = await openApp();
  const { page } = app;
  try {
    const alive = async () => Number(/(\d+) alive/.exec(await statusText(page))?.[1] ?? NaN);
    await waitFor(alive, (n) => n > 0, { what: "the example's tensors alive" });

    // Run again: the nodes it kept are not "not run yet".
    await selectNode(page, 'Sin', 'sin(x)');
    await toolbarButton(page, 'Run').click();
    const timing = sidePanel(page).getByRole('region', { name: 'Timing', exact: true });
    await waitFor(
      () => timing.innerText(),
      (text) => /ms in the last eager run|Not run again: the last run kept its value/.test(text),
      { what: 'the timing of the run' },
    );
    expect(await timing.innerText()).not.toContain('Not run yet.');

    await toolbarButton(page, 'New').click();
    await waitFor(alive, (n) => n === 0, { what: 'no tensors alive for the empty graph' });
    expect(app.consoleErrors).toEqual([]);
  } finally {
    await app.close();
  }
});

test('the minimap is small and folds away with its button', async () => {
  const app = await openApp({ viewport: { width: 1440, height: 900 } });
  const { page } = app;
  try {
    const minimap = page.getByRole('img', { name: 'Minimap', exact: true });
    const toggle = page.getByRole('button', { name: 'Minimap', exact: true });
    await minimap.waitFor();
    const box = (await minimap.boundingBox())!;
    const area = (await canvas(page).boundingBox())!;
    expect((box.width * box.height) / (area.width * area.height)).toBeLessThan(0.05);
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');

    await toggle.click();
    await minimap.waitFor({ state: 'detached' });
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
    await toggle.click();
    await minimap.waitFor();
    expect(app.consoleErrors).toEqual([]);
  } finally {
    await app.close();
  }
});

test('a dark system theme darkens the canvas and the panels', async () => {
  const app = await openApp();
  const { page } = app;
  try {
    const colours = () =>
      Promise.all([
        canvas(page).evaluate((e) => getComputedStyle(e).backgroundColor),
        sidePanel(page).evaluate((e) => getComputedStyle(e).backgroundColor),
      ]);
    const luminance = (rgb: string) => {
      const [r, g, b] = rgb.match(/\d+/g)!.map(Number);
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    };
    const light = await colours();
    expect(light.map(luminance).every((l) => l > 200)).toBe(true);
    await page.emulateMedia({ colorScheme: 'dark' });
    const dark = await colours();
    expect(
      dark.map(luminance).every((l) => l < 50),
      JSON.stringify(dark),
    ).toBe(true);
    expect(app.consoleErrors).toEqual([]);
  } finally {
    await app.close();
  }
});
