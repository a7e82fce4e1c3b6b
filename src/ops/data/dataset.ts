/** One split of a dataset: `rows` examples, per output port its values, row after row. */
export interface DatasetSplit {
  readonly rows: number;
  readonly ports: ReadonlyMap<string, { readonly values: Float32Array; readonly rowShape: readonly number[] }>;
}

/**
 * What a dataset node serves a training run: a split to train on, in batches shuffled each epoch
 * from `seed`, and one to test on. Outside training the node gives its whole training split.
 */
export interface Dataset {
  readonly train: DatasetSplit;
  readonly test: DatasetSplit;
  readonly batchSize: number;
  readonly seed: number;
}

/** A generator of numbers in [0, 1) from a 32-bit seed (mulberry32): the same seed, the same data. */
export function seededUniform(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** The indices 0..n-1 in an order drawn from `random` (Fisher–Yates). */
export function shuffled(n: number, random: () => number): Int32Array {
  const order = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

/** The rows `order[from..to)` of a split, as a new split. */
export function takeRows(split: DatasetSplit, order: ArrayLike<number>, from: number, to: number): DatasetSplit {
  const ports = new Map<string, { values: Float32Array; rowShape: readonly number[] }>();
  for (const [port, { values, rowShape }] of split.ports) {
    const width = rowShape.reduce((a, b) => a * b, 1);
    const taken = new Float32Array((to - from) * width);
    for (let r = from; r < to; r++)
      taken.set(values.subarray(order[r]! * width, (order[r]! + 1) * width), (r - from) * width);
    ports.set(port, { values: taken, rowShape });
  }
  return { rows: to - from, ports };
}

/**
 * A dataset's examples split into training and test rows: which rows are kept for testing is drawn
 * from `seed` apart from the examples, so that changing the share leaves them as they are; each
 * split keeps the rows in their order.
 */
export function splitRows(
  all: DatasetSplit,
  testFraction: number,
  seed: number,
): { train: DatasetSplit; test: DatasetSplit } {
  const drawn = shuffled(all.rows, seededUniform(seed ^ 0x9e3779b9));
  const tests = Math.round(all.rows * testFraction);
  const inOrder = (from: number, to: number) => drawn.slice(from, to).sort();
  return {
    train: takeRows(all, inOrder(tests, all.rows), 0, all.rows - tests),
    test: takeRows(all, inOrder(0, tests), 0, tests),
  };
}
