import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { repo, tempFile } from './cli';

/** The processes below `pid` (from /proc: this test runs where the sandbox does, on Linux). */
/** A process's command line; empty once it has ended (a helper may come and go while the test looks). */
function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return '';
  }
}

function descendants(pid: number): number[] {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The parent is the 4th field of stat, after the command name in parentheses.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // It ended while the list was read.
    }
  }
  const below: number[] = [];
  const stack = [pid];
  while (stack.length) {
    const p = stack.pop()!;
    for (const [child, parent] of parents)
      if (parent === p) {
        below.push(child);
        stack.push(child);
      }
  }
  return below;
}

const alive = (pid: number) => {
  try {
    return !readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z ');
  } catch {
    return false;
  }
};

const until = async (what: string, ok: () => boolean, ms = 20_000) => {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

it('a runner killed outright takes its script process with it, even one spinning where no deadline reaches', async () => {
  // After an await, the loop runs where the deadline cannot interrupt it; a long deadline keeps the
  // runner from killing it first.
  const file = tempFile(
    JSON.stringify({
      format: 'tensorloom.graph',
      version: 2,
      nodes: [
        {
          id: 'spin',
          op: 'ArrayScript',
          attrs: {
            inputs: [],
            outputs: [{ name: 'y', dtype: 'float32' }],
            body: 'await null;\nwhile (true) {}',
            timeout_ms: 600_000,
          },
        },
      ],
      edges: [],
    }),
  );
  const runner = spawn(process.execPath, [repo('bin/tensorloom.js'), 'run', file, '--trust'], { stdio: 'ignore' });
  let spinning: number[] = [];
  await until('the script process to start', () => {
    spinning = descendants(runner.pid!);
    return spinning.some((pid) => commandLine(pid).includes('child-main'));
  });
  // Let the script start spinning.
  await new Promise((r) => setTimeout(r, 3000));
  runner.kill('SIGKILL');
  await until('the script process to end with the runner', () => spinning.every((pid) => !alive(pid)));
  expect(spinning.filter(alive)).toEqual([]);
}, 60_000);
