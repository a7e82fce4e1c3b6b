import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, expect } from 'vitest';
import type { BackendChoice } from '../../src/runtime/backend';
import { Session } from '../../src/runtime/session';
import { cpu, live } from './tf';

/**
 * For a test file: a function that opens a Session on the CPU backend, which is disposed after
 * each test with a check that every tensor the test made is gone. `reportsAs`: the backend the
 * session says it runs on (what its reports depend on), though it computes on the CPU.
 */
export function sessions(): (reportsAs?: BackendChoice) => Session {
  let session: Session | null = null;
  let baseline = 0;
  beforeAll(async () => {
    await cpu();
  });
  afterEach(() => {
    session?.dispose();
    session = null;
    expect(live(), 'tensors alive after the session is disposed').toBe(baseline);
  });
  return (reportsAs) => {
    session?.dispose();
    baseline = live();
    session = new Session(tf, reportsAs ?? null);
    return session;
  };
}
