/**
 * The long fuzz run, `npm run fuzz`: the unit suite's properties over FUZZ_RUNS cases in all
 * (100,000 by default), shared out by each property's `share`. Unlike the unit suite it does not
 * stop at the first failure: it counts every case's outcome, groups the failures by what went wrong
 * (the kind and the error's first line and place), and shrinks the first case of each group to a
 * minimal counterexample. FUZZ_SEED replays a run; it exits with 1 when anything failed.
 */
import fc from 'fast-check';
import { cpu } from '../support/tf';
import type { FailureKind, Outcome } from './checks';
import { PROPERTIES, type FuzzProperty } from './properties';

/** Each kind of failure as the report counts it. */
const COUNTED_AS: Record<FailureKind, string> = {
  throw: 'throws',
  leak: 'leaks',
  mismatch: 'mismatches',
  pollution: 'prototype changes',
  malformed: 'malformed results',
};
const KINDS = Object.keys(COUNTED_AS) as FailureKind[];
/** Groups shrunk per property: shrinking replays a case many times, and a few show the bugs. */
const SHRUNK_GROUPS = 5;
const DETAIL_CHARS = 2_000;

interface Group {
  count: number;
  /** The run index of its first case, which `path` replays. */
  readonly first: number;
}

interface Tally {
  cases: number;
  readonly failures: Record<FailureKind, number>;
  readonly groups: Map<string, Group>;
}

const newTally = (): Tally => ({
  cases: 0,
  failures: { throw: 0, leak: 0, mismatch: 0, pollution: 0, malformed: 0 },
  groups: new Map(),
});

const total = wholeNumber('FUZZ_RUNS', 100_000);
const seed = wholeNumber('FUZZ_SEED', Date.now() % 2 ** 31);

function wholeNumber(name: string, fallback: number): number {
  const text = process.env[name];
  const value = text === undefined ? fallback : Number(text);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number, got ${text}`);
  return value;
}

/**
 * What a failure is, without what varies from case to case: its kind, the first line of its detail
 * with the numbers taken out, and (for an exception) the function it was thrown from.
 */
function groupOf(outcome: Exclude<Outcome, { kind: 'ok' }>): string {
  const [first = '', ...rest] = outcome.detail.split('\n');
  const thrownIn = rest
    .find((line) => line.trim().startsWith('at '))
    ?.trim()
    .split(' ')[1];
  const line = first.replace(/-?\d+(\.\d+)?(e[-+]?\d+)?/gi, '#').slice(0, 160);
  return `${outcome.kind}: ${line}${thrownIn ? ` (in ${thrownIn})` : ''}`;
}

async function runProperty(property: FuzzProperty, numRuns: number): Promise<Tally> {
  const tally = newTally();
  const started = performance.now();
  const step = Math.max(1, Math.ceil(numRuns / 10));
  // Always true, so that fast-check goes on through every case; the outcomes are counted instead.
  await fc.assert(
    fc.asyncProperty(property.arbitrary, async (value) => {
      const outcome = await property.check(value);
      if (outcome.kind !== 'ok') {
        tally.failures[outcome.kind]++;
        const group = groupOf(outcome);
        const known = tally.groups.get(group);
        if (known) known.count++;
        else tally.groups.set(group, { count: 1, first: tally.cases });
      }
      tally.cases++;
      if (tally.cases % step === 0)
        console.log(`  ${tally.cases} / ${numRuns} (${rate(tally.cases, started)} cases/s) ${failureLine(tally)}`);
      return true;
    }),
    { seed, numRuns },
  );
  return tally;
}

/** A group's first case, replayed and shrunk to the smallest case that still fails the same way. */
async function shrink(property: FuzzProperty, group: string, index: number): Promise<string> {
  let last: Outcome | null = null;
  const details = await fc.check(
    fc.asyncProperty(property.arbitrary, async (value) => {
      const outcome = await property.check(value);
      if (outcome.kind === 'ok' || groupOf(outcome) !== group) return true;
      last = outcome;
      return false;
    }),
    { seed, path: String(index), numRuns: index + 1 },
  );
  const shrunk = last as Outcome | null;
  const detail = shrunk && shrunk.kind !== 'ok' ? shrunk.detail.slice(0, DETAIL_CHARS) : '';
  return `${fc.defaultReportMessage(details)}\n${detail}`;
}

const rate = (cases: number, started: number) => Math.round(cases / ((performance.now() - started) / 1000));
const failureLine = (tally: Tally) => KINDS.map((k) => `${tally.failures[k]} ${COUNTED_AS[k]}`).join(', ');

await cpu();
console.log(`fuzz: ${total} cases, seed ${seed} (replay with FUZZ_SEED=${seed})`);
const totals = newTally();
const reports: string[] = [];
const started = performance.now();
for (const property of PROPERTIES) {
  const numRuns = Math.round(total * property.share);
  console.log(`${property.name}: ${numRuns} cases`);
  const tally = await runProperty(property, numRuns);
  totals.cases += tally.cases;
  for (const kind of KINDS) totals.failures[kind] += tally.failures[kind];
  const groups = [...tally.groups].sort((a, b) => b[1].count - a[1].count);
  for (const [group, { count }] of groups) console.log(`  ${count} × ${group}`);
  for (const [group, { first }] of groups.slice(0, SHRUNK_GROUPS))
    reports.push(`${property.name} — ${group}\n${await shrink(property, group, first)}`);
}
for (const report of reports) console.log(`\nShrunk: ${report}`);
const seconds = Math.round((performance.now() - started) / 1000);
console.log(`\nfuzz: ${totals.cases} cases run in ${seconds} s, seed ${seed}: ${failureLine(totals)}`);
process.exitCode = KINDS.some((k) => totals.failures[k] > 0) ? 1 : 0;
