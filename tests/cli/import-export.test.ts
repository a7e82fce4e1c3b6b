import * as tf from '@tensorflow/tfjs';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseGraphFile } from '../../src/io/graph-file';
import { Session } from '../../src/runtime/session';
import {
  expectSameValues,
  GENERATED,
  moduleValues,
  removeGenerated,
  tensorloomValues,
  typeErrors,
} from '../io/typescript/exported-module';
import { attr, GraphModelBuilder } from '../support/graph-model-files';
import { cpu, expectValuesClose } from '../support/tf';
import { example, tempDir, tempFile, tensorloom } from './cli';

describe('tensorloom export', () => {
  it('writes a GraphModel that tf.loadGraphModel runs with the values Tensorloom computes', async () => {
    const out = tempDir();
    const { code, stderr } = await tensorloom(
      'export',
      example('sin-times-two'),
      '--format',
      'graph-model',
      '--out',
      out,
    );
    expect(code, stderr).toBe(0);
    expect(stderr).toContain(`wrote model.json, group1-shard1of1.bin to ${out}`);
    await cpu();
    const modelJson = JSON.parse(readFileSync(join(out, 'model.json'), 'utf8'));
    const model = await tf.loadGraphModel(
      tf.io.fromMemory({
        modelTopology: modelJson.modelTopology,
        weightSpecs: modelJson.weightsManifest[0].weights,
        weightData: new Uint8Array(readFileSync(join(out, 'group1-shard1of1.bin'))).buffer,
      }),
    );
    const x = tf.tensor1d([1, 2, 3]);
    const y = model.execute({ 'x:0': x }, 'mul') as tf.Tensor;
    expectValuesClose(
      await y.data(),
      [1, 2, 3].map((v) => 2 * Math.sin(v)),
      1e-6,
    );
    tf.dispose([x, y]);
    model.dispose();
  });

  it('writes register-ops.ts for the scripts, and says how to use it', async () => {
    const out = tempDir();
    const { code, stderr } = await tensorloom('export', example('seed-py-function'), '--out', out);
    expect(code, stderr).toBe(0);
    expect(readFileSync(join(out, 'register-ops.ts'), 'utf8')).toContain(
      "tf.registerOp('Tensorloom>my_python_op', (node) => my_python_op(node.inputs[0]!));",
    );
    expect(stderr).toContain('import register-ops.ts before tf.loadGraphModel');
  });

  it('writes a TypeScript module that type-checks and runs with the values Tensorloom computes', async () => {
    const out = join(GENERATED, 'cli');
    try {
      const { code, stderr } = await tensorloom('export', example('mlp'), '--format', 'ts', '--out', out);
      expect(code, stderr).toBe(0);
      expect(stderr).toContain('note: VariableV2 W1 is written as a constant of its current value');
      expect(stderr).toContain(
        `wrote model.ts to ${out}\nmodel.ts exports run, from the graph's inputs to its outputs`,
      );
      const path = join(out, 'model.ts');
      expect(typeErrors([path])).toBe('');
      await cpu();
      const parsed = parseGraphFile(readFileSync(example('mlp'), 'utf8'));
      if (!parsed.ok) throw new Error(parsed.error.message);
      const session = new Session(tf, null);
      const ours = await tensorloomValues(session, parsed.graph);
      session.dispose();
      expectSameValues(ours, await moduleValues(path, parsed.graph), 'mlp');
    } finally {
      removeGenerated('cli');
    }
  });

  it('refuses bad usage and a graph with problems', async () => {
    expect((await tensorloom('export', example('log'))).code).toBe(2);
    expect((await tensorloom('export', example('log'), '--format', 'onnx', '--out', tempDir())).stderr).toContain(
      '--format must be graph-model or ts, got "onnx"',
    );
    const broken = tempFile(
      '{"format": "tensorloom.graph", "version": 2, "nodes": [{"id": "n", "op": "Neg", "attrs": {}}], "edges": []}',
    );
    const result = await tensorloom('export', broken, '--out', tempDir());
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: .*graph\.json: the graph has problems to fix first: /);
  });
});

describe('tensorloom import', () => {
  it('turns a model.json and the weight files beside it into a graph file that runs', async () => {
    const dir = tempDir();
    const { modelJson, shards } = new GraphModelBuilder()
      .placeholder('x', 'float32', [-1, 2])
      .constant('w', [2, -1, 0.5, 3], [2, 2])
      .node('y', 'MatMul', ['x', 'w'], { T: attr.type('float32') })
      .files();
    writeFileSync(join(dir, 'model.json'), JSON.stringify(modelJson));
    for (const [name, bytes] of shards) writeFileSync(join(dir, name), bytes);
    const graphFile = join(dir, 'graph.json');
    const imported = await tensorloom('import', join(dir, 'model.json'), '-o', graphFile);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stderr).toContain(
      'note: input x has shape [?, 2]; it holds zeros of shape [1, 2] until you set its value',
    );
    expect(imported.stderr).toContain(`3 nodes, 2 edges written to ${graphFile}`);
    const ran = await tensorloom('run', graphFile);
    expect(ran.stdout).toContain('y.product  float32[1, 2]  [[0, 0]]');
  });

  it('refuses what is not a model, and a model without its weights, with one message', async () => {
    const png = join(tempDir(), 'photo.png');
    writeFileSync(png, Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a));
    expect((await tensorloom('import', png)).stderr).toMatch(/^error: photo\.png is a PNG image\. Tensorloom opens/);
    const dir = tempDir();
    const { modelJson } = new GraphModelBuilder().constant('w', [1], [1]).files();
    writeFileSync(join(dir, 'model.json'), JSON.stringify(modelJson));
    const alone = await tensorloom('import', join(dir, 'model.json'));
    expect(alone.code).toBe(1);
    expect(alone.stderr).toContain("the model's weights are in a file not given: group1-shard1of1.bin");
    expect(existsSync(join(dir, 'graph.json'))).toBe(false);
  });
});
