/**
 * The differential suite's page in Chromium: replays fixtures through Tensorloom's runtime on the
 * WebGPU backend (the backend users get by default). tests/e2e/tf-agreement.test.ts bundles and drives it.
 */
import * as tf from '@tensorflow/tfjs';
import type { Graph } from '../../src/graph/types';
import { selectBackend } from '../../src/runtime/backend';
import { Session } from '../../src/runtime/session';
import type { Fixture } from './fixture';
import { replayCase, WEBGPU_TOLERANCE } from './replay';

export interface CaseResult {
  readonly title: string;
  readonly problems: readonly string[];
  readonly leaked: number;
}

/**
 * Every case, twice: on the GPU's kernels, then as users' small tensors run. tfjs's WebGPU backend
 * hands an op whose inputs are still in host memory and under 1,000 elements to its CPU kernels,
 * which would otherwise run almost every case here; its own glue then runs as well.
 */
async function replayFixture(fixture: Fixture): Promise<CaseResult[]> {
  const choice = await selectBackend(tf, 'auto');
  if (choice.name !== 'webgpu') throw new Error(`this page needs WebGPU, but runs on ${choice.name}: ${choice.reason}`);
  const results: CaseResult[] = [];
  for (const handOff of [false, true]) {
    tf.env().set('WEBGPU_CPU_FORWARD', handOff);
    for (const c of fixture.cases) {
      const before = tf.memory().numTensors;
      const problems = await replayCase(tf, fixture.op, c, { tolerance: WEBGPU_TOLERANCE });
      const where = handOff ? 'small tensors handed to the CPU' : 'GPU kernels';
      results.push({ title: `${c.title} (${where})`, problems, leaked: tf.memory().numTensors - before });
    }
  }
  return results;
}

/** A graph's output values on WebGPU, for kernels that only fail in combination. */
async function outputValues(graph: Graph, node: string, port: string): Promise<number[]> {
  await selectBackend(tf, 'auto');
  tf.env().set('WEBGPU_CPU_FORWARD', true);
  const session = new Session(tf);
  try {
    await session.run(graph, { outputs: [{ node, port }] });
    return Array.from((await session.page(node, port, { limit: Number.MAX_SAFE_INTEGER }))!.values);
  } finally {
    session.dispose();
  }
}

Object.assign(globalThis, { replayFixture, outputValues });
