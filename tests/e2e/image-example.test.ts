import { expect, test } from 'vitest';
import { encodePng } from '../support/png';
import { openApp } from './support/browser';
import {
  openExample,
  parseShown,
  readStatistics,
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

test('the image preprocessing seed decodes an image file the user opens and shows it before and after its edge filter', async () => {
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

    await selectNode(page, 'ArrayScript', 'preprocess_image');
    const before = Array.from({ length: H }, (_, y) => Array.from({ length: W }, (_, x) => pixel(x, y))).flat(2);
    await waitForValues(page, 'preprocess_image.image', before, { tolerance: 0 });
    await waitForValues(
      page,
      'preprocess_image.edges',
      EDGES.flat().flatMap((v) => [v, v, v]),
      { tolerance: 0 },
    );

    // Both are drawn as pictures: the image before and after the filter.
    for (const port of ['image', 'edges'])
      expect(
        await sidePanel(page)
          .getByRole('img', { name: new RegExp(`^Image of preprocess_image\\.${port}, 4 × 6 RGB`) })
          .count(),
      ).toBe(1);
    expect(app.consoleErrors).toEqual([]);
  } finally {
    await app.close();
  }
});

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
    await selectNode(page, 'ArrayScript', 'preprocess_image');
    const image = await waitFor(
      () => readStatistics(sidePanel(page), 'preprocess_image.image'),
      (stats) => stats['shape'] === 'int32[16, 16, 3]',
      { what: 'the decoded JPEG in the panel' },
    );
    expect(Math.abs(parseShown(image['min']!) - 128)).toBeLessThanOrEqual(2);
    expect(Math.abs(parseShown(image['max']!) - 128)).toBeLessThanOrEqual(2);
    const edges = await readStatistics(sidePanel(page), 'preprocess_image.edges', 30_000);
    expect(parseShown(edges['max']!)).toBeLessThanOrEqual(8);
    expect(app.consoleErrors).toEqual([]);
  } finally {
    await app.close();
  }
});

test('a file the script cannot decode gives the script an error at its line; a file too big is refused and changes nothing', async () => {
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
    await selectNode(page, 'ArrayScript', 'preprocess_image');
    await waitFor(
      () => sidePanel(page).getByRole('region', { name: 'Outputs', exact: true }).innerText(),
      (text) =>
        text.includes('the file is not an image this browser can decode (') && /\(line 6, column \d+\)/.test(text),
      { what: 'the decode error, thrown at line 6 of the body' },
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
