import { writeFile } from 'node:fs/promises';
import type { TrainingSpec } from '../graph/training';
import type { Graph, TensorLiteral } from '../graph/types';
import { serializeGraph } from '../io/export';
import type { BackendName } from '../runtime/backend';
import { readGraphFile } from './read-graph-file';
import { shown, shownMessage } from './terminal-text';

export interface TrainFileOptions {
  readonly backend: BackendName;
  /** Overrides how long the file's setup trains: so many steps, or so many epochs. */
  readonly length: { readonly steps: number } | { readonly epochs: number } | null;
  /** Print the loss (and the test figures) every this many steps. */
  readonly every: number;
  readonly out: string | null;
  readonly json: boolean;
}

interface Logged {
  readonly step: number;
  readonly loss: number;
  readonly testLoss: number | null;
  readonly testAccuracy: number | null;
}

/**
 * `tensorloom train`: trains the file's graph as its training setup says, printing the loss (and
 * the test split's loss and accuracy, where it has a dataset node) as it goes; with `out`, writes
 * the graph with its variables holding the trained values. Exit status as `run`'s.
 */
export async function trainFile(file: string, options: TrainFileOptions): Promise<number> {
  const loaded = await readGraphFile(file);
  if (!loaded) return 1;
  const { graph } = loaded;
  const setup = graph.training;
  if (!setup) {
    console.error(`error: ${file} has no training setup (its "training": loss, steps, optimizer, regularization)`);
    return 1;
  }
  const script = graph.nodes.find((n) => n.op === 'TensorScript' || n.op === 'ArrayScript');
  if (script) {
    console.error(`error: ${shown(script.id)} is a script node: tensorloom train does not run scripts yet`);
    return 1;
  }
  const [tf, { Trainer }, { selectBackend }] = await Promise.all([
    import('@tensorflow/tfjs'),
    import('../runtime/training/trainer'),
    import('../runtime/backend'),
  ]);
  tf.enableProdMode();
  await selectBackend(tf, options.backend);
  const spec = lengthened(setup, options.length);
  const made = Trainer.create(tf, graph, spec);
  if (!made.ok) {
    console.error(`error${made.nodeId === null ? '' : ` at node ${shown(made.nodeId)}`}: ${shownMessage(made.error)}`);
    return 1;
  }
  const { trainer } = made;
  const steps = trainer.targetSteps;
  const log: Logged[] = [];
  const start = performance.now();
  try {
    for (let step = 1; step <= steps; step++) {
      const outcome = await trainer.step();
      if (!outcome.ok) {
        console.error(`error at node ${shown(outcome.nodeId)}: ${shownMessage(outcome.error)}`);
        return 1;
      }
      if (step % options.every !== 0 && step !== steps) continue;
      const test = await trainer.evaluate();
      const entry = { step, loss: outcome.loss, testLoss: test?.loss ?? null, testAccuracy: test?.accuracy ?? null };
      log.push(entry);
      if (!options.json) console.log(progressLine(entry, trainer.epochs));
    }
    const seconds = (performance.now() - start) / 1000;
    const trained = withValues(graph, await trainer.values());
    if (options.out) await writeFile(options.out, serializeGraph(trained));
    if (options.json) console.log(JSON.stringify({ steps, seconds, log, spec }, null, 2));
    else
      console.log(
        `\n${steps} steps of ${describe(spec)} in ${seconds.toFixed(2)} s (${(steps / seconds).toFixed(0)} steps/s)` +
          (options.out ? `; trained graph written to ${options.out}` : ''),
      );
    return 0;
  } finally {
    trainer.dispose();
  }
}

/** The setup with the run's length the command line gives, if it gives one. */
function lengthened(setup: TrainingSpec, length: TrainFileOptions['length']): TrainingSpec {
  if (!length) return setup;
  const { epochs: _, ...rest } = setup;
  return { ...rest, ...length };
}

function progressLine({ step, loss, testLoss, testAccuracy }: Logged, epochs: number): string {
  const test =
    testLoss === null
      ? ''
      : `  test loss ${testLoss.toPrecision(4)}` +
        (testAccuracy === null ? '' : `  test accuracy ${(testAccuracy * 100).toFixed(1)} %`);
  return `step ${String(step).padStart(6)}  loss ${loss.toPrecision(4)}${test}  (epoch ${epochs})`;
}

function describe({ optimizer }: TrainingSpec): string {
  return `${optimizer.name} (learning rate ${optimizer.learningRate})`;
}

/** The graph with each trained variable holding its trained value. */
function withValues(graph: Graph, values: ReadonlyMap<string, TensorLiteral>): Graph {
  return {
    ...graph,
    nodes: graph.nodes.map((n) => {
      const value = values.get(n.id);
      return value ? { ...n, attrs: { ...n.attrs, value } } : n;
    }),
  };
}
