import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

export const run = promisify(execFile);
export const repo = (path: string) => new URL(`../../${path}`, import.meta.url).pathname;
export const example = (name: string) => repo(`public/examples/${name}.json`);

export interface Exit {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the built runner (tests/cli/global-setup.ts builds it from these sources). */
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
