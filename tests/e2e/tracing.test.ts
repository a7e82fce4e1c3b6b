import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { openApp, runStatus, screenshot } from './support/browser';
import { selectNode, sidePanel, waitFor, waitForStatus } from './support/editor';

function traceLogButton(page: Page) {
  return page.getByRole('button', { name: /^Trace log/ });
}

function traceLog(page: Page) {
  return page.getByRole('dialog', { name: 'Trace log', exact: true });
}

/** The log's entries, newest first, each as its text. */
function entries(page: Page): Promise<string[]> {
  return traceLog(page)
    .getByRole('list', { name: 'Traces, newest first', exact: true })
    .locator(':scope > li')
    .allInnerTexts();
}

/** Types a new shape for x in its value's shape field and waits for the run it starts. */
async function reshapeX(page: Page, shape: string): Promise<void> {
  const field = sidePanel(page).getByRole('textbox', { name: 'Shape of x', exact: true });
  await field.fill(shape);
  await field.press('Enter');
  await waitForStatus(page, /graph run /);
}

test("the trace log says a new input shape retraced, and that within x's signature it did not", async () => {
  const app = await openApp({ viewport: { width: 1440, height: 900 } });
  const { page } = app;
  try {
    await page
      .getByRole('radiogroup', { name: 'Execution mode', exact: true })
      .getByRole('radio', { name: 'Graph', exact: true })
      .click();
    await waitForStatus(page, /graph run /);
    await traceLogButton(page).click();
    const first = await waitFor(
      () => entries(page),
      (list) => list.length === 2,
      { what: "the eager run's trace and the graph run's" },
    );
    expect(first[0]).toMatch(/^Traced #2 graph run\s+execution mode changed eager → graph/);
    expect(first[1]).toMatch(/^Traced #1 eager run\s+first call/);

    await selectNode(page, 'Placeholder', 'x');
    await reshapeX(page, '[2, 3]');
    const reshaped = await waitFor(
      () => entries(page),
      (list) => list.length === 3,
      { what: 'the trace of the new shape' },
    );
    expect(reshaped[0]).toMatch(/^Traced #3 graph run\s+input x changed shape \[3\] → \[2, 3\]$/);
    expect(await traceLogButton(page).textContent()).toBe('Trace log (3 traces)');

    // A signature with an unknown first size: setting it traces once, then taller values reuse that trace.
    const signature = sidePanel(page).getByRole('textbox', { name: 'signature', exact: true });
    await signature.fill('[null, 3]');
    await signature.press('Enter');
    const signed = await waitFor(
      () => entries(page),
      (list) => list.length === 4,
      { what: 'the trace of the signature' },
    );
    expect(signed[0]).toMatch(/^Traced #4 graph run\s+attribute signature of x edited none → \[null, 3\]$/);

    await reshapeX(page, '[4, 3]');
    const reused = await waitFor(
      () => entries(page),
      (list) => list.length === 5,
      { what: 'the run within the signature' },
    );
    expect(reused[0]).toMatch(
      /^Reused trace #4 graph run\s+input x changed shape \[2, 3\] → \[4, 3\]: within its signature \[null, 3\], no retrace$/,
    );
    expect(await traceLogButton(page).textContent()).toBe('Trace log (4 traces)');
    await screenshot(page, 'trace-log-1440.png');
    const axe = await new AxeBuilder({ page }).include('#trace-log').analyze();
    expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual(
      [],
    );

    // In a narrower window the status bar wraps: the log moves up to stay above it.
    await page.setViewportSize({ width: 1024, height: 768 });
    await waitFor(
      async () => [(await traceLog(page).boundingBox())!, (await runStatus(page).boundingBox())!] as const,
      ([log, status]) => log.y + log.height <= status.y,
      { what: 'the trace log to sit above the status bar' },
    );
    await screenshot(page, 'trace-log-1024.png');

    // Escape closes the log and gives the focus back to its button.
    await traceLog(page).getByRole('button', { name: 'Close', exact: true }).focus();
    await page.keyboard.press('Escape');
    expect(await traceLog(page).count()).toBe(0);
    expect(app.consoleErrors).toEqual([]);
  } finally {
    await app.close();
  }
}, 120_000);
