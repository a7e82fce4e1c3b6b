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
import { registry } from '../../src/ops/registry';
import type { Fixture } from '../tf/fixture';
import { caseRanges } from '../tf/case-ranges';
import type { CaseResult } from '../tf/webgpu-entry';
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
    results.forEach((r, i) => {
      expect(r.leaked, `${r.title}: tensors left alive`).toBe(0);
      if (r.problems.length === 0) return;
      const met = limits.filter((l) => l.meets(caseRanges(fixture.cases[i]!)));
      if (met.length) stated.push(`${op} | ${r.title}: ${r.problems[0]} (${met.map((l) => l.note).join(' ')})`);
      else unexplained.push(`${r.title}: ${r.problems.join('; ')}`);
    });
    expect(unexplained).toEqual([]);
  });
});
