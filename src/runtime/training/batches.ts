import { seededUniform, shuffled, takeRows, type Dataset, type DatasetSplit } from '../../ops/data/dataset';
import type { Tensor, TF } from '../../ops/define-op';

/**
 * A dataset node's training split served in batches: each epoch visits every example once, in an
 * order drawn from the dataset's seed (so the same seed trains the same way); a batch that would
 * cross into the next epoch is cut short there.
 */
export class Batches {
  private readonly random: () => number;
  private order: Int32Array;
  private cursor = 0;
  private epochs = 0;

  constructor(private readonly dataset: Dataset) {
    this.random = seededUniform(dataset.seed);
    this.order = shuffled(dataset.train.rows, this.random);
  }

  /** Whole epochs completed. */
  get epoch(): number {
    return this.epochs;
  }

  /** The next batch, as the rows of each output port. */
  next(): DatasetSplit {
    const { train, batchSize } = this.dataset;
    const end = Math.min(this.cursor + batchSize, train.rows);
    const batch = takeRows(train, this.order, this.cursor, end);
    this.cursor = end;
    if (this.cursor === train.rows) {
      this.epochs++;
      this.cursor = 0;
      this.order = shuffled(train.rows, this.random);
    }
    return batch;
  }
}

/** A split's values as tensors, one per output port. */
export function splitTensors(tf: TF, split: DatasetSplit): Record<string, Tensor> {
  const tensors: Record<string, Tensor> = {};
  for (const [port, { values, rowShape }] of split.ports)
    Object.defineProperty(tensors, port, {
      value: tf.tensor(values, [split.rows, ...rowShape], 'float32'),
      enumerable: true,
    });
  return tensors;
}
