import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll } from 'vitest';

export const run = promisify(execFile);
export const repo = (path: string) => new URL(`../../${path}`, import.meta.url).pathname;
export const example = (name: string) => repo(`public/examples/${name}.json`);

export interface Exit {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** For a test file: the runner built as `npm ci` builds it, here from these sources, so that tests run what users run. */
export function builtCli(): void {
  beforeAll(() => run('npm', ['run', '--silent', 'build:cli'], { cwd: repo('') }), 60_000);
}

export function tensorloom(...args: string[]): Promise<Exit> {
  return runBin(repo('bin/tensorloom.js'), args);
}

export async function runBin(path: string, args: string[]): Promise<Exit> {
  try {
    const { stdout, stderr } = await run(process.execPath, [path, ...args]);
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as Exit;
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

/** A fresh temporary directory. */
export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'tensorloom-'));
}

export function tempFile(content: string, name = 'graph.json'): string {
  const path = join(tempDir(), name);
  writeFileSync(path, content);
  return path;
}
