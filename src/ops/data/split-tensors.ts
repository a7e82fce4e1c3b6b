import type { Tensor, TF } from '../define-op';
import type { DatasetSplit } from './dataset';

/** A split's values as tensors, one per output port: what a dataset node gives. */
export function splitTensors(tf: TF, split: DatasetSplit): Record<string, Tensor> {
  const tensors: Record<string, Tensor> = {};
  for (const [port, { values, rowShape }] of split.ports)
    Object.defineProperty(tensors, port, {
      value: tf.tensor(values, [split.rows, ...rowShape], 'float32'),
      enumerable: true,
    });
  return tensors;
}

/** A split as tfjs code: a `const` per output port (named by `outputs`) holding its rows. */
export function splitCode(
  split: DatasetSplit,
  outputs: Readonly<Record<string, string>>,
  literal: (value: unknown) => string,
): { lines: string[] } {
  return {
    lines: [...split.ports].map(
      ([port, { values, rowShape }]) =>
        `const ${outputs[port]} = tf.tensor(${literal(Array.from(values))}, ${literal([split.rows, ...rowShape])});`,
    ),
  };
}
