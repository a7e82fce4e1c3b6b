/**
 * Global setup of the e2e project: finds (or installs) Debian's Chromium, builds the app with
 * `vite build` into dist-e2e/, serves it with `vite preview` on a free port, and hands the tests the
 * base URL, the browser path and the server's log file through vitest's `provide`/`inject`. The
 * build inherits vitest's NODE_ENV=test, so it is React's development build, which renders twice and
 * checks more: kept so, since it has found faults the production build hides.
 *
 * Env:
 * - CHROMIUM_PATH: the browser to drive (default: Debian's /usr/bin/chromium).
 * - E2E_OUT_DIR: where the app is built and served from (default dist-e2e/).
 * - E2E_SKIP_BUILD=1: reuse an existing build (local iteration); builds anyway when it is missing.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, appendFileSync, constants, existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The app's origin, with a trailing slash: `http://127.0.0.1:<port>/`. */
    baseUrl: string;
    /** The Chromium executable the tests drive. */
    chromiumPath: string;
    /** The file that receives `vite preview`'s stdout and stderr. */
    serverLogPath: string;
  }
}

const INSTALL_HINT =
  'Install Debian\'s Chromium ("apt-get update && apt-get install -y --no-install-recommends chromium", ' +
  'as root), or point CHROMIUM_PATH at a Chromium executable. Do not use "npx playwright install": ' +
  'browsers cannot be downloaded here.';

const log = (message: string): void => console.log(`[e2e] ${message}`);
const seconds = (since: number): string => `${((Date.now() - since) / 1000).toFixed(1)} s`;

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && isExecutable(join(dir, name))) return join(dir, name);
  }
  return undefined;
}

function findChromium(): string | undefined {
  for (const candidate of ['/usr/bin/chromium', '/usr/lib/chromium/chromium']) {
    if (isExecutable(candidate)) return candidate;
  }
  return onPath('chromium');
}

interface RunResult {
  code: number | null;
  output: string;
}

/** Runs a command to completion, capturing stdout and stderr interleaved. */
function run(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  return new Promise<RunResult>((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: 'pipe' });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

async function resolveChromium(): Promise<string> {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!isExecutable(fromEnv)) throw new Error(`CHROMIUM_PATH=${fromEnv} is not an executable file.\n${INSTALL_HINT}`);
    return fromEnv;
  }
  const found = findChromium();
  if (found) return found;

  const aptGet = onPath('apt-get');
  const isRoot = process.getuid?.() === 0;
  if (!aptGet || !isRoot) {
    throw new Error(
      `No Chromium found (looked for /usr/bin/chromium, /usr/lib/chromium/chromium and chromium on PATH), ` +
        `and it cannot be installed automatically (${!aptGet ? 'no apt-get' : 'not running as root'}).\n${INSTALL_HINT}`,
    );
  }
  log('no Chromium found: installing Debian\'s "chromium" with apt-get…');
  const started = Date.now();
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update'], ['install', '-y', '--no-install-recommends', 'chromium']]) {
    const result = await run(aptGet, args, { env });
    if (result.code !== 0) {
      throw new Error(`"apt-get ${args.join(' ')}" failed (exit ${result.code}):\n${result.output}\n${INSTALL_HINT}`);
    }
  }
  const installed = findChromium();
  if (!installed) throw new Error(`apt-get installed "chromium", but no executable was found.\n${INSTALL_HINT}`);
  log(`installed ${installed} in ${seconds(started)}`);
  return installed;
}

async function chromiumVersion(path: string): Promise<string> {
  const result = await run(path, ['--version']);
  const version = /Chromium [\d.]+/.exec(result.output)?.[0];
  if (result.code !== 0 || !version) {
    throw new Error(`${path} --version failed (exit ${result.code}):\n${result.output}\n${INSTALL_HINT}`);
  }
  return version;
}

/** The tests' own build, apart from dist/, so that a `vite build` elsewhere cannot pull it away mid-run. */
const OUT_DIR = process.env.E2E_OUT_DIR ?? 'dist-e2e';

async function build(root: string): Promise<void> {
  const skip = process.env.E2E_SKIP_BUILD === '1';
  if (skip && existsSync(join(root, OUT_DIR, 'index.html'))) {
    log(`E2E_SKIP_BUILD=1: serving the existing ${OUT_DIR}/`);
    return;
  }
  if (skip) log(`E2E_SKIP_BUILD=1, but ${OUT_DIR}/ has no index.html: building`);
  const started = Date.now();
  // Plain text: vitest sets FORCE_COLOR, which would fill a failed build's output with escape codes.
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete env.FORCE_COLOR;
  const result = await run(join(root, 'node_modules', '.bin', 'vite'), ['build', '--outDir', OUT_DIR], {
    cwd: root,
    env,
  });
  if (result.code !== 0) {
    throw new Error(`"vite build" failed (exit ${result.code}); its output:\n${result.output}`);
  }
  log(`vite build done in ${seconds(started)}`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('could not pick a free port'))));
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Server {
  child: ChildProcess;
  url: string;
  /** stdout and stderr, interleaved. */
  output: () => string;
  stderr: () => string;
  exited: () => boolean;
}

/** Starts `vite preview` and waits until it answers; undefined when the port was taken meanwhile. */
async function startPreview(root: string, port: number, logPath: string): Promise<Server | undefined> {
  const url = `http://127.0.0.1:${port}/`;
  const args = ['preview', '--outDir', OUT_DIR, '--port', String(port), '--strictPort', '--host', '127.0.0.1'];
  const child = spawn(join(root, 'node_modules', '.bin', 'vite'), args, { cwd: root, stdio: 'pipe' });
  let output = '';
  let stderr = '';
  let exitCode: number | null | undefined;
  // Kept in memory for error messages, and streamed to a file that tests can read on failure.
  const record = (text: string) => {
    output += text;
    try {
      appendFileSync(logPath, text);
    } catch {
      // The log file is a convenience; the in-memory copy is what gets printed.
    }
  };
  child.stdout?.on('data', (chunk: Buffer) => record(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    record(chunk.toString());
  });
  child.on('error', (error) => {
    record(`\n[spawn error] ${error.message}\n`);
    exitCode = null;
  });
  child.on('exit', (code, signal) => {
    exitCode = code;
    record(`\n[vite preview exited: ${signal ?? `code ${code}`}]\n`);
  });
  const server: Server = {
    child,
    url,
    output: () => output,
    stderr: () => stderr,
    exited: () => exitCode !== undefined,
  };

  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (server.exited()) {
      if (/in use|EADDRINUSE/i.test(output)) return undefined;
      throw new Error(`"vite preview ${args.join(' ')}" exited before answering; its output:\n${output}`);
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return server;
    } catch {
      // Not listening yet.
    }
    await sleep(200);
  }
  await stop(server);
  throw new Error(`"vite preview" did not answer ${url} within 30 s; its output:\n${output}`);
}

async function stop(server: Server): Promise<void> {
  if (server.exited()) return;
  const exited = new Promise<void>((resolve) => server.child.once('exit', () => resolve()));
  server.child.kill('SIGTERM');
  // An unref'd timer: a pending one would hold vitest's process open after the run.
  const killer = setTimeout(() => server.child.kill('SIGKILL'), 5_000);
  killer.unref();
  await exited;
  clearTimeout(killer);
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const started = Date.now();
  const root = project.config.root;

  const chromiumPath = await resolveChromium();
  log(`browser: ${chromiumPath} (${await chromiumVersion(chromiumPath)})`);

  await build(root);

  const logDir = await mkdtemp(join(tmpdir(), 'tensorloom-e2e-'));
  const serverLogPath = join(logDir, 'vite-preview.log');
  let server: Server | undefined;
  for (let attempt = 0; attempt < 3 && !server; attempt++) {
    server = await startPreview(root, await freePort(), serverLogPath);
  }
  if (!server) throw new Error('"vite preview" could not get a free port in 3 attempts');
  const running = server;
  // Never leave the preview server behind, even if vitest dies without calling the teardown.
  const killOnExit = () => running.child.kill('SIGKILL');
  process.once('exit', killOnExit);
  log(`serving ${OUT_DIR}/ at ${running.url} (setup took ${seconds(started)})`);

  project.provide('baseUrl', running.url);
  project.provide('chromiumPath', chromiumPath);
  project.provide('serverLogPath', serverLogPath);

  return async () => {
    process.off('exit', killOnExit);
    const diedEarly = running.exited();
    await stop(running);
    if (diedEarly || running.stderr().trim()) {
      // Keep the log file for inspection and show what the server said.
      console.error(
        `[e2e] vite preview ${diedEarly ? 'died during the tests' : 'wrote to stderr'} ` +
          `(log kept at ${serverLogPath}):\n${running.output()}`,
      );
    } else {
      await rm(logDir, { recursive: true, force: true });
    }
  };
}
