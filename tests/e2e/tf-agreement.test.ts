/**
 * The differential suite on WebGPU, the backend users get by default: every TensorFlow fixture
 * (tests/tf/fixtures) replayed through Tensorloom's runtime in Chromium on a real (SwiftShader)
 * WebGPU adapter. A case may differ from TensorFlow only where its op states a WebGPU limit that
 * the values the case reads and makes meet; those are listed at the end of the run.
 */
import { build } from 'esbuild';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Graph } from '../../src/graph/types';
import { registry } from '../../src/ops/registry';
import type { Fixture } from '../tf/fixture';
import { caseRanges } from '../tf/case-ranges';
import type { CaseResult } from '../tf/webgpu-entry';
import { GraphBuilder } from '../support/graph-builder';
import { launchBrowser } from './support/browser';

const dir = join(import.meta.dirname, '..', 'tf', 'fixtures');
const fixtures: Fixture[] = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as Fixture);

// localhost is a secure context (WebGPU needs one); the page and its script are served from memory.
const ORIGIN = 'http://localhost';
let browser: Browser;
let page: Page;
const stated: string[] = [];
const gpuErrors: string[] = [];

beforeAll(async () => {
  const bundle = await build({
    entryPoints: [join(import.meta.dirname, '..', 'tf', 'webgpu-entry.ts')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'error',
  });
  const script = bundle.outputFiles[0]!.text;
  browser = await launchBrowser({ webgpu: true });
  page = await browser.newPage();
  // A kernel whose shader fails to build runs nothing and leaves stale memory as its result:
  // Dawn says so only on the console.
  page.on('console', (m) => {
    if (/WGSL|Invalid (ShaderModule|ComputePipeline|CommandBuffer)/.test(m.text()))
      gpuErrors.push(m.text().split('\n')[0]!);
  });
  await page.route(`${ORIGIN}/**`, (route) =>
    new URL(route.request().url()).pathname === '/replay.js'
      ? route.fulfill({ contentType: 'text/javascript', body: script })
      : route.fulfill({
          contentType: 'text/html',
          body: '<!doctype html><script type="module" src="/replay.js"></script>',
        }),
  );
  await page.goto(`${ORIGIN}/`);
  await page.waitForFunction(() => 'replayFixture' in globalThis);
});

afterAll(async () => {
  await browser?.close();
  console.log(`[tf-agreement] WebGPU differences its ops state (${stated.length}):\n  ${stated.join('\n  ')}`);
});

describe.each(fixtures.map((f) => [f.op, f] as const))('%s on WebGPU', (op, fixture) => {
  it('agrees with TensorFlow wherever the op states no WebGPU limit, and leaks nothing', async () => {
    const results = await page.evaluate(
      (f) => (globalThis as unknown as { replayFixture(f: Fixture): Promise<CaseResult[]> }).replayFixture(f),
      fixture,
    );
    const limits = registry.get(op)!.limits.filter((l) => l.backend === 'webgpu');
    const unexplained: string[] = [];
    // A round trip to the page, so that its console messages so far have arrived.
    await page.evaluate(() => undefined);
    const errors = gpuErrors.splice(0);
    results.forEach((r, i) => {
      expect(r.leaked, `${r.title}: tensors left alive`).toBe(0);
      if (r.problems.length === 0) return;
      const met = limits.filter((l) => l.meets(caseRanges(fixture.cases[i % fixture.cases.length]!)));
      if (met.length) stated.push(`${op} | ${r.title}: ${r.problems[0]} (${met.map((l) => l.note).join(' ')})`);
      else unexplained.push(`${r.title}: ${r.problems.join('; ')}`);
    });
    expect({ unexplained, errors }).toEqual({ unexplained: [], errors: [] });
  });
});

/** A graph's output values on WebGPU, once the page's console messages so far have arrived. */
async function outputOnGpu(graph: Graph, node: string, port: string): Promise<number[]> {
  type Entry = { outputValues(g: Graph, n: string, p: string): Promise<number[]> };
  const values = await page.evaluate(([g, n, p]) => (globalThis as unknown as Entry).outputValues(g, n, p), [
    graph,
    node,
    port,
  ] as const);
  await page.evaluate(() => undefined);
  return values;
}

describe('kernels that fail only in combination, on WebGPU', () => {
  it('a bool cast to float32 is real float32 data for the kernels after it', async () => {
    // tfjs's WebGPU cast from bool relabels the int buffer; a sum over the first axis, which
    // transposes first, then built a shader for the wrong type and returned stale memory.
    // Large enough that tfjs runs it on the GPU rather than handing small tensors to the CPU.
    const x = [...Array(2 * 30 * 40).keys()].map((i) => i % 7);
    const graph = new GraphBuilder()
      .input('x', x, [2, 30, 40])
      .input('y', x.slice(0, 1200), [1, 30, 40])
      .node('eq', 'Equal', {}, { x: 'x', y: 'y' })
      .node('f', 'Cast', { DstT: 'float32' }, { x: 'eq' })
      .node('count', 'Sum', { axis: [0], keep_dims: true }, { input: 'f' })
      .build();
    const values = await outputOnGpu(graph, 'count', 'output');
    // x[0] equals y everywhere; x[1] = (1200 + k) mod 7 equals k mod 7 nowhere, since 7 does not divide 1200.
    expect(values).toEqual(Array(1200).fill(1));
    expect(gpuErrors.splice(0), 'WebGPU errors on the console').toEqual([]);
  });

  it('an int32 cast to float32 is real float32 data as well', async () => {
    const x = [...Array(2 * 30 * 40).keys()].map((i) => i % 7);
    const graph = new GraphBuilder()
      .input('x', x, [2, 30, 40], 'int32')
      .node('f', 'Cast', { DstT: 'float32' }, { x: 'x' })
      .node('total', 'Sum', { axis: [0] }, { input: 'f' })
      .build();
    const values = await outputOnGpu(graph, 'total', 'output');
    expect(values).toEqual(x.slice(0, 1200).map((v, k) => v + x[1200 + k]!));
    expect(gpuErrors.splice(0), 'WebGPU errors on the console').toEqual([]);
  });
});
