/**
 * What a pan costs, by CSS variant: `npx tsx bench/canvas/diagnose.ts [rounds]`.
 *
 * Pans the 2,000-node canvas of bench/canvas as `npm run bench` does, with a Chromium trace
 * running, and prints per pan: frames, p95, the share of late frames (over 20 ms), and the
 * time spent in raster (worker threads), hit testing, layerization and JavaScript (main thread).
 * Each variant adds a style sheet to the page, to see what a style costs without editing src/.
 * Tracing slows the page a little: compare the variants with one another, not with the bench.
 */
import type { Page } from 'playwright-core';
import { launch, pan, percentile, startServer } from './measure';

const VARIANTS: { name: string; kind: 'tensorloom' | 'default'; css: string }[] = [
  { name: 'default nodes', kind: 'default', css: '' },
  { name: 'Tensorloom nodes', kind: 'tensorloom', css: '' },
  {
    name: '  viewport will-change: transform',
    kind: 'tensorloom',
    css: '.react-flow__viewport { will-change: transform }',
  },
  {
    name: '  no box-shadow, no border-radius',
    kind: 'tensorloom',
    css: '.op-node { box-shadow: none !important } .op-node, .op-node-header { border-radius: 0 !important }',
  },
  {
    name: '  rows not positioned (handles misplaced)',
    kind: 'tensorloom',
    css: '.op-node-row, .op-node-in, .op-node-out { position: static !important }',
  },
  {
    name: '  text hidden',
    kind: 'tensorloom',
    css: '.op-node span:not(.react-flow__handle), .op-node-preview { visibility: hidden }',
  },
];

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  args?: { name?: string };
}

const JS = /^(EventDispatch|FunctionCall|RunMicrotasks|FireAnimationFrame|TimerFire)$/;

/** Milliseconds covered by the union of the intervals. */
function covered(intervals: [number, number][]): number {
  let total = 0;
  let end = -Infinity;
  for (const [a, b] of intervals.sort((x, y) => x[0] - y[0])) {
    if (b <= end) continue;
    total += b - Math.max(a, end);
    end = b;
  }
  return total / 1000;
}

async function tracedPan(page: Page, browser: Awaited<ReturnType<typeof launch>>) {
  await browser.startTracing(page, { categories: ['disabled-by-default-devtools.timeline'] });
  await page.evaluate(() => window.benchFrames!.start());
  await pan(page);
  const frames = await page.evaluate(() => window.benchFrames!.stop());
  const { traceEvents } = JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] };
  const main = traceEvents.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const onMain = traceEvents.filter((e) => e.ph === 'X' && e.pid === main?.pid && e.tid === main?.tid);
  const sum = (events: TraceEvent[], name: string) =>
    events.filter((e) => e.ph === 'X' && e.name === name).reduce((a, e) => a + (e.dur ?? 0) / 1000, 0);
  return {
    frames,
    raster: sum(traceEvents, 'RasterTask'),
    hitTest: sum(onMain, 'HitTest'),
    layerize: sum(onMain, 'Layerize'),
    js: covered(onMain.filter((e) => JS.test(e.name)).map((e) => [e.ts, e.ts + (e.dur ?? 0)])),
  };
}

async function main() {
  const rounds = Number(process.argv[2]) || 3;
  process.env.NODE_ENV = 'production';
  const server = await startServer();
  const browser = await launch();
  try {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    const results = VARIANTS.map(() => ({ frames: [] as number[], raster: 0, hitTest: 0, layerize: 0, js: 0 }));
    for (let r = 0; r < rounds; r++)
      for (const [i, variant] of VARIANTS.entries()) {
        await page.goto(`${server.resolvedUrls!.local[0]}bench/canvas/index.html?nodes=2000&kind=${variant.kind}`);
        if (variant.css) await page.addStyleTag({ content: variant.css });
        await page.waitForFunction(() => window.benchReady === true);
        await pan(page);
        await page.evaluate(() => window.benchResetViewport!());
        await page.waitForTimeout(300);
        const t = await tracedPan(page, browser);
        const acc = results[i]!;
        acc.frames.push(...t.frames);
        acc.raster += t.raster / rounds;
        acc.hitTest += t.hitTest / rounds;
        acc.layerize += t.layerize / rounds;
        acc.js += t.js / rounds;
      }
    const ms = (v: number) => `${v.toFixed(0).padStart(5)} ms`;
    console.log(`Per pan (2 s), mean of ${rounds} traced pans; frames late = over 20 ms`);
    for (const [i, v] of VARIANTS.entries()) {
      const r = results[i]!;
      const late = r.frames.filter((f) => f > 20).length / r.frames.length;
      console.log(
        `${v.name.padEnd(42)} p95 ${percentile(r.frames, 95).toFixed(1).padStart(5)} ms  late ${(late * 100).toFixed(1).padStart(4)}%` +
          `  raster ${ms(r.raster)}  hit test ${ms(r.hitTest)}  layerize ${ms(r.layerize)}  JS ${ms(r.js)}`,
      );
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

await main();
