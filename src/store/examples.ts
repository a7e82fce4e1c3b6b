import type { DocumentSettings } from '../graph/document-settings';
import type { Graph } from '../graph/types';
import { parseGraphFile } from '../io/graph-file';

export interface Example {
  readonly file: string;
  readonly title: string;
}

/** The example graphs shipped in public/examples, in menu order; the first opens by default. */
export const EXAMPLES: readonly Example[] = [
  { file: 'sin-times-two.json', title: 'y = sin(x) · 2' },
  { file: 'log.json', title: 'y = log(x)' },
  { file: 'optimizer.json', title: "Graph mode's optimizer: prune, fold, CSE, simplify" },
  { file: 'mlp.json', title: 'MLP forward pass with a loss' },
  { file: 'playground.json', title: 'Playground: train a classifier' },
  { file: 'regression.json', title: 'Linear regression on a CSV file' },
  { file: 'conv-bars.json', title: 'Convolutional classifier on generated images' },
  { file: 'pictures.json', title: 'Pictures: heatmap, image, edges' },
  { file: 'seed-py-function.json', title: 'Seed: py_function with a custom gradient' },
  { file: 'seed-numpy-function.json', title: 'Seed: numpy_function with a custom gradient' },
  { file: 'seed-custom-op.json', title: 'Seed: a custom op, x · 2' },
  { file: 'seed-random-source.json', title: 'Seed: a random-data source' },
  { file: 'seed-image-preprocessing.json', title: 'Seed: preprocessing an image file' },
  { file: 'seed-complex-data.json', title: 'Seed: images, labels and metadata' },
];

export async function loadExample(example: Example): Promise<Graph> {
  return (await loadExampleFile(example.file)).graph;
}

/** A file under public/examples/ with the settings it carries (a lesson's graph says how it runs). */
export async function loadExampleFile(file: string): Promise<{ graph: Graph; settings?: DocumentSettings }> {
  const response = await fetch(`${import.meta.env.BASE_URL}examples/${file}`);
  if (!response.ok) throw new Error(`cannot load ${file}: HTTP ${response.status}`);
  const loaded = parseGraphFile(await response.text());
  if (!loaded.ok) throw new Error(`${file}: ${loaded.error.message}`);
  return { graph: loaded.graph, ...(loaded.settings && { settings: loaded.settings }) };
}
