import { attr } from '../../graph/attrs';
import { InferError } from '../../graph/op-signature';
import { defineOp, type Tensor } from '../define-op';
import { CsvError, parseCsv, pickColumns } from './csv-table';
import { splitRows, type Dataset, type DatasetSplit } from './dataset';

/** Large enough for a few hundred thousand cells, small enough that the graph carrying it stays easy to share. */
const MAX_BYTES = 8 * 1024 * 1024;

interface CsvAttrs {
  readonly file: string;
  readonly features: string;
  readonly label: string;
  readonly test_fraction: number;
  readonly seed: number;
}

function fileText(dataUrl: string): string {
  const binary = atob(dataUrl.slice(dataUrl.indexOf(',') + 1));
  return new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

/** The file's examples split for training; a file that cannot be read as the attributes say is an InferError on the node. */
function splits({ file, features, label, test_fraction, seed }: CsvAttrs): {
  train: DatasetSplit;
  test: DatasetSplit;
  width: number;
} {
  if (!file) throw new InferError('attr', 'open a CSV file (a header row, then numbers)', { attr: 'file' });
  try {
    const table = parseCsv(fileText(file));
    const named = features
      .split(',')
      .map((f) => f.trim())
      .filter(Boolean);
    const featureNames = named.length ? named : [...table.columns.keys()].filter((c) => c !== label);
    const [labels] = pickColumns(table, [label]);
    const columns = pickColumns(table, featureNames);
    const values = new Float32Array(table.rows * columns.length);
    for (let r = 0; r < table.rows; r++) columns.forEach((column, c) => (values[r * columns.length + c] = column[r]!));
    const all = {
      rows: table.rows,
      ports: new Map([
        ['features', { values, rowShape: [columns.length] }],
        ['labels', { values: labels!, rowShape: [1] }],
      ]),
    };
    return { ...splitRows(all, test_fraction, seed), width: columns.length };
  } catch (e) {
    if (e instanceof CsvError) throw new InferError('attr', `the CSV file: ${e.message}`, { attr: 'file' });
    throw e;
  }
}

/**
 * Examples from a CSV file with a header row: the `features` columns (n×k) and the `label` column
 * (n×1), as numbers. A run gives the training split; a training run feeds a batch a step and tests
 * on the rest. The graph carries the file, so it runs anywhere.
 */
export const CsvDataset = defineOp({
  name: 'CsvDataset',
  category: 'inputs',
  doc: 'Examples from a CSV file: feature columns and a label column, split for training and testing.',
  inputs: {},
  outputs: ['features', 'labels'],
  attrs: {
    file: attr.file({ maxBytes: MAX_BYTES, doc: 'a CSV file: a header row, then numbers' }),
    features: attr.text('', { doc: 'the feature columns, comma-separated; empty: every column but the label' }),
    label: attr.text('label', { doc: 'the column to predict' }),
    test_fraction: attr.float(0.2, { min: 0, max: 0.9, doc: 'the share of rows kept for testing' }),
    batch_size: attr.int(10, { min: 1, max: 100_000, doc: 'rows per training step' }),
    seed: attr.int(1, { min: 0, max: 2 ** 31 - 1, doc: 'the same seed, the same split and batches' }),
  },
  kind: 'random',
  differentiable: false,
  infer: (_, attrs) => {
    const { train, width } = splits(attrs);
    return {
      features: { dtype: 'float32', shape: [train.rows, width] },
      labels: { dtype: 'float32', shape: [train.rows, 1] },
    };
  },
  forward: (tf, _, attrs) => {
    const { train } = splits(attrs);
    const tensor = (port: string): Tensor => {
      const { values, rowShape } = train.ports.get(port)!;
      return tf.tensor(values, [train.rows, ...rowShape], 'float32');
    };
    return { features: tensor('features'), labels: tensor('labels') };
  },
  dataset: (attrs): Dataset => ({ ...splits(attrs), batchSize: attrs.batch_size, seed: attrs.seed }),
  // The module holds the training split the node gives outside training.
  code: ({ attrs, outputs, literal }) => {
    const { train, width } = splits(attrs);
    const line = (port: 'features' | 'labels', columns: number) =>
      `const ${outputs[port]} = tf.tensor2d(${literal(Array.from(train.ports.get(port)!.values))}, [${train.rows}, ${columns}]);`;
    return { lines: [line('features', width), line('labels', 1)] };
  },
});
