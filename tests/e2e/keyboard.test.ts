import type { Locator, Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { openApp } from './support/browser';
import { canvasNodeNames, sidePanel, toolbarButton, waitFor, waitForStatus, waitForValues } from './support/editor';

/** The accessible name of what has the keyboard focus (its aria-label, else its text). */
async function focusedName(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement;
    return el?.getAttribute('aria-label') ?? el?.textContent?.trim() ?? '';
  });
}

async function isFocused(locator: Locator): Promise<boolean> {
  return locator.evaluate((el) => el === document.activeElement);
}

/** Presses `key` until `target` has the focus (at most `max` times): the keyboard's way to walk the page. */
async function pressUntilFocused(page: Page, key: string, target: Locator, max = 60): Promise<number> {
  for (let i = 1; i <= max; i++) {
    await page.keyboard.press(key);
    if (await isFocused(target)) return i;
  }
  throw new Error(`${key} × ${max} never reached the target; the focus is on "${await focusedName(page)}"`);
}

/** Whether a toolbar command can be used now (disabled commands stay focusable, aria-disabled). */
async function usable(button: Locator): Promise<boolean> {
  return (await button.isEnabled()) && (await button.getAttribute('aria-disabled')) !== 'true';
}

/** A React Flow node's focusable wrapper, found from the node's accessible group. */
function nodeWrapper(page: Page, name: string): Locator {
  return page.locator('.react-flow__node', { has: page.getByRole('group', { name, exact: true }) });
}

/** Ctrl+K, type, check which item the palette would run, Enter. */
async function runFromPalette(page: Page, query: string, expected: string): Promise<void> {
  await page.keyboard.press('Control+k');
  const palette = page.getByRole('dialog', { name: 'Command palette', exact: true });
  await palette.waitFor();
  await page.keyboard.type(query);
  await waitFor(
    () => palette.locator('[role="option"][aria-selected="true"]').getAttribute('aria-label'),
    (name) => name === expected,
    { what: `the palette to offer "${expected}" first for "${query}"` },
  );
  await page.keyboard.press('Enter');
  await palette.waitFor({ state: 'detached' });
}

test('a graph built, wired, fed and given a loss target with the keyboard alone computes its value', async () => {
  const app = await openApp({ viewport: { width: 1440, height: 900 } });
  const { page } = app;
  try {
    // The skip link is the first tab stop, and lands on the canvas.
    await page.keyboard.press('Tab');
    expect(await focusedName(page)).toBe('Skip to canvas');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.closest('#canvas') !== null)).toBe(true);

    await runFromPalette(page, 'new', 'New');
    await waitFor(
      () => canvasNodeNames(page),
      (names) => names.length === 0,
      { what: 'an empty canvas' },
    );

    await runFromPalette(page, 'placeholder', 'Add Placeholder');
    await nodeWrapper(page, 'Placeholder node placeholder').waitFor();
    await runFromPalette(page, 'add sin', 'Add Sin');
    const sin = nodeWrapper(page, 'Sin node sin');
    await sin.waitFor();
    // The node just added has the focus, as a palette click would select it.
    await waitFor(() => isFocused(sin), Boolean, { what: 'the new Sin node to have the focus' });

    // Back to the placeholder's output port, and Connect… from it.
    const output = page.getByRole('button', { name: 'Output output of placeholder', exact: true });
    await pressUntilFocused(page, 'Shift+Tab', output, 5);
    await page.keyboard.press('Enter');
    const connect = page.getByRole('dialog', { name: 'Connect output output of placeholder', exact: true });
    await connect.waitFor();
    expect(
      await connect
        .getByRole('listbox', { name: 'Compatible inputs', exact: true })
        .getByRole('option')
        .evaluateAll((options) => options.map((o) => o.getAttribute('aria-label'))),
    ).toEqual(['Input x of sin']);
    await page.keyboard.type('sin');
    await page.keyboard.press('Enter');
    await page.getByRole('group', { name: /^Edge from placeholder\.output to sin\.x/ }).waitFor();
    // Connect… closed, and the focus is back on the port it was opened from.
    expect(await isFocused(output)).toBe(true);

    // Select the placeholder (its node, then Enter) and type its value in the side panel.
    await page.keyboard.press('Shift+Tab');
    expect(await isFocused(nodeWrapper(page, 'Placeholder node placeholder'))).toBe(true);
    await page.keyboard.press('Enter');
    const value = sidePanel(page)
      .getByRole('region', { name: 'Attributes', exact: true })
      .getByRole('textbox', { name: 'value', exact: true });
    await pressUntilFocused(page, 'Tab', value);
    await page.keyboard.press('Control+a');
    await page.keyboard.type('0.5');
    await page.keyboard.press('Enter');

    // Right arrow: from the placeholder to its consumer, selected.
    await pressUntilFocused(page, 'Shift+Tab', nodeWrapper(page, 'Placeholder node placeholder'), 80);
    await page.keyboard.press('ArrowRight');
    expect(await isFocused(sin)).toBe(true);
    await waitForValues(sidePanel(page), 'sin.y', [Math.sin(0.5)]);

    // The loss target, chosen with the keyboard; then run with Ctrl+Enter.
    const target = sidePanel(page).getByRole('combobox', { name: 'Loss target', exact: true });
    await pressUntilFocused(page, 'Tab', target, 80);
    // Its choices: none, then the scalar float32 nodes (the placeholder and sin).
    for (let i = 0; i < 4 && (await target.inputValue()) !== 'sin'; i++) await page.keyboard.press('ArrowDown');
    expect(await target.inputValue()).toBe('sin');
    await page.keyboard.press('Control+Enter');
    await waitForStatus(page, /eager run/);
    await waitForValues(sidePanel(page), 'sin.y', [Math.sin(0.5)]);
    // d sin(x) / dx = cos(x): the gradient of the target with respect to its own input.
    await pressUntilFocused(page, 'Shift+Tab', nodeWrapper(page, 'Placeholder node placeholder'), 120);
    await page.keyboard.press('Enter');
    await waitForValues(sidePanel(page), 'gradient at placeholder.output', [Math.cos(0.5)]);

    expect(app.consoleErrors).toEqual([]);
  } finally {
    await app.close();
  }
}, 120_000);

test('a node deleted with the keyboard comes back with Undo, and after a reload', async () => {
  const app = await openApp();
  const { page } = app;
  try {
    const sin = nodeWrapper(page, 'Sin node sin(x)');
    await sin.waitFor();
    await pressUntilFocused(page, 'Tab', sin, 200);
    await page.keyboard.press('Enter');
    // Alt+Right moves it one grid step (an undo step of its own), as a keyboard user would tidy up.
    const before = await sin.boundingBox();
    await page.keyboard.press('Alt+ArrowRight');
    await waitFor(
      async () => (await sin.boundingBox())!.x - before!.x,
      (dx) => dx > 5,
      { what: 'the node to move right' },
    );
    await page.keyboard.press('Delete');
    await waitFor(
      () => canvasNodeNames(page),
      (names) => !names.includes('Sin node sin(x)'),
      {
        what: 'the node to go',
      },
    );
    const undo = toolbarButton(page, 'Undo');
    expect(await usable(undo)).toBe(true);
    await page.keyboard.press('Control+z');
    await sin.waitFor();
    expect(await canvasNodeNames(page)).toContain('Sin node sin(x)');
    // Undo again takes back the move: both were steps of the history.
    expect(await usable(undo)).toBe(true);

    // The autosave holds the node again: a reload shows it.
    await page.waitForTimeout(1500);
    await page.reload();
    await waitFor(
      () => canvasNodeNames(page),
      (names) => names.includes('Sin node sin(x)'),
      {
        what: 'the undone deletion to survive a reload',
      },
    );
    expect(app.consoleErrors).toEqual([]);
  } finally {
    await app.close();
  }
}, 90_000);

test('Esc closes the palette, Connect… and the quick-add search, and gives the focus back', async () => {
  const app = await openApp();
  const { page } = app;
  try {
    const paletteButton = toolbarButton(page, 'Command palette');
    await paletteButton.focus();
    await page.keyboard.press('Enter');
    const palette = page.getByRole('dialog', { name: 'Command palette', exact: true });
    await palette.waitFor();
    // Every command lists its shortcut.
    const undo = palette.getByRole('option', { name: 'Undo', exact: true });
    expect(await undo.getAttribute('aria-keyshortcuts')).toBe('Control+Z');
    const shown = await undo
      .locator('kbd')
      .evaluate((kbd) => kbd.textContent || getComputedStyle(kbd, '::after').content.replaceAll('"', ''));
    expect(shown).toBe('Ctrl+Z');
    await page.keyboard.press('Escape');
    await palette.waitFor({ state: 'detached' });
    expect(await isFocused(paletteButton)).toBe(true);

    const output = page.getByRole('button', { name: 'Output y of sin(x)', exact: true });
    await output.focus();
    await page.keyboard.press('Enter');
    const connect = page.getByRole('dialog', { name: 'Connect output y of sin(x)', exact: true });
    await connect.waitFor();
    await page.keyboard.press('Escape');
    await connect.waitFor({ state: 'detached' });
    expect(await isFocused(output)).toBe(true);

    // Shift+A on a focused node: the quick-add search; Esc, and the node has the focus again.
    const sin = nodeWrapper(page, 'Sin node sin(x)');
    await sin.focus();
    await page.keyboard.press('Shift+A');
    const quickAdd = page.getByRole('dialog', { name: 'Add a node', exact: true });
    await quickAdd.waitFor();
    await page.keyboard.press('Escape');
    await quickAdd.waitFor({ state: 'detached' });
    expect(await isFocused(sin)).toBe(true);
    expect(app.consoleErrors).toEqual([]);
  } finally {
    await app.close();
  }
}, 60_000);

test('the execution mode is one tab stop, and arrow keys switch it', async () => {
  const app = await openApp();
  const { page } = app;
  try {
    const group = page.getByRole('radiogroup', { name: 'Execution mode', exact: true });
    const eager = group.getByRole('radio', { name: 'Eager', exact: true });
    const graph = group.getByRole('radio', { name: 'Graph', exact: true });
    await pressUntilFocused(page, 'Tab', eager);
    await page.keyboard.press('ArrowRight');
    expect(await isFocused(graph)).toBe(true);
    expect(await graph.getAttribute('aria-checked')).toBe('true');
    await waitForStatus(page, /graph run/);
    // One tab stop: Tab leaves the group, Shift+Tab comes back to the checked radio, not to Eager.
    await page.keyboard.press('Tab');
    expect(await isFocused(eager)).toBe(false);
    await page.keyboard.press('Shift+Tab');
    expect(await isFocused(graph)).toBe(true);
    await page.keyboard.press('ArrowLeft');
    expect(await eager.getAttribute('aria-checked')).toBe('true');
    await waitForStatus(page, /eager run/);
    expect(app.consoleErrors).toEqual([]);
  } finally {
    await app.close();
  }
}, 60_000);
