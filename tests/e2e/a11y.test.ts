import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { openApp } from './support/browser';
import { canvasNode, openExample, selectNode, toolbarButton } from './support/editor';
import { trainingSection } from './support/training';

/** The serious and critical violations axe-core finds on the page as it is, one line each. */
async function violations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')} — ${n.failureSummary ?? ''}`));
}

for (const colorScheme of ['light', 'dark'] as const)
  test(`the main views have no serious or critical accessibility violations (${colorScheme})`, async () => {
    const app = await openApp({ viewport: { width: 1440, height: 900 } });
    const { page } = app;
    try {
      await page.emulateMedia({ colorScheme });
      const found: Record<string, string[]> = {};

      await canvasNode(page, 'Mul', '2·sin(x)').waitFor();
      found['editor with an example'] = await violations(page);

      await selectNode(page, 'Mul', '2·sin(x)');
      found['a node selected, with its panel'] = await violations(page);

      await toolbarButton(page, 'Export…').click();
      await page.getByRole('dialog').first().waitFor();
      found['export dialog'] = await violations(page);
      await page.keyboard.press('Escape');

      await toolbarButton(page, 'Compare').click();
      const compared = page.getByRole('dialog', { name: 'Eager and graph compared', exact: true });
      await compared.getByRole('table').waitFor({ timeout: 30_000 });
      found['Compare panel'] = await violations(page);
      await page.keyboard.press('Escape');
      await compared.waitFor({ state: 'detached' });

      await toolbarButton(page, 'Command palette').click();
      await page.getByRole('dialog').first().waitFor();
      found['command palette'] = await violations(page);
      await page.keyboard.press('Escape');

      await openExample(page, 'Playground: train a classifier');
      await trainingSection(page).getByRole('button', { name: 'Train', exact: true }).waitFor({ timeout: 30_000 });
      found['Training panel'] = await violations(page);

      expect(found).toEqual(Object.fromEntries(Object.keys(found).map((view) => [view, []])));
      expect(app.consoleErrors).toEqual([]);
    } finally {
      await app.close();
    }
  }, 300_000);
