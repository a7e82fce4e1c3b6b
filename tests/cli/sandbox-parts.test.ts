import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sandboxBoundary, type SandboxFacts } from '../../src/cli/sandbox/boundary';
import { CHILD_BANNER, CHILD_EXTERNALS } from '../../src/cli/sandbox/child-command';
import { encodeFrame, FrameReader } from '../../src/cli/sandbox/frames';
import { asReply } from '../../src/cli/sandbox/messages';
import { repo } from './cli';

const node20: SandboxFacts = {
  nodeVersion: 'v20.20.2',
  platform: 'linux',
  permissionFlag: '--experimental-permission',
  permissionDeniesNetwork: false,
  namespaces: true,
  parentDeathSignal: true,
};
const node25: SandboxFacts = {
  ...node20,
  nodeVersion: 'v25.9.0',
  permissionFlag: '--permission',
  permissionDeniesNetwork: true,
};

describe('the boundary around scripts, by Node version and system', () => {
  it('closes the network with namespaces on Linux, under the permission model', () => {
    expect(sandboxBoundary(node20)).toEqual({
      ok: true,
      permissionFlag: '--experimental-permission',
      wrapper: [
        ...['setpriv', '--pdeathsig', 'KILL', '--'],
        ...['unshare', '--user', '--net', '--pid', '--fork', '--kill-child', '--'],
      ],
      network: 'network namespace',
    });
  });

  it('closes it with the permission model alone where Node denies the network (25 on) and there are no namespaces', () => {
    expect(sandboxBoundary({ ...node25, platform: 'darwin', namespaces: false, parentDeathSignal: false })).toEqual({
      ok: true,
      permissionFlag: '--permission',
      wrapper: [],
      network: 'permission model',
    });
  });

  it('refuses, saying why, where neither can close the network', () => {
    const linux = sandboxBoundary({ ...node20, namespaces: false });
    expect(linux).toEqual({
      ok: false,
      reason:
        "scripts cannot run safely here: Node.js v20.20.2's permission model does not deny the network " +
        '(Node.js 25 and later do), and this system does not let `unshare --user --net` give the process a network of its own',
    });
    const mac = sandboxBoundary({ ...node20, platform: 'darwin', namespaces: false });
    expect(mac.ok || mac.reason).toMatch(/only Linux can give the process a network of its own$/);
    expect(sandboxBoundary({ ...node25, platform: 'win32', namespaces: false })).toEqual({
      ok: false,
      reason: 'scripts cannot run safely here: the sandboxed script process is not available on Windows',
    });
    expect(sandboxBoundary({ ...node20, permissionFlag: null })).toMatchObject({ ok: false });
  });

  it('builds the script process as the sources do (package.json build:cli agrees with child-command)', () => {
    const build = (JSON.parse(readFileSync(repo('package.json'), 'utf8')) as { scripts: Record<string, string> })
      .scripts['build:cli']!;
    const child = build.slice(build.indexOf('cli/child-main=src/cli/sandbox/child-main.ts'));
    expect(child).not.toBe('');
    for (const name of CHILD_EXTERNALS) expect(child).toContain(`--external:${name}`);
    expect(child).toContain(`"--banner:js=${CHILD_BANNER}"`);
  });
});

describe('the channel to the script process', () => {
  it('carries values whole (typed arrays, -0, NaN) however the stream splits them', () => {
    const values = [{ a: new Float32Array([1.5, -0, NaN]) }, 'text', { nested: [1, { b: null }] }];
    const bytes = Buffer.concat(values.map(encodeFrame));
    const reader = new FrameReader(1024);
    const read: unknown[] = [];
    for (let i = 0; i < bytes.length; i += 3) read.push(...reader.push(bytes.subarray(i, i + 3)));
    expect(read).toEqual(values);
    expect(Object.is((read[0] as { a: Float32Array }).a[1], -0)).toBe(true);
  });

  it('refuses a frame longer than allowed rather than wait for it', () => {
    // v8.serialize: a 2-byte header, the string's tag and length (1 byte each), its 100 bytes.
    expect(() => new FrameReader(10).push(encodeFrame('x'.repeat(100)))).toThrow(
      'a message of 104 bytes, more than the 10 allowed',
    );
  });

  it('takes only the replies it knows', () => {
    expect(asReply({ type: 'answer', id: 3, value: { ok: true } })).toEqual({
      type: 'answer',
      id: 3,
      value: { ok: true },
    });
    expect(asReply({ type: 'event', event: { type: 'script-started', nodeId: 's', timeoutMs: 5 } })).not.toBeNull();
    expect(asReply({ type: 'event', event: { type: 'script-started', nodeId: 's' } })).toBeNull();
    expect(asReply({ type: 'answer', id: '3', value: {} })).toBeNull();
    expect(asReply({ type: 'shell', command: 'rm' })).toBeNull();
    expect(asReply('ready')).toBeNull();
  });
});
