import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { toolbarButton } from './editor';

/** Saves with the toolbar's Save button and returns the download's name and text. */
export async function save(page: Page): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), toolbarButton(page, 'Save').click()]);
  const path = await download.path();
  return { name: download.suggestedFilename(), text: await readFile(path, 'utf8') };
}

/** The autosaved graph text in IndexedDB (idb-keyval's default store), without creating the database. */
export function autosaved(page: Page): Promise<string | null> {
  return page.evaluate(async () => {
    const databases = await indexedDB.databases();
    if (!databases.some((d) => d.name === 'keyval-store')) return null;
    return new Promise<string | null>((resolve, reject) => {
      const open = indexedDB.open('keyval-store');
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const db = open.result;
        const request = db.transaction('keyval', 'readonly').objectStore('keyval').get('tensorloom:autosave');
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          db.close();
          // The autosave record: { text, trusted }.
          const text = (request.result as { text?: unknown } | undefined)?.text;
          resolve(typeof text === 'string' ? text : null);
        };
      };
    });
  });
}
