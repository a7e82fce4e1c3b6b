/**
 * The differential suite's page in Chromium: replays fixtures through Tensorloom's runtime on the
 * WebGPU backend (the backend users get by default). tests/e2e/tf-agreement.test.ts bundles and drives it.
 */
import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '../../src/runtime/backend';
import type { Fixture } from './fixture';
import { replayCase, WEBGPU_TOLERANCE } from './replay';

export interface CaseResult {
  readonly title: string;
  readonly problems: readonly string[];
  readonly leaked: number;
}

async function replayFixture(fixture: Fixture): Promise<CaseResult[]> {
  const choice = await selectBackend(tf, 'auto');
  if (choice.name !== 'webgpu') throw new Error(`this page needs WebGPU, but runs on ${choice.name}: ${choice.reason}`);
  const results: CaseResult[] = [];
  for (const c of fixture.cases) {
    const before = tf.memory().numTensors;
    const problems = await replayCase(tf, fixture.op, c, { tolerance: WEBGPU_TOLERANCE });
    results.push({ title: c.title, problems, leaked: tf.memory().numTensors - before });
  }
  return results;
}

Object.assign(globalThis, { replayFixture });
