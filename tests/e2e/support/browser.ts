/**
 * Opens the built app (served by tests/e2e/global-setup.ts) in Debian's Chromium, driven by
 * playwright-core, and collects every console error and uncaught exception of the page, of its
 * frames (the sandboxed runtime iframe) and of its workers.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Frame, type Page } from 'playwright-core';
import { inject } from 'vitest';
import { CHROMIUM_ARGS, WEBGPU_ARGS } from '../../support/chromium';

export { CHROMIUM_ARGS, WEBGPU_ARGS };

/** How long the app may take to show "Backend:" in its run status (SwiftShader compiles slowly). */
export const READY_TIMEOUT = 60_000;

export interface OpenAppOptions {
  /** Launch Chromium with WebGPU (a SwiftShader adapter). Default false: no adapter. */
  webgpu?: boolean;
  /** Path (and query/hash) relative to the app's base URL. Default "/". */
  path?: string;
  /** Wait for the run status to show "Backend:". Default true. */
  waitForReady?: boolean;
  /** Default READY_TIMEOUT. */
  readyTimeout?: number;
  /** Default 1280×800. */
  viewport?: { width: number; height: number };
  /** Runs on the new page before it opens the app (to route its requests). */
  beforeOpen?: (page: Page) => Promise<void>;
}

export interface App {
  browser: Browser;
  /** A fresh context (its own storage): IndexedDB survives `page.reload()` within it. */
  context: BrowserContext;
  page: Page;
  /** Console messages of type error and uncaught exceptions, from the page, its frames and workers. */
  consoleErrors: string[];
  /** Requests that failed at the network level (diagnostics only; not counted as errors). */
  failedRequests: string[];
  /** The app's base URL, with a trailing slash. */
  baseUrl: string;
  /** Closes the browser; safe to call twice. */
  close(): Promise<void>;
}

/** The base URL of the app under test (from the global setup). */
export function baseUrl(): string {
  return inject('baseUrl');
}

/** An absolute URL of the app under test. */
export function appUrl(path = '/'): string {
  return new URL(path.replace(/^\/+/, ''), baseUrl()).href;
}

export async function launchBrowser(options: { webgpu?: boolean } = {}): Promise<Browser> {
  return chromium.launch({
    executablePath: inject('chromiumPath'),
    headless: true,
    args: [...CHROMIUM_ARGS, ...(options.webgpu ? WEBGPU_ARGS : [])],
  });
}

/**
 * Launches Chromium, opens the app and (by default) waits until its run status shows "Backend:",
 * i.e. the runtime host in the sandboxed iframe has started. On failure the browser is closed and
 * the error carries the console errors, the page text, a screenshot path and the server's log.
 */
export async function openApp(options: OpenAppOptions = {}): Promise<App> {
  const browser = await launchBrowser(options);
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await browser.close();
  };
  const consoleErrors: string[] = [];
  const failedRequests: string[] = [];
  try {
    const context = await browser.newContext({ viewport: options.viewport ?? { width: 1280, height: 800 } });
    const page = await context.newPage();
    // Page-level events also carry the messages of out-of-process frames and of workers.
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      const { url, lineNumber } = message.location();
      consoleErrors.push(url ? `${message.text()} (${url}:${lineNumber})` : message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(`uncaught ${error.name}: ${error.message}`));
    page.on('crash', () => consoleErrors.push('the page crashed'));
    page.on('requestfailed', (request) =>
      failedRequests.push(`${request.method()} ${request.url()}: ${request.failure()?.errorText ?? 'failed'}`),
    );

    await options.beforeOpen?.(page);
    await page.goto(appUrl(options.path ?? '/'));
    const app: App = { browser, context, page, consoleErrors, failedRequests, baseUrl: baseUrl(), close };
    if (options.waitForReady ?? true) {
      const timeout = options.readyTimeout ?? READY_TIMEOUT;
      try {
        await runStatus(page).filter({ hasText: 'Backend:' }).first().waitFor({ state: 'attached', timeout });
      } catch (error) {
        throw new Error(
          `The app did not show "Backend:" in its run status within ${timeout} ms.\n${await diagnostics(app)}`,
          { cause: error },
        );
      }
    }
    return app;
  } catch (error) {
    await close().catch(() => undefined);
    throw error;
  }
}

/** The editor's run status: `role="status"` named "Run status". */
export function runStatus(page: Page) {
  return page.getByRole('status', { name: 'Run status', exact: true });
}

function isRuntimeFrame(frame: Frame): boolean {
  try {
    return new URL(frame.url()).pathname.endsWith('runtime.html');
  } catch {
    return false;
  }
}

/** The frame of the runtime host (its URL ends with runtime.html); throws when there is none. */
export function runtimeFrame(page: Page): Frame {
  const frame = page.frames().find(isRuntimeFrame);
  if (!frame) {
    const urls = page.frames().map((f) => f.url() || '(no url)');
    throw new Error(`No frame whose URL ends with runtime.html; the page's frames: ${urls.join(', ')}`);
  }
  return frame;
}

/**
 * Waits for a runtime host frame to appear, other than `options.except` (e.g. the frame the watchdog
 * just replaced).
 */
export async function waitForRuntimeFrame(
  page: Page,
  options: { timeout?: number; except?: Frame } = {},
): Promise<Frame> {
  const deadline = Date.now() + (options.timeout ?? 30_000);
  for (;;) {
    const frame = page.frames().find((f) => isRuntimeFrame(f) && f !== options.except && !f.isDetached());
    if (frame) return frame;
    if (Date.now() > deadline) {
      const urls = page.frames().map((f) => f.url() || '(no url)');
      throw new Error(`No new runtime.html frame appeared; the page's frames: ${urls.join(', ')}`);
    }
    await page.waitForTimeout(100);
  }
}

/** Where relative screenshot paths go: $E2E_ARTIFACTS, else a folder in the temp dir. */
export function artifactsDir(): string {
  return process.env.E2E_ARTIFACTS ?? join(tmpdir(), 'tensorloom-e2e-artifacts');
}

/** Saves a full-page screenshot; a relative path is taken in artifactsDir(). Returns the absolute path. */
export async function screenshot(page: Page, path: string): Promise<string> {
  const target = isAbsolute(path) ? path : resolve(artifactsDir(), path);
  await mkdir(dirname(target), { recursive: true });
  await page.screenshot({ path: target, fullPage: true });
  return target;
}

function tail(text: string, max: number): string {
  return text.length > max ? `…${text.slice(-max)}` : text;
}

/** A readable account of the app's state, for error messages. */
export async function diagnostics(app: App): Promise<string> {
  const { page } = app;
  const lines: string[] = [`URL: ${page.url()}`];
  lines.push(
    `frames: ${page
      .frames()
      .map((f) => f.url() || '(no url)')
      .join(', ')}`,
  );
  const statuses = await runStatus(page)
    .allTextContents()
    .catch(() => []);
  lines.push(`run status: ${statuses.length ? statuses.map((s) => JSON.stringify(s)).join(', ') : '(none)'}`);
  lines.push(
    `console errors (${app.consoleErrors.length}):${app.consoleErrors.map((e) => `\n  - ${e}`).join('') || ' none'}`,
  );
  if (app.failedRequests.length) lines.push(`failed requests:${app.failedRequests.map((r) => `\n  - ${r}`).join('')}`);
  const text = await page
    .locator('body')
    .innerText({ timeout: 2_000 })
    .catch(() => '(unreadable)');
  lines.push(`page text: ${JSON.stringify(tail(text, 1_000))}`);
  const shot = await screenshot(page, `failure-${Date.now()}.png`).catch(() => undefined);
  if (shot) lines.push(`screenshot: ${shot}`);
  const logPath = inject('serverLogPath');
  if (logPath && existsSync(logPath)) {
    lines.push(`vite preview log (${logPath}):\n${tail(readFileSync(logPath, 'utf8'), 4_000)}`);
  }
  return lines.join('\n');
}
