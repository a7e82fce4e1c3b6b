import { SCRIPT_HELPERS } from '../codegen/script-functions';
import type { CodeHelper } from '../../ops/define-op';

/** The generator's own helpers, beside those the ops ask for. */

export const CHECK: CodeHelper = {
  name: 'check',
  source: `/** Raises where TensorFlow does: \`failed\` makes a bool scalar from a step's inputs. */
async function check(failed: () => tf.Tensor, message: string): Promise<void> {
  const flag = tf.tidy(failed);
  const [value] = await flag.data();
  flag.dispose();
  if (value) throw new Error(message);
}`,
};

export const LIST_OF: CodeHelper = {
  name: 'listOf',
  source: `/** The values of a tensor that supplies a list attribute (Reshape's shape), as TensorFlow takes them. */
async function listOf(t: tf.Tensor): Promise<number[]> {
  return Array.from(await t.data());
}`,
};

export const VALUE_OF: CodeHelper = {
  name: 'valueOf',
  source: `/** The value of a scalar tensor that supplies an attribute (Fill's value), as TensorFlow takes it. */
async function valueOf(t: tf.Tensor): Promise<number> {
  const [value] = await t.data();
  if (value === undefined) throw new Error(\`expected a single value, got a tensor of shape [\${t.shape.join(', ')}]\`);
  return value;
}`,
};

export const OWN: CodeHelper = {
  name: 'own',
  source: `/** A script may return an input as it is: its outputs as tensors of their own, which freeing the input leaves alone. */
function own(outputs: tf.Tensor[], inputs: tf.Tensor[]): tf.Tensor[] {
  return outputs.map((t) => (inputs.includes(t) ? t.clone() : t));
}`,
};

export const TIDY_AWAITING: CodeHelper = {
  name: 'tidyAwaiting',
  source: `/**
 * Runs a tensor script that awaits in a scope like tf.tidy's that spans its awaits, as Tensorloom
 * runs it: what it makes and does not return is freed. Runs of this module must not overlap then.
 */
async function tidyAwaiting(script: () => Promise<tf.Tensor[]>): Promise<tf.Tensor[]> {
  const engine = tf.engine();
  engine.startScope();
  let outputs: tf.Tensor[] | undefined;
  try {
    outputs = await script();
    return outputs;
  } finally {
    engine.endScope(outputs);
  }
}`,
};

export const SCOPE: CodeHelper = {
  name: 'Scope',
  source: `/**
 * What a run has made and not yet freed. tf.tidy cannot span awaits, so a run that awaits frees
 * each value after its last reader, and what is left when a step throws.
 */
class Scope {
  private readonly live = new Set<tf.Tensor>();

  track<T extends tf.Tensor | tf.Tensor[]>(made: T): T {
    for (const t of [made].flat()) this.live.add(t);
    return made;
  }

  free(...values: tf.Tensor[]): void {
    for (const t of values) {
      this.live.delete(t);
      t.dispose();
    }
  }

  /** The outputs, which the caller frees. */
  keep<T extends object>(outputs: T): T {
    for (const value of Object.values(outputs)) {
      if (value instanceof tf.Tensor) this.live.delete(value);
      else this.keep(value as object);
    }
    return outputs;
  }

  dispose(): void {
    this.free(...this.live);
  }
}`,
};

export const WEIGHT: CodeHelper = {
  name: 'weight',
  source: `/** The weight \`offset\` bytes into the shards, stored little-endian as tfjs GraphModels store them. */
function weight(bytes: Uint8Array, offset: number, shape: number[], dtype: 'float32' | 'int32' | 'bool'): tf.Tensor {
  const count = shape.reduce((n, d) => n * d, 1);
  const own = bytes.slice(offset, offset + count * (dtype === 'bool' ? 1 : 4)).buffer;
  const values = dtype === 'float32' ? new Float32Array(own) : dtype === 'int32' ? new Int32Array(own) : new Uint8Array(own);
  return tf.tensor(values, shape, dtype);
}`,
};

/** Names the generated module gives its own parts, which no variable may take. */
export const MODULE_NAMES = [
  'tf',
  'inputs',
  'weights',
  'scope',
  'run',
  'loadWeights',
  'Inputs',
  'Outputs',
  'Weights',
  ...[CHECK, LIST_OF, VALUE_OF, OWN, TIDY_AWAITING, SCOPE, WEIGHT].map((h) => h.name),
  ...Array.from(SCRIPT_HELPERS.matchAll(/^(?:async function|function|type) (\w+)/gm), ([, name]) => name!),
];
