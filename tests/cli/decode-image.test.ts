/**
 * The image preprocessing seed headless: its DecodeImage node decodes the PNG the graph carries in
 * Node (no browser decoder), and its script filters the pixels. Both are checked value by value
 * against code of their own here: fast-png's decoder, and the seed's Sobel filter in plain JS.
 */
import { readFileSync } from 'node:fs';
import { decode } from 'fast-png';
import { describe, expect, it } from 'vitest';
import { example, tempFile, tensorloom } from './cli';

interface Graph {
  nodes: { id: string; attrs: Record<string, unknown> }[];
}

const SEED = example('seed-image-preprocessing');
const graph = JSON.parse(readFileSync(SEED, 'utf8')) as Graph;
const imageFile = graph.nodes.find((n) => n.id === 'image_file')!;

/** The PNG the example carries, decoded by fast-png: its RGB values, row by row. */
function decodedByFastPng(): { width: number; height: number; rgb: number[] } {
  const dataUrl = imageFile.attrs['file'] as string;
  const png = decode(Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64'));
  expect(png.depth).toBe(8);
  const rgb = Array.from({ length: png.width * png.height }, (_, p) =>
    [0, 1, 2].map((k) => png.data[p * png.channels + k]!),
  ).flat();
  return { width: png.width, height: png.height, rgb };
}

/** The seed's filter: Sobel edge strength on luminance, rounded and clamped to 0–255, the border 0, in each of 3 channels. */
function sobel(rgb: readonly number[], width: number, height: number): number[] {
  const gray = Float32Array.from({ length: width * height }, (_, p) => {
    const [r, g, b] = rgb.slice(3 * p, 3 * p + 3) as [number, number, number];
    return 0.299 * r + 0.587 * g + 0.114 * b;
  });
  const at = (x: number, y: number) => gray[y * width + x]!;
  const strength = (x: number, y: number) => {
    if (x === 0 || y === 0 || x === width - 1 || y === height - 1) return 0;
    const gx =
      at(x + 1, y - 1) + 2 * at(x + 1, y) + at(x + 1, y + 1) - at(x - 1, y - 1) - 2 * at(x - 1, y) - at(x - 1, y + 1);
    const gy =
      at(x - 1, y + 1) + 2 * at(x, y + 1) + at(x + 1, y + 1) - at(x - 1, y - 1) - 2 * at(x, y - 1) - at(x + 1, y - 1);
    return Math.min(255, Math.round(Math.hypot(gx, gy)));
  };
  return Array.from({ length: width * height }, (_, p) =>
    Array<number>(3).fill(strength(p % width, Math.floor(p / width))),
  ).flat();
}

interface Output {
  readonly node: string;
  readonly summary: { readonly dtype: string; readonly shape: number[]; readonly values: number[] };
}

describe('the image preprocessing seed, headless', () => {
  it("decodes the PNG as fast-png does and filters it as the seed's Sobel does", async () => {
    const { code, stdout, stderr } = await tensorloom(
      'run',
      SEED,
      '--trust',
      '--json',
      '--limit',
      '100000',
      '--output',
      'decode_image',
      '--output',
      'preprocess_image',
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const outputs = (JSON.parse(stdout) as { run: { outputs: Output[] } }).run.outputs;
    const byNode = Object.fromEntries(outputs.map((o) => [o.node, o.summary]));
    const { width, height, rgb } = decodedByFastPng();
    expect(byNode['decode_image']).toMatchObject({ dtype: 'int32', shape: [height, width, 3] });
    expect(byNode['decode_image']!.values).toEqual(rgb);
    expect(byNode['preprocess_image']).toMatchObject({ dtype: 'int32', shape: [height, width, 3] });
    expect(byNode['preprocess_image']!.values).toEqual(sobel(rgb, width, height));
    // The filter finds edges in the picture: not all black.
    expect(Math.max(...byNode['preprocess_image']!.values)).toBeGreaterThan(100);
  });

  it("refuses, before decoding, an image whose pixels would pass the run's budget", async () => {
    const { code, stdout } = await tensorloom('run', SEED, '--output', 'decode_image', '--max-bytes', '50000');
    expect(code).toBe(1);
    expect(stdout).toContain(
      'error in decode_image: DecodeImage output int32[64, 96, 3] would take 72 KiB, over the 48.8 KiB budget',
    );
  });

  it('says on the decode node when the file is not an image', async () => {
    const text = `data:text/plain;base64,${Buffer.from('a,b\n1,2\n').toString('base64')}`;
    const notAnImage = {
      ...graph,
      nodes: graph.nodes.map((n) => (n.id === 'image_file' ? { ...n, attrs: { file: text } } : n)),
    };
    const { code, stdout } = await tensorloom('run', tempFile(JSON.stringify(notAnImage)), '--output', 'decode_image');
    expect(code).toBe(1);
    expect(stdout).toContain(
      'error in decode_image: DecodeImage: Unknown image file format. One of JPEG, PNG, BMP required',
    );
  });
});
