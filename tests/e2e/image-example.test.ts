import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { parseGraphFile } from '../../src/io/graph-file';
import { Session } from '../../src/runtime/session';
import { encodePng } from '../support/png';
import { openApp } from './support/browser';
import {
  openExample,
  parseShown,
  readStatistics,
  readValues,
  selectNode,
  sidePanel,
  waitFor,
  waitForValues,
} from './support/editor';

// A 6 × 4 test image: the left three columns gray 40, the right three gray 100, with one red pixel
// in the top-left corner so that the decoded channels' order shows.
const [W, H] = [6, 4];
const RED: [number, number, number] = [255, 0, 0];
const pixel = (x: number, y: number): [number, number, number] =>
  x === 0 && y === 0 ? RED : x < 3 ? [40, 40, 40] : [100, 100, 100];

/**
 * The edge strengths worked out by hand for the Sobel filter on luminance 0.299 r + 0.587 g + 0.114 b
 * (gray pixels keep their value; the red one is 0.299 · 255 = 76.245), border pixels 0:
 * - x = 2 and x = 3 straddle the 40 | 100 step: gx = (1 + 2 + 1) · (100 − 40) = 240, gy = 0;
 * - (1, 1) sees the red corner: gx = gy = 4 · 40 − (76.245 + 2 · 40 + 40) = −36.245, so the
 *   strength is 36.245 · √2 = 51.26, rounded to 51;
 * - everything else is flat: 0.
 */
const EDGES = [
  [0, 0, 0, 0, 0, 0],
  [0, 51, 240, 240, 0, 0],
  [0, 0, 240, 240, 0, 0],
  [0, 0, 0, 0, 0, 0],
];

test('the image preprocessing seed decodes an image file the user opens with DecodeImage and shows its edges', async () => {
  const app = await openApp();
  const { page } = app;
  try {
    await openExample(page, 'Seed: preprocessing an image file');
    await selectNode(page, 'FileBytes', 'image_file');
    const png = encodePng(W, H, pixel);
    await sidePanel(page).getByLabel('Open file…').setInputFiles({
      name: 'steps.png',
      mimeType: 'image/png',
      buffer: png,
    });
    await waitFor(
      () => sidePanel(page).innerText(),
      (text) => text.includes(`image/png, ${png.length} B`),
      { what: 'the panel to show the opened file' },
    );
    await waitForValues(page, 'image_file.bytes', [...png].slice(0, 100));

    await selectNode(page, 'DecodeImage', 'decode_image');
    const before = Array.from({ length: H }, (_, y) => Array.from({ length: W }, (_, x) => pixel(x, y))).flat(2);
    await waitForValues(page, 'decode_image.image', before, { tolerance: 0 });
    await picture(page, 'decode_image.image');

    await selectNode(page, 'ArrayScript', 'preprocess_image');
    await waitForValues(
      page,
      'preprocess_image.edges',
      EDGES.flat().flatMap((v) => [v, v, v]),
      { tolerance: 0 },
    );
    await picture(page, 'preprocess_image.edges');
    expect(app.consoleErrors).toEqual([]);
  } finally {
    await app.close();
  }
});

/** The panel draws the tensor as a picture: 4 × 6 RGB. */
async function picture(page: Page, label: string): Promise<void> {
  const name = new RegExp(`^Image of ${label.replace('.', '\\.')}, 4 × 6 RGB`);
  expect(await sidePanel(page).getByRole('img', { name }).count()).toBe(1);
}

test("as it opens, the example's own picture decodes in the browser to the pixels the headless runtime gives", async () => {
  const headless = await headlessPixels();
  const app = await openApp();
  const { page } = app;
  try {
    await openExample(page, 'Seed: preprocessing an image file');
    await selectNode(page, 'DecodeImage', 'decode_image');
    const stats = await readStatistics(sidePanel(page), 'decode_image.image');
    expect(stats['shape']).toBe(`int32[${headless.shape.join(', ')}]`);
    // Six significant digits, as the panel shows them: 169.694 for a mean of 169.6937.
    for (const term of ['min', 'max', 'mean', 'std'] as const)
      expect(parseShown(stats[term]!), term).toBeCloseTo(headless[term]!, 2);
    expect(await readValues(sidePanel(page), 'decode_image.image')).toEqual(headless.values.slice(0, 100));
    expect(app.consoleErrors).toEqual([]);
  } finally {
    await app.close();
  }
});

/** decode_image's output as the runtime computes it in Node on tfjs's CPU backend, as the CLI runs it. */
async function headlessPixels() {
  const loaded = parseGraphFile(
    readFileSync(new URL('../../public/examples/seed-image-preprocessing.json', import.meta.url), 'utf8'),
  );
  if (!loaded.ok) throw new Error(loaded.error.message);
  await tf.setBackend('cpu');
  const session = new Session(tf);
  try {
    const report = await session.run(loaded.graph, { mode: 'eager', outputs: ['decode_image'], previewLimit: 100 });
    return report.outputs[0]!.summary;
  } finally {
    session.dispose();
  }
}

test('a JPEG decodes too: a flat gray picture comes back gray, with no edges inside it', async () => {
  const app = await openApp();
  const { page } = app;
  try {
    // The browser encodes the JPEG (Node has no encoder): 16 × 16 of gray 128, lossy but flat.
    const jpeg = Buffer.from(
      await page.evaluate(async () => {
        const canvas = new OffscreenCanvas(16, 16);
        const context = canvas.getContext('2d')!;
        context.fillStyle = 'rgb(128, 128, 128)';
        context.fillRect(0, 0, 16, 16);
        const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.95 });
        return [...new Uint8Array(await blob.arrayBuffer())];
      }),
    );
    expect([...jpeg.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
    await openExample(page, 'Seed: preprocessing an image file');
    await selectNode(page, 'FileBytes', 'image_file');
    await sidePanel(page)
      .getByLabel('Open file…')
      .setInputFiles({ name: 'gray.jpg', mimeType: 'image/jpeg', buffer: jpeg });
    await waitFor(
      () => sidePanel(page).innerText(),
      (text) => text.includes(`image/jpeg, ${jpeg.length} B`),
      { what: 'the panel to show the JPEG' },
    );
    await selectNode(page, 'DecodeImage', 'decode_image');
    const image = await waitFor(
      () => readStatistics(sidePanel(page), 'decode_image.image'),
      (stats) => stats['shape'] === 'int32[16, 16, 3]',
      { what: 'the decoded JPEG in the panel' },
    );
    expect(Math.abs(parseShown(image['min']!) - 128)).toBeLessThanOrEqual(2);
    expect(Math.abs(parseShown(image['max']!) - 128)).toBeLessThanOrEqual(2);
    await selectNode(page, 'ArrayScript', 'preprocess_image');
    const edges = await readStatistics(sidePanel(page), 'preprocess_image.edges', 30_000);
    expect(parseShown(edges['max']!)).toBeLessThanOrEqual(8);
    expect(app.consoleErrors).toEqual([]);
  } finally {
    await app.close();
  }
});

test("a file that is not an image gives the decode node TensorFlow's error; a file too big is refused and changes nothing", async () => {
  const app = await openApp();
  const { page } = app;
  try {
    await openExample(page, 'Seed: preprocessing an image file');
    await selectNode(page, 'FileBytes', 'image_file');
    await sidePanel(page)
      .getByLabel('Open file…')
      .setInputFiles({
        name: 'broken.png',
        mimeType: 'image/png',
        buffer: Buffer.from('not really a png'),
      });
    await selectNode(page, 'DecodeImage', 'decode_image');
    await waitFor(
      () => sidePanel(page).getByRole('region', { name: 'Outputs', exact: true }).innerText(),
      (text) => text.includes('DecodeImage: Unknown image file format. One of JPEG, PNG, BMP required'),
      { what: 'the decode error on the DecodeImage node' },
    );
    const panel = sidePanel(page);
    await selectNode(page, 'FileBytes', 'image_file');
    await panel.getByLabel('Open file…').setInputFiles({
      name: 'huge.bin',
      mimeType: 'application/octet-stream',
      buffer: Buffer.alloc(9 * 1024 * 1024),
    });
    await waitFor(
      () => panel.getByRole('alert').allInnerTexts(),
      (alerts) => alerts.some((a) => a.includes('huge.bin is 9.0 MiB; a graph keeps files of up to 8.0 MiB')),
      { what: 'the refusal of a file too big to keep in the graph' },
    );
    // The refused file changed nothing: the graph still holds the broken PNG's 16 bytes.
    expect(await panel.innerText()).toContain('image/png, 16 B');
    expect(app.consoleErrors).toEqual([]);
  } finally {
    await app.close();
  }
});
