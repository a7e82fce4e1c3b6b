import { readFileSync } from 'node:fs';
import type { Remote } from 'comlink';
import { beforeAll, expect, it } from 'vitest';
import type { TensorLiteral } from '../../src/graph/types';
import { parseGraphFile } from '../../src/io/graph-file';
import { RuntimeHost } from '../../src/runtime/host/runtime-host';
import { createDocumentStore } from '../../src/store/document-store';
import { TrainingRun } from '../../src/store/training-run';
import { createTrainingStore } from '../../src/store/training-store';
import { cpu, live } from '../support/tf';

const loaded = parseGraphFile(readFileSync(new URL('../../public/examples/playground.json', import.meta.url), 'utf8'));
if (!loaded.ok) throw new Error(loaded.error.message);
const playground = loaded.graph;

let host: RuntimeHost;
let baseline: number;
beforeAll(async () => {
  const tf = await cpu();
  host = new RuntimeHost(tf);
  await host.setBackend('cpu');
  baseline = live();
});

/**
 * The editor's run over a real runtime host (in this process instead of the frame);
 * `whileComputing` runs once, as the second chunk of steps has been asked for and not yet landed.
 */
function editorRun(whileComputing: (run: TrainingRun) => unknown) {
  const doc = createDocumentStore();
  doc.getState().load(playground, 'example');
  const state = createTrainingStore();
  let chunks = 0;
  const remote = new Proxy(host, {
    get: (target, key) =>
      key === 'trainSteps'
        ? (count: number) => {
            const chunk = target.trainSteps(count);
            if (++chunks === 2) void whileComputing(run);
            return chunk;
          }
        : Reflect.get(target, key, target),
  });
  const run = new TrainingRun(() => remote as unknown as Remote<RuntimeHost>, doc, state);
  return { state, run, doc };
}

it('shows "paused" only once the chunk under way has landed, and stays at that step', async () => {
  let whilePausing = '';
  const { state, run } = editorRun((run) => {
    run.pause();
    whilePausing = state.getState().status;
  });
  await run.start();
  // The chunk that was computing when Pause came still lands; until then the run is pausing.
  expect(whilePausing).toBe('pausing');
  const paused = state.getState();
  expect(paused.status).toBe('paused');
  expect(paused.steps).toBeGreaterThan(0);
  expect(paused.losses).toHaveLength(paused.steps);
  await new Promise((r) => setTimeout(r, 100));
  expect(state.getState().steps).toBe(paused.steps);
  await run.reset();
  expect(live()).toBe(baseline);
});

it('resumed while pausing, carries on in the one loop it had: every step counted once', async () => {
  const { state, run } = editorRun((run) => {
    run.pause();
    return run.resume();
  });
  await run.start();
  const done = state.getState();
  expect(done.status).toBe('done');
  expect(done.steps).toBe(done.target);
  expect(done.losses).toHaveLength(done.target);
  await run.reset();
  expect(live()).toBe(baseline);
});

it('stopped mid-run, ends where the chunk under way lands: no resuming, and Keep writes the weights it stopped at', async () => {
  let whileStopping = '';
  const { state, run, doc } = editorRun((run) => {
    run.stop();
    whileStopping = state.getState().status;
  });
  await run.start();
  expect(whileStopping).toBe('stopping');
  const stopped = state.getState();
  expect(stopped.status).toBe('stopped');
  expect(stopped.steps).toBe(20);
  await run.resume();
  expect(state.getState()).toBe(stopped);
  const trained = await host.trainedValues();
  await run.keep();
  const kept = doc.getState().graph.nodes.find((n) => n.id === 'W1')!.attrs['value'] as TensorLiteral;
  expect(Array.from(kept.values)).toEqual(trained['W1']!.values);
  expect(Array.from(kept.values)).not.toEqual(
    Array.from((playground.nodes.find((n) => n.id === 'W1')!.attrs['value'] as TensorLiteral).values),
  );
  expect(state.getState().status).toBe('idle');
  expect(live()).toBe(baseline);
});

it('reset mid-run drops the run: the document keeps the exact weights it had, and the host trains nothing', async () => {
  const { state, run, doc } = editorRun((run) => run.reset());
  const before = doc.getState().graph;
  await run.start();
  expect(state.getState().status).toBe('idle');
  expect(doc.getState().graph).toBe(before);
  await expect(host.trainedValues()).rejects.toThrow('no training run has started');
  expect(live()).toBe(baseline);
});
