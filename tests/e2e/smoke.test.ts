import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, runStatus, runtimeFrame, type App } from './support/browser';

for (const { webgpu, label } of [
  { webgpu: false, label: 'without WebGPU' },
  { webgpu: true, label: 'with WebGPU (SwiftShader)' },
]) {
  describe(`the app ${label}`, () => {
    let app: App | undefined;

    beforeAll(async () => {
      app = await openApp({ webgpu });
    });

    afterAll(async () => {
      await app?.close();
    });

    const opened = (): App => {
      if (!app) throw new Error('the app did not open');
      return app;
    };

    it('shows the backend in its run status', async () => {
      const text = await runStatus(opened().page).first().textContent();
      expect(text).toContain('Backend:');
    });

    it('hosts the runtime in an iframe sandboxed to allow-scripts only', async () => {
      const { page } = opened();
      const iframes = await page
        .locator('iframe')
        .evaluateAll((elements) =>
          elements.map((e) => ({ sandbox: e.getAttribute('sandbox'), src: e.getAttribute('src') ?? '' })),
        );
      const runtime = iframes.filter((f) => f.src.endsWith('runtime.html'));
      expect(runtime, JSON.stringify(iframes)).toHaveLength(1);
      expect(runtime[0]?.sandbox?.trim().split(/\s+/)).toEqual(['allow-scripts']);

      // The sandbox took effect: the runtime document has an opaque origin.
      const origin = await runtimeFrame(page).evaluate(() => self.origin);
      expect(origin).toBe('null');
    });

    it(`gives the runtime frame ${webgpu ? 'a' : 'no'} WebGPU adapter`, async () => {
      const hasAdapter = await runtimeFrame(opened().page).evaluate(async () => {
        const gpu = (navigator as { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
        return Boolean(gpu && (await gpu.requestAdapter()));
      });
      expect(hasAdapter).toBe(webgpu);
    });

    it('loads without console errors', async () => {
      const { page, consoleErrors } = opened();
      // Let late errors (from the runtime frame's start-up) arrive.
      await page.waitForTimeout(1_000);
      expect(consoleErrors).toEqual([]);
    });
  });
}
