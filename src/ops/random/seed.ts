import { attr } from '../../graph/attrs';

/** Each seed stays below this, so that the pair folds into one exact integer (2^26 · 2^26 < 2^53). */
const SEED_BOUND = 2 ** 26;

/** TensorFlow's pair of seeds; changing either changes the stream. */
export const seedAttrs = {
  seed: attr.int(0, { min: 0, max: SEED_BOUND - 1 }),
  seed2: attr.int(0, { min: 0, max: SEED_BOUND - 1 }),
};

/**
 * tfjs takes a single seed, so the pair is folded into one integer. It is offset by one because tfjs's normal
 * sampler takes a zero seed to mean "unseeded" and then draws from Math.random.
 */
export function tfjsSeed(seed: number, seed2: number): number {
  return seed * SEED_BOUND + seed2 + 1;
}
