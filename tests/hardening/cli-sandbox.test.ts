import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandboxBoundary, sandboxFacts } from '../../src/cli/sandbox/boundary';
import { childCommand } from '../../src/cli/sandbox/child-command';
import { expectValuesClose } from '../support/tf';
import { tempDir, tensorloom } from '../cli/cli';
import { cosines, nodeOf, scriptsGraphFile, valuesOf, type JsonReport } from '../cli/script-graphs';

// Finding 1 of issue 10: with --trust, a script had the whole machine. Each hostile body below
// must fail with a clear error, touch nothing, reach no one, and leave the runner standing.

const boundary = sandboxBoundary(sandboxFacts());

/** A TCP server and a Unix socket server of this test, counting who connects. */
async function listeners(
  dir: string,
): Promise<{ port: number; socket: string; connections: () => number; close: () => void }> {
  let connections = 0;
  const servers: Server[] = [];
  const listen = (server: Server, where: number | string) =>
    new Promise<void>((resolve) => {
      servers.push(server.on('connection', (s) => (connections++, s.destroy())));
      if (typeof where === 'number') server.listen(where, '127.0.0.1', resolve);
      else server.listen(where, resolve);
    });
  const socket = join(dir, 'listening.sock');
  const tcp = createServer();
  await listen(tcp, 0);
  await listen(createServer(), socket);
  const { port } = tcp.address() as { port: number };
  return { port, socket, connections: () => connections, close: () => servers.forEach((s) => s.close()) };
}

describe.skipIf(!boundary.ok)('a trusted script in the CLI has no more power than in the browser', () => {
  const dir = tempDir();
  const written = join(dir, 'written-by-a-script.txt');
  let net: Awaited<ReturnType<typeof listeners>>;
  beforeAll(async () => {
    net = await listeners(dir);
  });
  afterAll(() => net.close());

  it('refuses files, processes, network, signals and the ways to undo the refusals, each with a clear error', async () => {
    const url = `http://127.0.0.1:${net.port}/`;
    const bodies = {
      readFile: `return tf.tensor(process.getBuiltinModule('fs').readFileSync(${JSON.stringify(written)}).length);`,
      writeFile: `process.getBuiltinModule('fs').writeFileSync(${JSON.stringify(written)}, 'pwned'); return x;`,
      importFs: `const fs = await import('node:fs'); fs.writeFileSync(${JSON.stringify(written)}, 'pwned'); return x;`,
      execSync: `process.getBuiltinModule('child_process').execSync('sleep 20'); return x;`,
      fetch: `await fetch(${JSON.stringify(url)}); return x;`,
      tfFetch: `await tf.util.fetch(${JSON.stringify(url)}); return x;`,
      netConnect: `const net = await import('node:net');
        await new Promise((ok, fail) => net.connect(${net.port}, '127.0.0.1').on('connect', ok).on('error', fail));
        return x;`,
      unixSocket: `const net = process.getBuiltinModule('net');
        await new Promise((ok, fail) => net.connect(${JSON.stringify(net.socket)}).on('connect', ok).on('error', fail));
        return x;`,
      evalImport: `await (0, eval)('import("node:http")'); return x;`,
      exit: `process.exit(7); return x;`,
      killRunner: `process.kill(process.ppid, 'SIGKILL'); return x;`,
      inspectRunner: `process._debugProcess(process.ppid); return x;`,
      envFile: `process.loadEnvFile(${JSON.stringify(written)}); return x;`,
      redefine: `Object.defineProperty(process, 'getBuiltinModule', { value: () => ({}) }); return x;`,
      restoreFetch: `delete globalThis.fetch; await fetch(${JSON.stringify(url)}); return x;`,
      binding: `process.binding('tcp_wrap'); return x;`,
      handles: `process._getActiveHandles(); return x;`,
      workers: `await import('node:worker_threads'); return x;`,
      require: `require('node:fs'); return x;`,
      report: `process.report.writeReport(${JSON.stringify(written)}); return x;`,
      keepErrors: `process.setUncaughtExceptionCaptureCallback(null); return x;`,
      // Node's standard streams are file streams, whose class writes to any descriptor (the
      // runner's channel is 3): a script sees streams that lead nowhere.
      writeChannel: `new (process.stdout.constructor)(3).write(new Uint8Array([0, 0, 0, 3, 1, 2, 3])); return x;`,
      streamClasses: `throw new Error([process.stdout, process.stderr, process.stdin, console._stdout, console._stderr]
        .map((s) => s.constructor.name).join(', '));`,
    };
    process.env['TENSORLOOM_TEST_SECRET'] = 'must not reach a script';
    const { code, stdout, stderr } = await tensorloom(
      'run',
      scriptsGraphFile({
        ...bodies,
        env: 'return tf.tensor([Object.keys(process.env).length, process.env.TENSORLOOM_TEST_SECRET === undefined ? 1 : 0]);',
        // An error left in a timer fails no one: as in the editor's frame, the runtime goes on.
        timerThrow: `setTimeout(() => { throw new Error('left behind'); }, 0); return x;`,
      }),
      '--trust',
      '--mode',
      'eager',
      '--json',
    );
    delete process.env['TENSORLOOM_TEST_SECRET'];
    expect(stderr).toBe('');
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as JsonReport;
    const refused = (what: string) =>
      `${what} is not available to scripts: the tensorloom runner gives scripts no file system, network, processes or environment, as the editor does`;
    const errors = Object.fromEntries(Object.keys(bodies).map((id) => [id, nodeOf(report, id)?.error]));
    expect(errors).toEqual({
      readFile: `${refused("process.getBuiltinModule('fs')")} (line 1, column 26)`,
      writeFile: `${refused("process.getBuiltinModule('fs')")} (line 1, column 9)`,
      importFs: refused('import("node:fs")'),
      execSync: `${refused("process.getBuiltinModule('child_process')")} (line 1, column 9)`,
      fetch: `${refused('fetch')} (line 1, column 7)`,
      tfFetch: `${refused('fetch')} (line 1, column 15)`,
      netConnect: refused('import("node:net")'),
      unixSocket: `${refused("process.getBuiltinModule('net')")} (line 1, column 21)`,
      evalImport: refused('import("node:http")'),
      exit: `${refused('process.exit')} (line 1, column 9)`,
      killRunner: `${refused('process.kill')} (line 1, column 9)`,
      inspectRunner: `${refused('process._debugProcess')} (line 1, column 9)`,
      envFile: `${refused('process.loadEnvFile')} (line 1, column 9)`,
      redefine: 'Cannot redefine property: getBuiltinModule (line 1, column 8)',
      restoreFetch: `${refused('fetch')} (line 1, column 32)`,
      binding: `${refused('process.binding')} (line 1, column 9)`,
      handles: `${refused('process._getActiveHandles')} (line 1, column 9)`,
      workers: refused('import("node:worker_threads")'),
      require: 'require is not defined (line 1, column 1)',
      report: "Cannot read properties of undefined (reading 'writeReport') (line 1, column 16)",
      keepErrors: `${refused('process.setUncaughtExceptionCaptureCallback')} (line 1, column 9)`,
      writeChannel: 'The _write() method is not implemented (line 1, column 37)',
      streamClasses: 'Writable, Writable, Readable, Writable, Writable (line 1, column 7)',
    });
    // No environment at all: not one variable, not the runner's secret.
    expectValuesClose(nodeOf(report, 'env')!.outputs['y']!.values, [0, 1], 0);
    expect(nodeOf(report, 'timerThrow')).toMatchObject({ status: 'ok' });
    // Nothing written, no one reached, and the runner ran the rest and exited on its own.
    expect(existsSync(written)).toBe(false);
    expect(net.connections()).toBe(0);
    expectValuesClose(valuesOf(report, 'alone')!, cosines, 1e-6);
  });

  it('fences the process in below the runner’s own refusals: the permission model and the kernel hold too', async () => {
    // The script process's own command, running a probe instead of the runtime: no lockdown here,
    // only what Node's permission model and the namespaces (or Node 25's network denial) enforce.
    const { command, args } = await childCommand(boundary as Extract<typeof boundary, { ok: true }>);
    const probe = join(dir, 'probe.mjs');
    writeFileSync(
      probe,
      `const outcome = async (f) => { try { await f(); return 'allowed'; } catch (e) { return e.code ?? e.message; } };
      const fs = process.getBuiltinModule('fs');
      const net = process.getBuiltinModule('net');
      const connect = (...to) => new Promise((ok, fail) => net.connect(...to).on('connect', ok).on('error', fail));
      console.log(JSON.stringify({
        read: await outcome(() => fs.readFileSync('/etc/passwd')),
        write: await outcome(() => fs.writeFileSync(${JSON.stringify(written)}, 'x')),
        spawn: await outcome(() => process.getBuiltinModule('child_process').execSync('true')),
        tcp: await outcome(() => connect(${net.port}, '127.0.0.1')),
        env: Object.keys(process.env).length,
      }));`,
    );
    const child = spawn(command, [...args.slice(0, -1), `--allow-fs-read=${probe}`, probe], { env: {} });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    await new Promise((resolve) => child.on('exit', resolve));
    const outcomes = JSON.parse(out) as Record<string, unknown>;
    expect(outcomes).toMatchObject({
      read: 'ERR_ACCESS_DENIED',
      write: 'ERR_ACCESS_DENIED',
      spawn: 'ERR_ACCESS_DENIED',
      env: 0,
    });
    // The network namespace has no route anywhere (not even to this machine's loopback); Node 25's
    // permission model denies the connection itself.
    expect(outcomes['tcp']).toBe(
      boundary.ok && boundary.network === 'network namespace' ? 'ENETUNREACH' : 'ERR_ACCESS_DENIED',
    );
    expect(existsSync(written)).toBe(false);
    expect(net.connections()).toBe(0);
  });
});
