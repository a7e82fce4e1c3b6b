import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { importLayersModel } from '../../src/io/keras/import-layers-model';
import { openFiles, type GivenFiles } from '../../src/io/open-files';
import { registry } from '../../src/ops/registry';
import { attr, GraphModelBuilder } from '../support/graph-model-files';
import { cpu } from '../support/tf';
import { readRepoFile } from './files';
import { saved } from './keras/layers-model-files';

const bytes = (text: string) => new TextEncoder().encode(text);
const noLayers = () => Promise.reject(new Error('not a layers-model test'));
const open = (files: [string, Uint8Array][]) => openFiles(new Map(files) as GivenFiles, registry, noLayers);

function model() {
  const { modelJson, shards } = new GraphModelBuilder()
    .placeholder('x', 'float32', [2])
    .constant('w', [1, 2], [2])
    .node('y', 'Mul', ['x', 'w'], { T: attr.type('float32') })
    .files();
  return { json: bytes(JSON.stringify(modelJson)), shard: shards.get('group1-shard1of1.bin')! };
}

describe('opening what the user gives', () => {
  it('opens a Tensorloom graph file', async () => {
    const result = await open([['sin.json', bytes(readRepoFile('public/examples/sin-times-two.json'))]]);
    expect(result).toMatchObject({ ok: true, kind: 'graph', name: 'sin.json', migratedFrom: null });
  });

  it("opens a model's model.json with its weight file, from a folder or loose", async () => {
    const { json, shard } = model();
    const folder = await open([
      ['mobilenet/model.json', json],
      ['mobilenet/group1-shard1of1.bin', shard],
    ]);
    expect(folder).toMatchObject({ ok: true, kind: 'graph-model', name: 'mobilenet/model.json' });
    expect(folder.ok && folder.graph.nodes.map((n) => n.id)).toEqual(['x', 'w', 'y']);
    const loose = await open([
      ['group1-shard1of1.bin', shard],
      ['model.json', json],
    ]);
    expect(loose).toMatchObject({ ok: true, kind: 'graph-model' });
  });

  it("opens a Keras layers-model's model.json with its weights, through the reader it is given", async () => {
    await cpu();
    const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [3], units: 2, activation: 'relu' })] });
    const { modelJson, shards } = await saved(model);
    model.dispose();
    const result = await openFiles(
      new Map([
        ['model.json', bytes(JSON.stringify(modelJson))],
        ['model.weights.bin', shards.get('./model.weights.bin')!],
      ]),
      registry,
      async () => importLayersModel,
    );
    expect(result).toMatchObject({ ok: true, kind: 'layers-model' });
    expect(result.ok && result.graph.nodes.map((n) => n.op)).toEqual(
      expect.arrayContaining(['Placeholder', 'MatMul', 'BiasAdd', 'Relu']),
    );
  });

  it.each([
    ['model.onnx', [0x08, 0x07, 0x12, 0x07], 'model.onnx is an ONNX model.'],
    ['saved_model.pb', [0x08, 0x01, 0x12, 0x00], 'saved_model.pb is a TensorFlow SavedModel (saved_model.pb).'],
    ['photo.png', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a], 'photo.png is a PNG image.'],
    ['model.h5', [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a], 'model.h5 is an HDF5 file (a Keras .h5 model).'],
    [
      'group1-shard1of1.bin',
      [1, 2, 3, 4],
      "group1-shard1of1.bin is a tfjs model's weight file, which needs its model.json.",
    ],
    ['notes.txt', [0x68, 0x69], 'notes.txt is not a file Tensorloom opens.'],
  ])('refuses %s, saying what it is and what Tensorloom opens', async (name, content, start) => {
    const result = await open([[name, Uint8Array.from(content)]]);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toBe(
      `${start} Tensorloom opens its own graph files (.json) and tfjs models: a model.json with its weight files (convert other models with tensorflowjs_converter)`,
    );
  });

  it('refuses truncated JSON, and JSON that is neither a graph nor a model', async () => {
    const text = readRepoFile('public/examples/sin-times-two.json');
    const cut = await open([['sin.json', bytes(text.slice(0, 200))]]);
    expect(!cut.ok && cut.message).toMatch(
      /^sin\.json is not valid JSON at line \d+, column \d+: the file ends early, as if cut short$/,
    );
    const other = await open([['package.json', bytes('{"name": "x", "version": "1.0.0"}')]]);
    expect(!other.ok && other.message).toBe(
      'package.json is JSON, but neither a Tensorloom graph nor a tfjs model: it has no "format" ("tensorloom.graph", "graph-model" or "layers-model")',
    );
  });

  it('refuses a model.json without its weights, or with a weight file of the wrong size', async () => {
    const { json, shard } = model();
    const alone = await open([['model.json', json]]);
    expect(!alone.ok && alone.message).toBe(
      "model.json: the model's weights are in a file not given: group1-shard1of1.bin (give them with model.json)",
    );
    const wrong = await open([
      ['model.json', json],
      ['group1-shard1of1.bin', shard.subarray(0, 4)],
    ]);
    expect(!wrong.ok && wrong.message).toBe(
      "model.json: group1-shard1of1.bin: 4 bytes, but model.json's weights take 8; the file is cut short, or not the one model.json was written with",
    );
  });

  it('refuses several JSON files that are not one model', async () => {
    const text = bytes(readRepoFile('public/examples/log.json'));
    const result = await open([
      ['a.json', text],
      ['b.json', text],
    ]);
    expect(!result.ok && result.message).toBe(
      "2 JSON files were given (a.json, b.json): open one graph file, or one model's model.json with its weight files",
    );
  });
});
