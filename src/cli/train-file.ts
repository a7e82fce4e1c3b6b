import { writeFile } from 'node:fs/promises';
import { setValues } from '../graph/edits';
import type { DocumentSettings } from '../graph/document-settings';
import type { TrainingSpec } from '../graph/training';
import type { Graph } from '../graph/types';
import { validateGraph } from '../graph/validate';
import { serializeGraph } from '../io/export';
import { registry } from '../ops/registry';
import type { BackendName } from '../runtime/backend';
import { chooseRuntime } from './choose-runtime';
import type { CliRuntime } from './cli-runtime';
import { NOT_TRUSTED, scriptNodeIds } from './left-out';
import { readGraphFile } from './read-graph-file';
import type { ScriptPlace } from './run-file';
import { shown, shownList, shownMessage } from './terminal-text';

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
 * `tensorloom train`: trains the file's graph as its training setup says (in a watched, sandboxed
 * process when it has scripts, which `place` must allow), printing the loss (and the test split's
 * loss and accuracy, where it has a dataset node) as it goes; with `out`, writes the graph with its
 * variables holding the trained values. Exit status as `run`'s.
 */
export async function trainFile(file: string, options: TrainFileOptions, place: ScriptPlace): Promise<number> {
  const processes = 'processes' in place ? place.processes : null;
  let runtime: CliRuntime | null = null;
  try {
    const loaded = await readGraphFile(file);
    if (!loaded) return 1;
    const { graph } = loaded;
    const setup = graph.training;
    if (!setup) {
      console.error(`error: ${file} has no training setup (its "training": loss, steps, optimizer, regularization)`);
      return 1;
    }
    const scripts = scriptNodeIds(validateGraph(graph, registry));
    if (scripts.length && !processes) {
      const why = 'refused' in place ? `not run: ${place.refused}` : NOT_TRUSTED;
      console.error(`error: ${file} was not trained: its script nodes (${shownList(scripts)}) were ${why}`);
      return 1;
    }
    runtime = await chooseRuntime(scripts.length > 0, processes, options.backend, null);
    return await train(graph, lengthened(setup, options.length), runtime, options, loaded.settings);
  } catch (e) {
    console.error(`error: ${shownMessage((e as Error).message)}`);
    return 1;
  } finally {
    await runtime?.stop();
    await processes?.stop();
  }
}

/**
 * Trains in chunks that end where a progress line is due, so that the runtime tests the model just
 * there; the exit status.
 */
async function train(
  graph: Graph,
  spec: TrainingSpec,
  runtime: CliRuntime,
  options: TrainFileOptions,
  settings?: DocumentSettings,
): Promise<number> {
  const started = await runtime.startTraining({ ...graph, training: spec });
  if ('reason' in started) return failed(started.nodeId, started.reason, ' (as training started)');
  if (!started.ok) return failed(started.nodeId, started.error, '');
  const steps = started.target;
  const log: Logged[] = [];
  const start = performance.now();
  for (let done = 0; done < steps;) {
    const count = Math.min(options.every, steps - done);
    const chunk = await runtime.trainSteps(count);
    // Which step of the chunk a killed script was in is not known: the process that knew is gone.
    if ('reason' in chunk) return failed(chunk.nodeId, chunk.reason, ` (in ${stepsOf(done + 1, done + count)})`);
    if (chunk.failure) {
      const where =
        chunk.losses.length < count
          ? `in step ${done + chunk.losses.length + 1}`
          : `testing after step ${done + count}`;
      return failed(chunk.failure.nodeId, chunk.failure.error, ` (${where})`);
    }
    done += count;
    const { test } = chunk;
    const entry = {
      step: done,
      loss: chunk.losses.at(-1)!,
      testLoss: test?.loss ?? null,
      testAccuracy: test?.accuracy ?? null,
    };
    log.push(entry);
    if (!options.json) console.log(progressLine(entry, chunk.epochs));
  }
  const seconds = (performance.now() - start) / 1000;
  if (options.out)
    await writeFile(
      options.out,
      serializeGraph(setValues(graph, new Map(Object.entries(await runtime.trainedValues()))), settings),
    );
  if (options.json) console.log(JSON.stringify({ steps, seconds, log, spec }, null, 2));
  else
    console.log(
      `\n${steps} steps of ${describe(spec)} in ${seconds.toFixed(2)} s (${(steps / seconds).toFixed(0)} steps/s)` +
        (options.out ? `; trained graph written to ${options.out}` : ''),
    );
  return 0;
}

/** Says what stopped training, at which node and where; the exit status. */
function failed(nodeId: string | null, error: string, where: string): number {
  console.error(`error${nodeId === null ? '' : ` at node ${shown(nodeId)}`}: ${shownMessage(error)}${where}`);
  return 1;
}

function stepsOf(first: number, last: number): string {
  return first === last ? `step ${first} or the test after it` : `steps ${first}–${last} or the test after them`;
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
