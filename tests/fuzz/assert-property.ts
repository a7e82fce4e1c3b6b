import fc from 'fast-check';
import type { FuzzProperty } from './properties';

/**
 * The unit suite's seed: fixed, so that every run sees the same cases and a failure is replayed by
 * running the test again. The report gives it with the shrunk counterexample and its path.
 */
export const UNIT_SEED = 1_010_010;

/** Some cases take a second (a list of 150,000 problems), and shrinking replays them hundreds of times. */
const SHRINK_MS = 20_000;

/** Runs a property's unit cases; a case that is not ok fails with the shrunk counterexample and what went wrong. */
export async function assertProperty(property: FuzzProperty, numRuns = property.unitRuns): Promise<void> {
  const holds = fc.asyncProperty(property.arbitrary, async (value) => {
    const outcome = await property.check(value);
    if (outcome.kind !== 'ok') throw new Error(`${outcome.kind}: ${outcome.detail}`);
  });
  const run = await fc.check(holds, { seed: UNIT_SEED, numRuns, endOnFailure: true });
  if (!run.failed) return;
  // Replayed from the failing case and shrunk, for a bounded time: what is left then is reported.
  const shrunk = await fc.check(holds, {
    seed: UNIT_SEED,
    path: run.counterexamplePath!,
    skipAllAfterTimeLimit: SHRINK_MS,
    includeErrorInReport: true,
  });
  throw new Error(fc.defaultReportMessage(shrunk.failed ? shrunk : run));
}
