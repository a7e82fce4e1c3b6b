/**
 * A Chromium of our own starting, on a persistent profile, that a test can kill outright: the
 * whole process group gets SIGKILL, so no page sees an unload and no process gets to flush
 * anything, as when the machine runs out of memory or loses power. Playwright drives it over CDP.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chromium, type Browser, type Page } from 'playwright-core';
import { inject } from 'vitest';
import { CHROMIUM_ARGS } from '../../support/chromium';

export interface KillableBrowser {
  readonly browser: Browser;
  /** Its DevTools WebSocket URL, for another connection (`chromium.connectOverCDP`). */
  readonly endpoint: string;
  /** A new tab in the profile's own context (its storage is the profile's). */
  newPage(): Promise<Page>;
  /** SIGKILL to every process of this browser (again: nothing); resolves once the main one has exited. */
  kill(): Promise<void>;
}

const DEVTOOLS_URL = /DevTools listening on (ws:\/\/\S+)/;

/**
 * Starts headless Chromium on the profile in `userDataDir` (made if missing), with `args` besides
 * the usual ones, and connects to it.
 */
export async function launchKillable(userDataDir: string, args: readonly string[] = []): Promise<KillableBrowser> {
  const child = spawn(
    inject('chromiumPath'),
    [
      ...CHROMIUM_ARGS,
      '--headless',
      '--remote-debugging-port=0',
      `--user-data-dir=${userDataDir}`,
      '--window-size=1280,800',
      ...args,
      'about:blank',
    ],
    // Its own process group, so that one signal reaches the renderers and the storage service too.
    { detached: true, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const killGroup = () => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch (error) {
      // Already gone: nothing left to kill.
      if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
    }
  };
  try {
    const endpoint = await devtoolsUrl(child);
    const browser = await chromium.connectOverCDP(endpoint);
    return {
      browser,
      endpoint,
      newPage: () => browser.contexts()[0]!.newPage(),
      kill: async () => {
        killGroup();
        await exited;
      },
    };
  } catch (error) {
    killGroup();
    throw error;
  }
}

/** The browser's DevTools WebSocket URL, which it prints on stderr once it listens. */
function devtoolsUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let stderr = '';
    let listening = false;
    const timer = setTimeout(() => reject(new Error(`Chromium printed no DevTools URL in 30 s:\n${stderr}`)), 30_000);
    // Read to the end, or a full pipe would block the browser's logging.
    child.stderr!.on('data', (chunk: Buffer) => {
      if (listening) return;
      stderr += chunk.toString();
      const url = DEVTOOLS_URL.exec(stderr)?.[1];
      if (!url) return;
      listening = true;
      clearTimeout(timer);
      resolve(url);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`Chromium exited (${signal ?? `code ${code}`}) before listening:\n${stderr}`));
    });
  });
}
