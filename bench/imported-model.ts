import * as tf from '@tensorflow/tfjs';
import { importGraphModel } from '../src/io/graph-model/import-graph-model';
import { registry } from '../src/ops/registry';
import { attr, GraphModelBuilder, loadWithTfjs, type GraphModelFiles } from '../tests/support/graph-model-files';
import { withAttrs } from '../tests/support/graph-builder';
import { compiled, ms, random, runCompiled } from './compiled';
import { medians, type Row } from './measure';

/**
 * A MobileNet-like model as tensorflowjs_converter writes one: a fused 3×3 stem, depthwise-separable
 * blocks (FusedDepthwiseConv2dNative then a fused 1×1 _FusedConv2D, both with BiasAdd and Relu6),
 * a global mean and a fused dense layer with softmax. 64×64 RGB in, 100 classes out.
 */
function mobileNetLike(): GraphModelFiles {
  const b = new GraphModelBuilder().placeholder('input', 'float32', [1, 64, 64, 3]);
  const fused = (ops: string[]) => ({
    T: attr.type('float32'),
    data_format: attr.s('NHWC'),
    dilations: attr.ints([1, 1, 1, 1]),
    fused_ops: attr.strings(ops),
    num_args: attr.i(1),
  });
  let seed = 1;
  const weights = (name: string, shape: number[]) =>
    b.constant(
      name,
      random(
        shape.reduce((x, y) => x * y),
        seed++,
      ).map((v) => v * 0.3),
      shape,
    );
  weights('stem/filter', [3, 3, 3, 16]);
  weights('stem/bias', [16]);
  b.node('stem', '_FusedConv2D', ['input', 'stem/filter', 'stem/bias'], {
    ...fused(['BiasAdd', 'Relu6']),
    strides: attr.ints([1, 2, 2, 1]),
    padding: attr.s('SAME'),
  });
  let previous = 'stem';
  let channels = 16;
  for (const [k, [out, stride]] of [
    [32, 1],
    [64, 2],
    [64, 1],
    [128, 2],
    [128, 1],
    [256, 2],
  ].entries()) {
    weights(`block${k}/dw/filter`, [3, 3, channels, 1]);
    weights(`block${k}/dw/bias`, [channels]);
    b.node(`block${k}/dw`, 'FusedDepthwiseConv2dNative', [previous, `block${k}/dw/filter`, `block${k}/dw/bias`], {
      ...fused(['BiasAdd', 'Relu6']),
      strides: attr.ints([1, stride!, stride!, 1]),
      padding: attr.s('SAME'),
    });
    weights(`block${k}/pw/filter`, [1, 1, channels, out!]);
    weights(`block${k}/pw/bias`, [out!]);
    b.node(`block${k}/pw`, '_FusedConv2D', [`block${k}/dw`, `block${k}/pw/filter`, `block${k}/pw/bias`], {
      ...fused(['BiasAdd', 'Relu6']),
      strides: attr.ints([1, 1, 1, 1]),
      padding: attr.s('VALID'),
    });
    previous = `block${k}/pw`;
    channels = out!;
  }
  b.constant('pool/axes', [1, 2], [2], 'int32');
  b.node('pool', 'Mean', [previous, 'pool/axes'], { T: attr.type('float32'), keep_dims: attr.b(false) });
  weights('logits/kernel', [channels, 100]);
  weights('logits/bias', [100]);
  b.node('logits', '_FusedMatMul', ['pool', 'logits/kernel', 'logits/bias'], {
    T: attr.type('float32'),
    fused_ops: attr.strings(['BiasAdd']),
    num_args: attr.i(1),
  });
  b.node('probs', 'Softmax', ['logits'], { T: attr.type('float32') });
  return b.files();
}

/**
 * A converter-style model imported and run in graph mode, against tfjs's own GraphModel.execute of
 * the same files on the same backend: each run uploads the same image from a typed array and reads
 * the class probabilities back.
 */
export async function importedModelRun(): Promise<Row> {
  const files = mobileNetLike();
  const image = Float32Array.from(random(64 * 64 * 3, 99));
  const imported = importGraphModel(files.modelJson, (p) => files.shards.get(p), registry);
  if (!imported.ok) throw new Error(imported.message);
  const graph = withAttrs(imported.graph, 'input', {
    value: { dtype: 'float32', shape: [1, 64, 64, 3], values: image },
  });
  const ours = compiled(graph);
  const model = await loadWithTfjs(tf, files);
  const theirs = async () => {
    const x = tf.tensor(image, [1, 64, 64, 3]);
    const probs = model.execute(x, 'probs') as tf.Tensor;
    await probs.data();
    tf.dispose([x, probs]);
  };
  const t = await medians({ ours: () => runCompiled(ours), theirs }, { rounds: 20, warmup: 3 });
  model.dispose();
  ours.plan.dispose();
  const ratio = t.ours! / t.theirs!;
  return {
    name: 'imported model: graph ÷ GraphModel.execute',
    figure: ratio,
    target: '≤ 1.00',
    met: ratio <= 1,
    detail: `${imported.graph.nodes.length} nodes; ${ms(t.ours!)} vs ${ms(t.theirs!)} (MobileNet-like, 64×64 input)`,
  };
}
