import type { Locator, Page } from 'playwright-core';
import { sidePanel, waitFor } from './editor';

/** The side panel's Training section. */
export function trainingSection(page: Page): Locator {
  return sidePanel(page).getByRole('region', { name: 'Training', exact: true });
}

export function trainingStatus(training: Locator): Locator {
  return training.getByRole('status', { name: 'Training status', exact: true });
}

/** Waits for the run to finish its `steps` steps; the status it ends with. */
export function trainingDone(training: Locator, steps: number): Promise<string> {
  return waitFor(
    () => trainingStatus(training).innerText(),
    (text) => text.includes(`Step ${steps} of ${steps}`) && text.includes('done'),
    { timeout: 120_000, what: `training to finish its ${steps} steps` },
  );
}
