import { execFile } from 'node:child_process';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { expectValuesClose } from '../support/tf';

const run = promisify(execFile);
const bin = new URL('../../bin/tensorloom.js', import.meta.url).pathname;
const example = (name: string) => new URL(`../../public/examples/${name}.json`, import.meta.url).pathname;

async function tensorloom(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args]);
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

function tempFile(content: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'tensorloom-')), 'graph.json');
  writeFileSync(path, content);
  return path;
}

describe('tensorloom run', () => {
  it('prints each output with shape, dtype, values and timing', async () => {
    const { code, stdout } = await tensorloom('run', example('sin-times-two'));
    expect(code).toBe(0);
    expect(stdout).toContain('mul.z  float32[3]  [1.682942, 1.818595, 0.28224]');
    expect(stdout).toMatch(/graph mode on cpu \(requested\): [\d.]+ ms, 3\/3 steps/);
  });

  it('runs eagerly with per-node timings, and reports JSON', async () => {
    const eager = await tensorloom('run', example('log'), '--mode', 'eager');
    expect(eager.stdout).toMatch(/log\s+Log\s+ok\s+[\d.]+ ms/);
    const { code, stdout } = await tensorloom('run', example('log'), '--json', '--mode', 'eager');
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.run.mode).toBe('eager');
    expectValuesClose(report.run.outputs[0].summary.values, [0, 1, Math.log(10)], 1e-6);
    expect(report.run.nodes.every((n: { ms: number | null }) => typeof n.ms === 'number')).toBe(true);
  });

  it('computes a chosen output and gradients', async () => {
    const { code, stdout } = await tensorloom(
      'run',
      example('mlp'),
      '--output',
      'relu',
      '--json',
      '--gradients',
      'loss',
    );
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.run.outputs.map((o: { node: string }) => o.node)).toEqual(['relu']);
    expect(report.gradients.variables).toEqual(['W1', 'b1', 'W2', 'b2']);
  });

  it('exits 1 with the diagnostics on an invalid graph', async () => {
    const file = tempFile(
      JSON.stringify({
        format: 'tensorloom.graph',
        version: 1,
        nodes: [
          { id: 'a', op: 'Placeholder', attrs: { value: { dtype: 'float32', shape: [2], values: [1, 2] } } },
          { id: 'b', op: 'Placeholder', attrs: { value: { dtype: 'float32', shape: [3], values: [1, 2, 3] } } },
          { id: 'sum', op: 'AddV2', attrs: {} },
        ],
        edges: [
          { id: 'e1', source: 'a', sourcePort: 'output', target: 'sum', targetPort: 'x' },
          { id: 'e2', source: 'b', sourcePort: 'output', target: 'sum', targetPort: 'y' },
        ],
      }),
    );
    const { code, stderr } = await tensorloom('run', file);
    expect(code).toBe(1);
    expect(stderr).toContain('error: shape-mismatch at node sum, port y: AddV2: shapes [2] and [3] do not broadcast');
  });

  it('exits 1 naming the path of a malformed file, and 2 on bad usage', async () => {
    const bad = await tensorloom(
      'run',
      tempFile('{"format": "tensorloom.graph", "version": 1, "nodes": [{"op": "Sin", "attrs": {}}], "edges": []}'),
    );
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('nodes[0].id');
    const usage = await tensorloom('run', example('log'), '--mode', 'lazy');
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('--mode must be eager or graph');
  });
});
