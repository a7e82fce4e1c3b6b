import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Graph } from '../../src/graph/types';
import { parseGraphFile } from '../../src/io/graph-file';
import type { GradientReport } from '../../src/runtime/reports';
import { sessions } from '../support/session';
import { expectValuesClose } from '../support/tf';

function loadExample(name: string): Graph {
  const loaded = parseGraphFile(readFileSync(new URL(`../../public/examples/${name}.json`, import.meta.url), 'utf8'));
  if (!loaded.ok) throw new Error(loaded.error.message);
  return loaded.graph;
}

function gradientAtX(report: GradientReport): number[] {
  const g = report.nodes['x']!['output']!;
  if (!('summary' in g)) throw new Error(g.none);
  return [...g.summary.values];
}

const newSession = sessions();

describe('the seed examples', () => {
  it('000 §1: py_function sin(x)·2 with its custom gradient 2·cos(x)', async () => {
    const s = newSession();
    const graph = loadExample('seed-py-function');
    const report = await s.run(graph, { mode: 'eager', outputs: ['my_python_op'] });
    expectValuesClose(report.outputs[0]!.summary.values, [1.682942, 1.818595, 0.28224], 1e-5);
    expectValuesClose(
      gradientAtX(await s.computeGradients(graph, 'loss')),
      [1, 2, 3].map((v) => 2 * Math.cos(v)),
      1e-6,
    );
  });

  it('000 §2: numpy_function log(x) with its custom gradient dy / x', async () => {
    const s = newSession();
    const graph = loadExample('seed-numpy-function');
    const report = await s.run(graph, { mode: 'eager', outputs: ['my_numpy_op'] });
    expectValuesClose(report.outputs[0]!.summary.values, [0, 1, 2.302585], 1e-5);
    expectValuesClose(gradientAtX(await s.computeGradients(graph, 'loss')), [1, 1 / Math.E, 0.1], 1e-6);
  });

  it('000 §3: the custom op x · 2', async () => {
    const report = await newSession().run(loadExample('seed-custom-op'));
    expect(report.outputs[0]!.summary.values).toEqual([2, 4, 6]);
  });

  it('004 ex. 1: a random source of shape (10, 3), float32, in [0, 1)', async () => {
    const report = await newSession().run(loadExample('seed-random-source'), { previewLimit: 30 });
    const data = report.outputs[0]!.summary;
    expect([data.dtype, data.shape]).toEqual(['float32', [10, 3]]);
    expect(data.values.every((v) => v >= 0 && v < 1)).toBe(true);
    expect(new Set(data.values).size).toBe(30);
  });

  it('004 ex. 3: images, labels and metadata from one script', async () => {
    const report = await newSession().run(loadExample('seed-complex-data'), { previewLimit: 100 });
    const byPort = Object.fromEntries(report.outputs.map((o) => [o.port, o.summary]));
    expect([byPort['images']!.dtype, byPort['images']!.shape]).toEqual(['float32', [100, 64, 64, 3]]);
    expect([byPort['labels']!.dtype, byPort['labels']!.shape]).toEqual(['int32', [100]]);
    expect([byPort['metadata']!.dtype, byPort['metadata']!.shape]).toEqual(['float32', [100, 5]]);
    expect(byPort['labels']!.values.every((v) => Number.isInteger(v) && v >= 0 && v < 10)).toBe(true);
    // 1,228,800 float32 draws: with Math.random() stored as it is, about one run in 27 would hold a 1.0.
    for (const port of ['images', 'metadata']) {
      expect(byPort[port]!.min).toBeGreaterThanOrEqual(0);
      expect(byPort[port]!.max).toBeLessThan(1);
    }
  });

  it("004 ex. 2: DecodeImage decodes the image file's bytes to pixels; the script finds their edges", async () => {
    const graph = loadExample('seed-image-preprocessing');
    const file = graph.nodes.find((n) => n.id === 'image_file')!.attrs['file'] as string;
    const png = Buffer.from(file.slice(file.indexOf(',') + 1), 'base64');
    expect([...png.subarray(1, 4)].map((b) => String.fromCharCode(b)).join('')).toBe('PNG');
    const report = await newSession().run(graph, { mode: 'eager', previewLimit: png.length });
    const output = (id: string, port: string) => report.nodes.find((n) => n.nodeId === id)!.outputs[port]!;
    expect(output('image_file', 'bytes').values).toEqual([...png]);
    // 96 × 64 RGB pixels (tests/cli/decode-image.test.ts checks each against another decoder).
    const image = output('decode_image', 'image');
    expect([image.dtype, image.shape, image.min, image.max]).toEqual(['int32', [64, 96, 3], 30, 250]);
    const edges = output('preprocess_image', 'edges');
    expect([edges.dtype, edges.shape, edges.min, edges.max]).toEqual(['int32', [64, 96, 3], 0, 255]);
  });
});
