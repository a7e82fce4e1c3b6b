import { describe, expect, it } from 'vitest';
import type { TensorLiteral } from '../../../src/graph/types';
import { validateGraph } from '../../../src/graph/validate';
import { importGraphModel } from '../../../src/io/graph-model/import-graph-model';
import { registry } from '../../../src/ops/registry';
import { attr, GraphModelBuilder, type GraphModelFiles } from '../../support/graph-model-files';
import { withAttrs } from '../../support/graph-builder';
import { sessions } from '../../support/session';
import { expectValuesClose } from '../../support/tf';
import { expectImportSameAsTfjs, imported } from './same-as-tfjs';

const newSession = sessions();

function randomValues(n: number, seed: number): Float32Array {
  let s = seed;
  return Float32Array.from({ length: n }, () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return (s / 2 ** 31) * 2 - 1;
  });
}

const expectSameAsTfjs = (files: GraphModelFiles, feeds: Record<string, TensorLiteral>, outputs: string[]) =>
  expectImportSameAsTfjs(newSession, files, feeds, outputs);

describe('importing a tfjs GraphModel', () => {
  it('reads a dense network with a run-time reshape as tfjs runs it', async () => {
    const w1 = randomValues(4 * 8, 1);
    const files = new GraphModelBuilder()
      .placeholder('x', 'float32', [-1, 2, 2])
      .constant('w1', w1, [4, 8])
      .constant('b1', randomValues(8, 2), [8])
      .constant('w2', randomValues(8 * 3, 3), [8, 3])
      .constant('begin', [0], [1], 'int32')
      .constant('end', [1], [1], 'int32')
      .constant('strides', [1], [1], 'int32')
      .constant('minus_one', [-1], [], 'int32')
      .node('shape', 'Shape', ['x'], { T: attr.type('float32'), out_type: attr.type('int32') })
      .node('batch', 'StridedSlice', ['shape', 'begin', 'end', 'strides'], {
        T: attr.type('int32'),
        Index: attr.type('int32'),
        begin_mask: attr.i(0),
        end_mask: attr.i(0),
        ellipsis_mask: attr.i(0),
        new_axis_mask: attr.i(0),
        shrink_axis_mask: attr.i(1),
      })
      .node('flat_shape', 'Pack', ['batch', 'minus_one'], { T: attr.type('int32'), N: attr.i(2), axis: attr.i(0) })
      .node('flat', 'Reshape', ['x', 'flat_shape'], { T: attr.type('float32'), Tshape: attr.type('int32') })
      .node('dense1', 'MatMul', ['flat', 'w1'], {
        T: attr.type('float32'),
        transpose_a: attr.b(false),
        transpose_b: attr.b(false),
      })
      .node('biased', 'BiasAdd', ['dense1', 'b1'], { T: attr.type('float32'), data_format: attr.s('NHWC') })
      .node('relu', 'Relu', ['biased'], { T: attr.type('float32') })
      .node('logits', 'MatMul', ['relu', 'w2'], {
        T: attr.type('float32'),
        transpose_a: attr.b(false),
        transpose_b: attr.b(false),
      })
      .node('probs', 'Softmax', ['logits'], { T: attr.type('float32') })
      .withSignature({ x: ['x:0', 'float32', [-1, 2, 2]] }, { probs: ['probs:0', 'float32'] })
      .files();
    const x: TensorLiteral = { dtype: 'float32', shape: [5, 2, 2], values: randomValues(5 * 4, 4) };
    await expectSameAsTfjs(files, { x }, ['probs', 'flat_shape']);
  });

  it("reads the converter's fused convolutions and matmul as tfjs runs them", async () => {
    const conv = { T: attr.type('float32'), strides: attr.ints([1, 2, 2, 1]), padding: attr.s('SAME') };
    const files = new GraphModelBuilder()
      .placeholder('image', 'float32', [-1, 9, 9, 3])
      .constant('conv/filter', randomValues(3 * 3 * 3 * 4, 21), [3, 3, 3, 4], 'float32', 'uint8')
      .constant('conv/bias', randomValues(4, 22), [4])
      .constant('dw/filter', randomValues(3 * 3 * 4 * 2, 23), [3, 3, 4, 2], 'float32', 'float16')
      .constant('dw/bias', randomValues(8, 24), [8])
      .constant('dense/kernel', randomValues(8 * 5, 25), [8, 5])
      .constant('dense/bias', randomValues(5, 26), [5])
      .constant('pool/axes', [1, 2], [2], 'int32')
      .node('conv', '_FusedConv2D', ['image', 'conv/filter', 'conv/bias'], {
        ...conv,
        data_format: attr.s('NHWC'),
        dilations: attr.ints([1, 1, 1, 1]),
        use_cudnn_on_gpu: attr.b(true),
        explicit_paddings: attr.ints([]),
        fused_ops: attr.strings(['BiasAdd', 'Relu6']),
        num_args: attr.i(1),
        epsilon: attr.f(0),
      })
      .node('dw', 'FusedDepthwiseConv2dNative', ['conv', 'dw/filter', 'dw/bias'], {
        ...conv,
        strides: attr.ints([1, 1, 1, 1]),
        padding: attr.s('VALID'),
        data_format: attr.s('NHWC'),
        dilations: attr.ints([1, 1, 1, 1]),
        fused_ops: attr.strings(['BiasAdd', 'Relu']),
        num_args: attr.i(1),
      })
      .node('pool', 'Mean', ['dw', 'pool/axes'], {
        T: attr.type('float32'),
        Tidx: attr.type('int32'),
        keep_dims: attr.b(false),
      })
      .node('dense', '_FusedMatMul', ['pool', 'dense/kernel', 'dense/bias'], {
        T: attr.type('float32'),
        transpose_a: attr.b(false),
        transpose_b: attr.b(false),
        fused_ops: attr.strings(['BiasAdd', 'LeakyRelu']),
        num_args: attr.i(1),
        leakyrelu_alpha: attr.f(0.3),
        epsilon: attr.f(0),
      })
      .files();
    const image: TensorLiteral = { dtype: 'float32', shape: [2, 9, 9, 3], values: randomValues(2 * 9 * 9 * 3, 27) };
    await expectSameAsTfjs(files, { image }, ['dense', 'conv', 'dw']);
    expect(imported(files).notes.filter((n) => n.nodeId !== 'image')).toEqual([]);
  });

  it('keeps GraphDef names as node ids and weights as typed constants', () => {
    const w = randomValues(6, 5);
    const files = new GraphModelBuilder()
      .placeholder('model/input', 'float32', [-1, 3])
      .constant('model/dense/kernel', w, [3, 2])
      .node('model/dense/MatMul', 'MatMul', ['model/input', 'model/dense/kernel'], { T: attr.type('float32') })
      .files();
    const { graph, notes } = imported(files);
    expect(graph.nodes.map((n) => [n.id, n.op])).toEqual([
      ['model/input', 'Placeholder'],
      ['model/dense/kernel', 'Const'],
      ['model/dense/MatMul', 'MatMul'],
    ]);
    expect(graph.nodes[1]!.attrs.value).toEqual({ dtype: 'float32', shape: [3, 2], values: w });
    expect(graph.edges.map((e) => `${e.source}.${e.sourcePort}→${e.target}.${e.targetPort}`)).toEqual([
      'model/input.output→model/dense/MatMul.a',
      'model/dense/kernel.output→model/dense/MatMul.b',
    ]);
    expect(graph.nodes[0]!.attrs.value).toEqual({ dtype: 'float32', shape: [1, 3], values: new Float32Array(3) });
    expect(notes).toEqual([
      {
        nodeId: 'model/input',
        message: 'input model/input has shape [?, 3]; it holds zeros of shape [1, 3] until you set its value',
      },
    ]);
  });

  it('dequantizes uint8, uint16 and float16 weights as tfjs does', async () => {
    const values = randomValues(64, 7).map((v) => v * 3);
    const ids = Int32Array.from({ length: 16 }, (_, i) => i * 37 - 200);
    const files = new GraphModelBuilder()
      .constant('q8', values, [64], 'float32', 'uint8')
      .constant('q16', values, [64], 'float32', 'uint16')
      .constant('f16', values, [64], 'float32', 'float16')
      .constant('i8', ids, [16], 'int32', 'uint8')
      .node('s8', 'Identity', ['q8'], { T: attr.type('float32') })
      .node('s16', 'Identity', ['q16'], { T: attr.type('float32') })
      .node('sf16', 'Identity', ['f16'], { T: attr.type('float32') })
      .node('si8', 'Identity', ['i8'], { T: attr.type('int32') })
      .files();
    await expectSameAsTfjs(files, {}, ['s8', 's16', 'sf16', 'si8']);
    const { graph } = imported(files);
    const q8 = graph.nodes[0]!.attrs.value as TensorLiteral;
    // Quantization loses at most half a step: (max - min) / 255 / 2.
    expectValuesClose(q8.values, values, 6 / 255 / 2 + 1e-6);
  });

  it('imports an op Tensorloom lacks as an unsupported node, and runs what does not depend on it', async () => {
    const files = new GraphModelBuilder()
      .placeholder('x', 'float32', [3])
      .node('angle', 'Atan2', ['x', 'x'], { T: attr.type('float32') })
      .node('after', 'Neg', ['angle'], { T: attr.type('float32') })
      .node('apart', 'Sin', ['x'], { T: attr.type('float32') })
      .files();
    const { graph, notes } = imported(files);
    expect(graph.nodes.find((n) => n.id === 'angle')).toMatchObject({
      op: 'Unsupported',
      attrs: { tf_op: 'Atan2', num_inputs: 2, num_outputs: 1, reason: 'Tensorloom has no such op' },
    });
    expect(notes).toContainEqual({ nodeId: 'angle', message: 'Atan2 angle: Tensorloom has no such op' });
    const validation = validateGraph(graph, registry);
    expect(validation.diagnostics.find((d) => d.nodeId === 'angle')?.message).toBe(
      "Unsupported: TensorFlow's Atan2: Tensorloom has no such op",
    );
    const feed = withAttrs(graph, 'x', { value: { dtype: 'float32', shape: [3], values: [0, 1, 2] } });
    const report = await newSession().run(feed, { outputs: ['apart'] });
    expectValuesClose(report.outputs[0]!.summary.values, [0, Math.sin(1), Math.sin(2)], 1e-6);
  });

  it('keeps a node whose inputs do not fit the op as unsupported, saying why', () => {
    const files = new GraphModelBuilder()
      .placeholder('x', 'float32', [3])
      .node('odd', 'Neg', ['x', 'x'], { T: attr.type('float32') })
      .files();
    expect(imported(files).graph.nodes[1]).toMatchObject({
      op: 'Unsupported',
      attrs: { tf_op: 'Neg', reason: "it has 2 inputs; Tensorloom's Neg takes 1" },
    });
  });

  it('takes the shape of a random op from its input, as TensorFlow does', async () => {
    const files = new GraphModelBuilder()
      .constant('shape', [2, 3], [2], 'int32')
      .node('noise', 'RandomUniform', ['shape'], {
        T: attr.type('int32'),
        dtype: attr.type('float32'),
        seed: attr.i(7),
        seed2: attr.i(1),
      })
      .files();
    const { graph } = imported(files);
    const report = await newSession().run(graph, { outputs: ['noise'] });
    expect(report.outputs[0]!.summary.shape).toEqual([2, 3]);
    expect(report.outputs[0]!.summary.max).toBeLessThan(1);
  });

  it('reports control flow and the function library it needs, and drops NoOps with a note', () => {
    const files = new GraphModelBuilder()
      .placeholder('flag', 'bool', [])
      .placeholder('x', 'float32', [2])
      .node('cond', 'StatelessIf', ['flag', 'x'], { then_branch: { func: { name: 'then_fn' } } })
      .node('out', 'Identity', ['cond'], { T: attr.type('float32') })
      .node('init', 'NoOp', ['^x'])
      .withLibrary(['then_fn', 'else_fn'])
      .files();
    const { graph, notes } = imported(files);
    expect(graph.nodes.map((n) => n.id)).toEqual(['flag', 'x', 'cond', 'out']);
    expect(notes.map((n) => n.message)).toEqual([
      'StatelessIf cond: control flow (conditionals, loops, function calls) is not part of Tensorloom graphs',
      "left out 1 NoOp node (init): they only order TensorFlow's side effects",
      "the model's function library (then_fn, else_fn) holds control flow bodies, which Tensorloom does not run",
    ]);
  });

  it('reads weights split over several shards', async () => {
    const w = randomValues(300, 9);
    const files = new GraphModelBuilder()
      .constant('w', w, [300])
      .constant('k', randomValues(10, 10), [10])
      .node('y', 'Neg', ['w'], { T: attr.type('float32') })
      .files(256);
    expect(files.shards.size).toBe(5);
    await expectSameAsTfjs(files, {}, ['y', 'k']);
  });
});

describe('weight files that do not fit model.json', () => {
  const files = () =>
    new GraphModelBuilder()
      .constant('w', randomValues(100, 11), [100])
      .node('y', 'Neg', ['w'], { T: attr.type('float32') })
      .files(256);

  it('names the shards that were not given', () => {
    const { modelJson, shards } = files();
    const result = importGraphModel(modelJson, (p) => (p.includes('shard2') ? undefined : shards.get(p)), registry);
    expect(result).toMatchObject({
      ok: false,
      message: "the model's weights are in a file not given: group1-shard2of2.bin (give them with model.json)",
    });
  });

  it('says when a shard is cut short or too long', () => {
    const { modelJson, shards } = files();
    const short = importGraphModel(modelJson, (p) => shards.get(p)?.subarray(0, 100), registry);
    expect(short).toMatchObject({
      ok: false,
      message:
        "group1-shard1of2.bin + group1-shard2of2.bin: 200 bytes, but model.json's weights take 400; the file is cut short, or not the one model.json was written with",
    });
    const long = importGraphModel(
      modelJson,
      (p) => (p.includes('shard2') ? new Uint8Array(150) : shards.get(p)),
      registry,
    );
    expect(long).toMatchObject({
      ok: false,
      message:
        "group1-shard1of2.bin + group1-shard2of2.bin: 406 bytes, but model.json's weights take 400; the file is not the one model.json was written with",
    });
  });
});
