import type { Graph } from '../../graph/types';
import type { TF } from '../../ops/define-op';
import type { ScriptWatch } from '../forward';
import { Trainer } from './trainer';

/** Milliseconds per training step, eager and compiled; or why the graph cannot train. */
export type TrainingComparison =
  | { readonly ok: true; readonly eager: number; readonly graph: number; readonly steps: number }
  | { readonly ok: false; readonly error: string };

const ROUNDS = 4;
const STEPS_A_ROUND = 5;

/**
 * Times training steps of the graph's setup taken eagerly and compiled once, on throwaway trainers
 * from the graph's weights (the document is untouched), in alternating rounds so that a machine
 * busy for a moment slows both alike.
 */
export async function compareTraining(
  tf: TF,
  graph: Graph,
  options: { watch?: ScriptWatch; maxBytes?: number },
): Promise<TrainingComparison> {
  const spec = graph.training;
  if (!spec) return { ok: false, error: 'the graph has no training setup' };
  const trainers: Trainer[] = [];
  try {
    for (const mode of ['eager', 'graph'] as const) {
      const made = Trainer.create(tf, graph, spec, { ...options, mode });
      if (!made.ok) return { ok: false, error: made.error };
      trainers.push(made.trainer);
    }
    const ms = [0, 0];
    for (let round = 0; round < ROUNDS; round++)
      for (const [k, trainer] of trainers.entries()) {
        const start = performance.now();
        for (let i = 0; i < STEPS_A_ROUND; i++) {
          const outcome = await trainer.step();
          if (!outcome.ok) return { ok: false, error: outcome.error };
        }
        ms[k]! += performance.now() - start;
      }
    const steps = ROUNDS * STEPS_A_ROUND;
    return { ok: true, eager: ms[0]! / steps, graph: ms[1]! / steps, steps };
  } finally {
    for (const trainer of trainers) trainer.dispose();
  }
}
