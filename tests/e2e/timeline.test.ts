import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { openApp } from './support/browser';
import { openExample, toolbarButton, waitForStatus } from './support/editor';

/** The bar of node `name` in a lane ("eager steps" or "graph steps") of the Timeline dialog. */
function bar(page: Page, lane: 'eager' | 'graph', name: string) {
  return page
    .getByRole('dialog', { name: 'Timeline: eager and graph' })
    .getByRole('list', { name: `${lane} steps` })
    .getByRole('button', { name: new RegExp(`^${name}: `) });
}

async function seriousViolations(page: Page): Promise<string[]> {
  const found: string[] = [];
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    const results = await new AxeBuilder({ page }).include('[role="dialog"]').analyze();
    for (const v of results.violations)
      if (v.impact === 'serious' || v.impact === 'critical')
        for (const n of v.nodes)
          found.push(`${colorScheme}: ${v.id}: ${n.target.join(' ')} — ${n.failureSummary ?? ''}`);
  }
  return found;
}

test.each([
  ['CPU, from Compare', false],
  ['WebGPU, from the toolbar', true],
] as const)('on %s, the timeline shows the array script reading its input back in both modes', async (_, webgpu) => {
  const app = await openApp({ viewport: { width: 1440, height: 900 }, webgpu });
  const { page } = app;
  try {
    await openExample(page, 'Seed: numpy_function with a custom gradient');
    await waitForStatus(page, /run /);
    if (webgpu) await toolbarButton(page, 'Timeline').click();
    else {
      // From Compare's answer: its runs are not profiled, Show timeline runs both modes again, profiled.
      await toolbarButton(page, 'Compare').click();
      const compare = page.getByRole('dialog', { name: 'Eager and graph compared' });
      await compare.getByRole('table', { name: 'Eager and graph compared' }).waitFor({ timeout: 60_000 });
      await compare.getByRole('button', { name: 'Show timeline' }).click();
    }
    const dialog = page.getByRole('dialog', { name: 'Timeline: eager and graph' });
    await expect.poll(() => dialog.textContent(), { timeout: 60_000 }).toContain(webgpu ? 'On webgpu' : 'On cpu');

    // The script reads x back to the host, calls its body, and uploads log(x): in graph mode that
    // read is the one sync before the output; eager mode also waits for the script's own value.
    const graphScript = await bar(page, 'graph', 'my_numpy_op').getAttribute('aria-label');
    expect(graphScript).toMatch(/^my_numpy_op: [\d.]+ ms, 0 kernels, 1 readback, 1 upload, 1 script call$/);
    const eagerScript = await bar(page, 'eager', 'my_numpy_op').getAttribute('aria-label');
    expect(eagerScript).toMatch(/^my_numpy_op: [\d.]+ ms, 0 kernels, 2 readbacks, 1 upload, 1 script call$/);
    // The fed x is uploaded; the Sum runs one kernel and, as the graph's output, is read back once.
    expect(await bar(page, 'graph', 'x').getAttribute('aria-label')).toMatch(/^x: [\d.]+ ms, 0 kernels, 1 upload$/);
    expect(await bar(page, 'graph', 'loss').getAttribute('aria-label')).toMatch(
      /^loss: [\d.]+ ms, 1 kernel, 1 readback$/,
    );

    // Focusing a bar lists its kernels; the table says the same for every step.
    await bar(page, 'eager', 'loss').focus();
    await expect.poll(() => dialog.getByText(/^loss \(eager\)/).count()).toBe(1);
    expect(await dialog.locator('.timeline-details').textContent()).toMatch(/kernels: Sum( [\d.]+ ms)?;/);
    await dialog.getByText('Every step as a table').click();
    const rows = dialog.getByRole('table', { name: 'Timeline as a table' }).getByRole('row');
    expect(await rows.count()).toBe(1 + 3 + 3);

    expect(await seriousViolations(page)).toEqual([]);
    expect(app.consoleErrors.filter((e) => !/timestamp-query/.test(e))).toEqual([]);
  } finally {
    await app.close();
  }
});
