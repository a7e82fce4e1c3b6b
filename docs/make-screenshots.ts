/**
 * Regenerates the screenshots in docs/ from a production build: `npm run screenshots`.
 * Needs Debian's Chromium (or CHROMIUM_PATH) and a `vite build` in dist/.
 */
import { chromium, type Page } from 'playwright-core';
import { preview } from 'vite';
import { CHROMIUM_ARGS, chromiumPath, WEBGPU_ARGS } from '../tests/support/chromium';

const server = await preview({ preview: { port: 0, host: '127.0.0.1' }, logLevel: 'error' });
const url = server.resolvedUrls!.local[0]!;
const browser = await chromium.launch({
  executablePath: chromiumPath(),
  args: [...CHROMIUM_ARGS, ...WEBGPU_ARGS],
});

async function shot(page: Page, name: string) {
  await page.waitForTimeout(800);
  await page.screenshot({ path: `docs/${name}.png` });
  console.log(`docs/${name}.png`);
}

async function opened(viewport = { width: 1440, height: 900 }): Promise<Page> {
  const page = await browser.newPage({ viewport, reducedMotion: 'reduce' });
  await page.goto(url);
  await page.getByRole('status', { name: 'Run status' }).getByText('Backend:').waitFor({ timeout: 60_000 });
  return page;
}

/** Graph vs eager: the plan drawn on the canvas, the trace log, the timeline, and a lesson. */
async function graphVsEagerShots() {
  const toolbar = (page: Page) => page.getByRole('toolbar', { name: 'Editor toolbar', exact: true });

  // A lesson at its second step, the plan drawn: 2·3 folded, exp(x) pruned, the steps numbered.
  const lesson = await opened();
  await toolbar(lesson).getByRole('button', { name: 'Learn', exact: true }).click();
  await lesson.getByRole('menuitem', { name: /^Constant folding/ }).click();
  const card = lesson.getByRole('complementary', { name: /^Lesson:/ });
  await card.waitFor();
  await lesson.getByRole('button', { name: 'Show plan', exact: true }).click();
  const next = card.getByRole('button', { name: 'Next', exact: true });
  await lesson.waitForFunction((button) => button?.getAttribute('aria-disabled') === null, await next.elementHandle(), {
    timeout: 60_000,
  });
  await next.click();
  await shot(lesson, 'lesson');
  await lesson.close();

  // The optimizer example in graph mode (its settings say so), the plan drawn: every pass at work.
  const planned = await opened();
  await planned.getByRole('combobox', { name: 'Examples' }).selectOption('optimizer.json');
  await planned.getByRole('group', { name: 'Sin node b' }).getByText('merged').waitFor({ timeout: 60_000 });
  await planned.getByRole('button', { name: 'Show plan', exact: true }).click();
  await planned.getByRole('button', { name: 'Fit View', exact: true }).click();
  await shot(planned, 'plan-overlay');
  await planned.close();

  // The trace log after a new shape of x traced again, and a signature [null, 3] let a taller x reuse the trace.
  const traced = await opened();
  await traced.getByRole('radio', { name: 'Graph', exact: true }).click();
  await select(traced, 'Placeholder node x');
  const panel = traced.getByRole('complementary', { name: 'Node details', exact: true });
  const shape = panel.getByRole('textbox', { name: 'Shape of x', exact: true });
  for (const value of ['[2, 3]', null, '[4, 3]']) {
    if (value === null) {
      const signature = panel.getByRole('textbox', { name: 'signature', exact: true });
      await signature.fill('[null, 3]');
      await signature.press('Enter');
    } else {
      await shape.fill(value);
      await shape.press('Enter');
    }
    await traced.waitForTimeout(1500);
  }
  await traced.getByRole('button', { name: /^Trace log/ }).click();
  await traced.getByRole('dialog', { name: 'Trace log' }).getByText('Reused trace').waitFor({ timeout: 60_000 });
  await shot(traced, 'trace-log');
  await traced.close();

  // The timeline of the numpy_function example on WebGPU: the array script's readback in both lanes.
  const timed = await opened();
  await timed.getByRole('combobox', { name: 'Examples' }).selectOption('seed-numpy-function.json');
  await timed
    .getByRole('group', { name: /^ArrayScript node/ })
    .getByText('ok')
    .waitFor({ timeout: 60_000 });
  await toolbar(timed).getByRole('button', { name: 'Timeline', exact: true }).click();
  const timeline = timed.getByRole('dialog', { name: 'Timeline: eager and graph' });
  await timeline.getByRole('list', { name: 'graph steps' }).waitFor({ timeout: 60_000 });
  await timeline.getByRole('list', { name: 'graph steps' }).getByRole('button').last().hover();
  await shot(timed, 'timeline');
  await timed.close();
}

async function select(page: Page, name: string) {
  await page.getByRole('group', { name }).click({ position: { x: 20, y: 10 } });
}

try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 860 } });
  await page.goto(url);
  await page.getByRole('status', { name: 'Run status' }).getByText('Backend:').waitFor({ timeout: 60_000 });
  await page.getByRole('combobox', { name: 'Examples' }).selectOption('pictures.json');
  // The example opens readable at its inputs; these shots start from the whole graph.
  await page.getByRole('button', { name: 'Fit View', exact: true }).click();
  const rgb = page.getByRole('group', { name: 'Pack node image (RGB)' });
  await rgb.getByText('ok').waitFor({ timeout: 60_000 });
  // Closer than "fit view", around the middle of the graph.
  const box = (await page.getByRole('application').boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.55, box.y + box.height * 0.5);
  await page.mouse.wheel(0, -320);

  await select(page, 'Pack node image (RGB)');
  await page.getByRole('img', { name: /^Image of image \(RGB\)\./ }).waitFor({ timeout: 30_000 });
  await shot(page, 'editor-image');

  await select(page, 'AddV2 node wave (heatmap)');
  await page.getByRole('tab', { name: 'Heatmap' }).click();
  await page.getByRole('img', { name: /^Heatmap of wave \(heatmap\)\./ }).waitFor();
  await shot(page, 'panel-heatmap');

  await page.getByRole('combobox', { name: 'Loss target' }).selectOption('energy');
  const gradient = page.getByRole('region', { name: /Gradient of edge energy with respect to wave \(heatmap\)/ });
  await gradient.waitFor({ timeout: 60_000 });
  await gradient.getByRole('tab', { name: 'Heatmap' }).click();
  await gradient.scrollIntoViewIfNeeded();
  await shot(page, 'gradient-view');

  await page.getByRole('combobox', { name: 'Examples' }).selectOption('seed-image-preprocessing.json');
  await select(page, 'ArrayScript node preprocess_image');
  const edges = page.getByRole('img', { name: /^Image of preprocess_image\.edges/ });
  await edges.waitFor({ timeout: 60_000 });
  // Tall enough for the edges and their statistics in one view.
  await page.setViewportSize({ width: 1440, height: 1040 });
  await page.getByRole('region', { name: 'Output edges' }).evaluate((e) => e.scrollIntoView({ block: 'start' }));
  await shot(page, 'image-preprocessing');
  await page.setViewportSize({ width: 1440, height: 860 });

  await page.getByRole('combobox', { name: 'Examples' }).selectOption('seed-py-function.json');
  await select(page, 'TensorScript node my_python_op');
  const body = page.getByRole('textbox', { name: 'body', exact: true });
  await body.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText('const scale = 2;\nconst y = tf.sin(x).mul(scal);\nreturn y;');
  await page.keyboard.press('Control+Enter');
  await body.locator('.cm-lintRange-error').waitFor({ timeout: 60_000 });
  await shot(page, 'script-editor');
  await page.close();

  // The editor as it opens an example, at a large and a small screen, in either theme; and Compare.
  for (const colorScheme of ['light', 'dark'] as const)
    for (const viewport of [
      { width: 1440, height: 900 },
      { width: 1024, height: 768 },
    ]) {
      const themed = await browser.newPage({ viewport, colorScheme });
      await themed.goto(url);
      await themed.getByRole('status', { name: 'Run status' }).getByText('Backend:').waitFor({ timeout: 60_000 });
      await themed.getByRole('combobox', { name: 'Examples' }).selectOption('mlp.json');
      // Its value drawn on the node: the graph has run.
      await themed.getByRole('img', { name: /^x·W1: heatmap/ }).waitFor({ state: 'attached', timeout: 60_000 });
      await select(themed, 'MatMul node x·W1');
      await shot(themed, `editor-${viewport.width}-${colorScheme}`);
      if (viewport.width === 1440) {
        await themed.getByRole('button', { name: 'Compare', exact: true }).click();
        await themed.getByRole('table', { name: 'Eager and graph compared' }).waitFor({ timeout: 60_000 });
        await shot(themed, `compare-${colorScheme}`);
      }
      await themed.close();
    }

  await graphVsEagerShots();
} finally {
  await browser.close();
  await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
}
