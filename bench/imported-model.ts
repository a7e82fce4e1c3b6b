import * as tf from '@tensorflow/tfjs';
import { importGraphModel } from '../src/io/graph-model/import-graph-model';
import { validateGraph } from '../src/graph/validate';
import { withPositions } from '../src/layout/layout-graph';
import { nodeBoxes } from '../src/layout/node-box';
import { registry } from '../src/ops/registry';
import { attr, GraphModelBuilder, loadWithTfjs, type GraphModelFiles } from '../tests/support/graph-model-files';
import { withAttrs } from '../tests/support/graph-builder';
import { compiled, ms, random, runCompiled } from './compiled';
import { medians, type Row } from './measure';

/** The six depthwise-separable blocks of the run row: output channels and stride. */
const BLOCKS: readonly (readonly [number, number])[] = [
  [32, 1],
  [64, 2],
  [64, 1],
  [128, 2],
  [128, 1],
  [256, 2],
];

/**
 * A MobileNet-like model as tensorflowjs_converter writes one: a fused 3×3 stem, depthwise-separable
 * blocks (FusedDepthwiseConv2dNative then a fused 1×1 _FusedConv2D, both with BiasAdd and Relu6),
 * a global mean and a fused dense layer with softmax. 64×64 RGB in, 100 classes out.
 */
function mobileNetLike(blocks: readonly (readonly [number, number])[] = BLOCKS): GraphModelFiles {
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
  for (const [k, [out, stride]] of blocks.entries()) {
    weights(`block${k}/dw/filter`, [3, 3, channels, 1]);
    weights(`block${k}/dw/bias`, [channels]);
    b.node(`block${k}/dw`, 'FusedDepthwiseConv2dNative', [previous, `block${k}/dw/filter`, `block${k}/dw/bias`], {
      ...fused(['BiasAdd', 'Relu6']),
      strides: attr.ints([1, stride, stride, 1]),
      padding: attr.s('SAME'),
    });
    weights(`block${k}/pw/filter`, [1, 1, channels, out]);
    weights(`block${k}/pw/bias`, [out]);
    b.node(`block${k}/pw`, '_FusedConv2D', [`block${k}/dw`, `block${k}/pw/filter`, `block${k}/pw/bias`], {
      ...fused(['BiasAdd', 'Relu6']),
      strides: attr.ints([1, 1, 1, 1]),
      padding: attr.s('VALID'),
    });
    previous = `block${k}/pw`;
    channels = out;
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

/**
 * Importing a 1,000-node converter-style model (166 depthwise-separable blocks), against
 * tf.loadGraphModel of the same files (parsing the topology and building its weight tensors). The
 * import does more — checks the file against its schema, converts every attribute and weight into
 * the graph's own form — so the target allows twice the time. The layout that opening it in the
 * editor adds is timed beside.
 */
export async function importLargeModel(): Promise<Row> {
  const files = mobileNetLike(Array.from({ length: 166 }, () => [16, 1] as const));
  const text = JSON.stringify(files.modelJson);
  let nodes = 0;
  const t = await medians(
    {
      ours: () => {
        const imported = importGraphModel(JSON.parse(text), (p) => files.shards.get(p), registry);
        if (!imported.ok) throw new Error(imported.message);
        nodes = imported.graph.nodes.length;
      },
      theirs: async () =>
        (
          await loadWithTfjs(tf, { modelJson: JSON.parse(text) as GraphModelFiles['modelJson'], shards: files.shards })
        ).dispose(),
    },
    { rounds: 10, warmup: 2 },
  );
  const imported = importGraphModel(JSON.parse(text), (p) => files.shards.get(p), registry);
  if (!imported.ok) throw new Error(imported.message);
  const start = performance.now();
  await withPositions(imported.graph, nodeBoxes(imported.graph, validateGraph(imported.graph, registry)));
  const layout = performance.now() - start;
  const ratio = t.ours! / t.theirs!;
  return {
    name: 'import 1,000-node model ÷ tf.loadGraphModel',
    figure: ratio,
    target: '≤ 2.00',
    met: ratio <= 2,
    detail: `${nodes} nodes; ${ms(t.ours!)} vs ${ms(t.theirs!)}; laying it out as opening it does: ${ms(layout)}`,
  };
}
