/**
 * The canvas benchmark: p95 frame time while panning React Flow canvases of Tensorloom nodes and of
 * React Flow's default nodes, measured side by side in one Chromium.
 *
 * Serves bench/canvas/index.html with a Vite dev server (React's production build: frame times
 * of React's development build say little about what users see), drives Debian's Chromium with
 * playwright-core, and pans each configuration with the mouse in interleaved rounds, so that
 * machine noise hits all of them alike.
 *
 * Env: CHROMIUM_PATH (default /usr/bin/chromium), CANVAS_BENCH_ROUNDS (default 5).
 */
import { createServer as createNetServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createServer, type ViteDevServer } from 'vite';
import { CHROMIUM_ARGS, chromiumPath } from '../../tests/support/chromium';
import type { Row } from '../measure';
import { SPACING, VIEWPORT, WINDOW } from './layout';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

interface Config {
  readonly key: string;
  readonly nodes: number;
  readonly kind: 'tensorloom' | 'default';
}
const CONFIGS: readonly Config[] = [
  { key: 'tensorloom2000', nodes: 2000, kind: 'tensorloom' },
  { key: 'default2000', nodes: 2000, kind: 'default' },
  { key: 'tensorloom200', nodes: 200, kind: 'tensorloom' },
];

/** The pan: from an empty spot of the pane (between two rows of nodes), up and to the left. */
const PAN = {
  from: { x: 1100, y: VIEWPORT.y + 4 * SPACING.y + 120 },
  by: { x: -900, y: -500 },
  moves: 120,
  ms: 2000,
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createNetServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** Nearest-rank percentile. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export async function startServer(): Promise<ViteDevServer> {
  const port = await freePort();
  const server = await createServer({
    configFile: false,
    root: ROOT,
    plugins: [react()],
    logLevel: 'error',
    // Its own dependency cache: the app's dev server (other settings, React's development build) keeps its own.
    cacheDir: join(ROOT, 'node_modules/.vite-bench-canvas'),
    optimizeDeps: { entries: ['bench/canvas/index.html'] },
    server: { host: '127.0.0.1', port, strictPort: true, hmr: false, watch: null },
  });
  await server.listen();
  return server;
}

/** Playwright gives the browser a fresh user-data dir of its own (and removes it on close). */
export function launch(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [...CHROMIUM_ARGS, ...extraArgs],
  });
}

const frames = (page: Page, n: number) =>
  page.evaluate(async (count) => {
    for (let i = 0; i < count; i++) await new Promise((r) => requestAnimationFrame(r));
  }, n);

const viewportTransform = (page: Page) =>
  page.$eval('.react-flow__viewport', (el) => (el as HTMLElement).style.transform);

/**
 * Drags the pane along PAN at a steady pace, like a real mouse: the moves are sent on schedule
 * without waiting for the page to handle the previous one (Chromium coalesces those that queue up).
 */
export async function pan(page: Page): Promise<void> {
  const { from, by, moves, ms } = PAN;
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  const sent: Promise<void>[] = [];
  const start = performance.now();
  for (let i = 1; i <= moves; i++) {
    const wait = start + (ms * i) / moves - performance.now();
    if (wait > 0) await sleep(wait);
    sent.push(page.mouse.move(from.x + (by.x * i) / moves, from.y + (by.y * i) / moves));
  }
  await Promise.all(sent);
  await page.mouse.up();
}

/** Loads one configuration, pans once to warm up, returns to the start and records the frames of one pan. */
async function measureOnce(page: Page, baseUrl: string, config: Config): Promise<number[]> {
  await page.goto(`${baseUrl}bench/canvas/index.html?nodes=${config.nodes}&kind=${config.kind}`);
  await page.waitForFunction(() => window.benchReady === true, null, { timeout: 120_000 });
  const hit = await page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.className ?? '', PAN.from);
  if (!String(hit).includes('react-flow__pane'))
    throw new Error(`canvas bench: the pan would start on "${hit}", not on the empty pane`);
  await pan(page);
  await page.evaluate(() => window.benchResetViewport!());
  await frames(page, 10);
  const before = await viewportTransform(page);
  await page.evaluate(() => window.benchFrames!.start());
  await pan(page);
  await frames(page, 1);
  const deltas = await page.evaluate(() => window.benchFrames!.stop());
  if ((await viewportTransform(page)) === before) throw new Error('canvas bench: the pan did not move the viewport');
  return deltas;
}

interface Stats {
  p95: number;
  mean: number;
  /** The share of frames that took longer than one 60 Hz frame (with some slack). */
  late: number;
  frames: number;
}

function stats(deltas: readonly number[]): Stats {
  return {
    p95: percentile(deltas, 95),
    mean: deltas.reduce((a, b) => a + b, 0) / deltas.length,
    late: deltas.filter((d) => d > 20).length / deltas.length,
    frames: deltas.length,
  };
}

const pct = (v: number) => `${Math.round(v * 100)}%`;

export async function canvasBench(): Promise<Row[]> {
  const rounds = Number(process.env.CANVAS_BENCH_ROUNDS) || 5;
  // Vite reads NODE_ENV when the server starts: production gives React's production build and no Fast Refresh.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  let server: ViteDevServer | undefined;
  let browser: Browser | undefined;
  try {
    server = await startServer();
    const baseUrl = server.resolvedUrls!.local[0]!;
    browser = await launch();
    const page = await (await browser.newContext({ viewport: WINDOW })).newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error' && !m.location().url.endsWith('/favicon.ico'))
        errors.push(`${m.text()} (${m.location().url})`);
    });
    page.on('request', (r) => {
      if (/@tensorflow|\/src\/runtime\/(?!summary)/.test(r.url())) errors.push(`the page loaded ${r.url()}`);
    });

    const deltas: Record<string, number[]> = Object.fromEntries(CONFIGS.map((c) => [c.key, []]));
    const info: Record<string, string> = {};
    for (let r = 0; r < rounds; r++) {
      // Each round in a different order, so that no configuration always follows the same one.
      for (const config of CONFIGS.map((_, i) => CONFIGS[(i + r) % CONFIGS.length]!)) {
        deltas[config.key]!.push(...(await measureOnce(page, baseUrl, config)));
        if (errors.length) throw new Error(`canvas bench page: ${errors.join('; ')}`);
        const i = await page.evaluate(() => window.benchInfo!);
        // The figure is about the canvas as the editor draws it: previews and edge labels on.
        if (config.kind === 'tensorloom' && (i.previews < i.renderedNodes || i.edgeLabels === 0))
          throw new Error(`canvas bench page: ${i.previews} previews, ${i.edgeLabels} edge labels on screen`);
        info[config.key] ??=
          `${i.renderedNodes} nodes on screen, ${i.nodeWidth}×${i.nodeHeight} px, ` +
          `${i.previews} previews, ${i.edgeLabels} edge labels`;
      }
    }
    if (process.env.CANVAS_BENCH_VERBOSE)
      console.log(info, Object.fromEntries(CONFIGS.map((c) => [c.key, stats(deltas[c.key]!)])));
    const [t2000, d2000, t200] = CONFIGS.map((c) => stats(deltas[c.key]!)) as [Stats, Stats, Stats];
    const versus = (a: Stats, b: Stats) =>
      `p95 ${a.p95.toFixed(1)} vs ${b.p95.toFixed(1)} ms; mean ${a.mean.toFixed(1)} vs ${b.mean.toFixed(1)} ms; ` +
      `${pct(a.late)} vs ${pct(b.late)} of ${a.frames} vs ${b.frames} frames late`;
    const kind = t2000.p95 / d2000.p95;
    const scale = t2000.p95 / t200.p95;
    return [
      {
        name: 'canvas pan p95 with previews and edge labels, 2,000 Tensorloom nodes / 2,000 default nodes',
        figure: kind,
        target: '≤ 1.25',
        met: kind <= 1.25,
        detail: `${versus(t2000, d2000)}; ${info.tensorloom2000}`,
      },
      {
        name: 'canvas pan p95, 2,000 / 200 Tensorloom nodes',
        figure: scale,
        // Report only: with onlyRenderVisibleElements both draw the same ~30 nodes.
        target: '—',
        met: true,
        detail: versus(t2000, t200),
      },
    ];
  } finally {
    await browser?.close();
    await server?.close();
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
}
