/**
 * How a graph trains: TensorFlow's optimizers by their names (tfjs's `tf.train.*`), with the
 * settings each takes, and optional L1/L2 penalties on the trained weights. Plain data: it lives
 * in the graph document.
 */
export type OptimizerSpec =
  | { readonly name: 'sgd'; readonly learningRate: number }
  | {
      readonly name: 'momentum';
      readonly learningRate: number;
      readonly momentum: number;
      readonly useNesterov: boolean;
    }
  | {
      readonly name: 'adam';
      readonly learningRate: number;
      readonly beta1: number;
      readonly beta2: number;
      readonly epsilon: number;
    }
  | {
      readonly name: 'rmsprop';
      readonly learningRate: number;
      readonly decay: number;
      readonly momentum: number;
      readonly epsilon: number;
      readonly centered: boolean;
    }
  | { readonly name: 'adagrad'; readonly learningRate: number; readonly initialAccumulatorValue: number };

export type OptimizerName = OptimizerSpec['name'];

/** Keras's defaults (TensorFlow's optimizers as users meet them); Momentum's is SGD's 0.9 habit. */
export const OPTIMIZER_DEFAULTS: { readonly [N in OptimizerName]: Extract<OptimizerSpec, { name: N }> } = {
  sgd: { name: 'sgd', learningRate: 0.01 },
  momentum: { name: 'momentum', learningRate: 0.01, momentum: 0.9, useNesterov: false },
  adam: { name: 'adam', learningRate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 },
  rmsprop: { name: 'rmsprop', learningRate: 0.001, decay: 0.9, momentum: 0, epsilon: 1e-7, centered: false },
  adagrad: { name: 'adagrad', learningRate: 0.001, initialAccumulatorValue: 0.1 },
};

export const OPTIMIZER_NAMES = Object.keys(OPTIMIZER_DEFAULTS) as readonly OptimizerName[];

/** Penalties added to the loss: l1·Σ|w| and l2·Σw² over every trained variable (Keras's regularizers). */
export interface Regularization {
  readonly l1: number;
  readonly l2: number;
}

export interface OutputRef {
  readonly node: string;
  readonly port: string;
}

export interface TrainingSpec {
  /** The scalar to minimize: a node's output. */
  readonly loss: OutputRef;
  /** How many steps a training run takes unless told otherwise. */
  readonly steps: number;
  /**
   * When set, how long a run trains instead of `steps`: whole passes over the training split of
   * the graph's (first) dataset node.
   */
  readonly epochs?: number;
  readonly optimizer: OptimizerSpec;
  readonly regularization: Regularization;
  /**
   * A binary classifier's accuracy on the test split: `prediction` (a probability) above one half
   * where `labels` is 1, else at or below it.
   */
  readonly accuracy?: { readonly prediction: OutputRef; readonly labels: OutputRef };
  /**
   * Placeholders a run feeds from another output (a dataset's, a generator's) instead of their
   * value, as a `feed_dict` would: a graph built around placeholders trains without rewiring.
   */
  readonly feeds?: readonly TrainingFeed[];
}

export interface TrainingFeed {
  /** A Placeholder's node id. */
  readonly placeholder: string;
  readonly from: OutputRef;
}
