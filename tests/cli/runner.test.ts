import { copyFileSync, mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectValuesClose } from '../support/tf';
import { example, repo, runBin, tempDir, tempFile, tensorloom } from './cli';

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

  it('keeps NaN, ±Infinity and -0 in --json and in text, spelled as the graph format spells them', async () => {
    const file = tempFile(
      JSON.stringify({
        format: 'tensorloom.graph',
        version: 1,
        nodes: [
          {
            id: 'x',
            op: 'Placeholder',
            attrs: { value: { dtype: 'float32', shape: [4], values: ['NaN', 'Infinity', 0, 2] } },
          },
          { id: 'neg', op: 'Neg', attrs: {} },
        ],
        edges: [{ id: 'e', source: 'x', sourcePort: 'output', target: 'neg', targetPort: 'x' }],
      }),
    );
    const { code, stdout } = await tensorloom('run', file, '--json');
    expect(code).toBe(0);
    // -(NaN, ∞, 0, 2) = (NaN, -∞, -0, -2): JSON.stringify would have written null, null, 0.
    expect(stdout).toContain('"values": ["NaN", "-Infinity", -0, -2]');
    const values = JSON.parse(stdout).run.outputs[0].summary.values;
    expect(Object.is(values[2], -0)).toBe(true);
    expect((await tensorloom('run', file)).stdout).toContain('[NaN, -Infinity, -0, -2]');
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

  it('refuses, before allocating it, a tensor over the memory budget: 1 GiB, or --max-bytes', async () => {
    const fills = tempFile(
      JSON.stringify({
        format: 'tensorloom.graph',
        version: 1,
        nodes: [
          { id: 'huge', op: 'Fill', attrs: { dims: [30000, 30000], value: 1 } },
          { id: 'small', op: 'Fill', attrs: { dims: [100, 100], value: 2 } },
        ],
        edges: [],
      }),
    );
    // 30000² float32 is 3.35 GiB: refused by the default budget, as in the editor.
    const huge = await tensorloom('run', fills, '--output', 'huge');
    expect(huge.code).toBe(1);
    expect(huge.stdout).toContain(
      'error in huge: Fill output float32[30000, 30000] would take 3.35 GiB, over the 1 GiB budget',
    );
    // 100² float32 is 40,000 bytes: over a budget of 39,999, within one of 40,000.
    const over = await tensorloom('run', fills, '--output', 'small', '--max-bytes', '39999');
    expect(over.code).toBe(1);
    expect(over.stdout).toContain(
      'error in small: Fill output float32[100, 100] would take 40000 bytes, over the 39999 bytes budget',
    );
    const within = await tensorloom('run', fills, '--output', 'small', '--max-bytes', '40000');
    expect(within.code).toBe(0);
    expect(within.stdout).toContain('small.output  float32[100, 100]');
    const usage = await tensorloom('run', fills, '--max-bytes', '1.5');
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('--max-bytes must be a positive whole number of bytes, got "1.5"');
  });

  it('runs from the sources, saying so, in a checkout where the runner was not built', async () => {
    // The same bin/ beside the same sources and packages, with no dist-cli.
    const checkout = tempDir();
    mkdirSync(join(checkout, 'bin'));
    copyFileSync(repo('bin/tensorloom.js'), join(checkout, 'bin/tensorloom.js'));
    for (const path of ['package.json', 'src', 'node_modules']) symlinkSync(repo(path), join(checkout, path));
    // A trusted script: its sandboxed process is bundled from the sources too.
    const args = ['run', example('seed-py-function'), '--trust', '--output', 'my_python_op'];
    const { code, stdout, stderr } = await runBin(join(checkout, 'bin/tensorloom.js'), args);
    expect(code).toBe(0);
    expect(stderr).toContain('tensorloom: no build in dist-cli, running from the TypeScript sources');
    expect(stdout).toContain('my_python_op.y  float32[3]  [1.682942, 1.818595, 0.28224]');
  });
});

interface JsonNode {
  nodeId: string;
  status: string;
  error?: string;
}
interface JsonOutput {
  node: string;
  summary: { values: number[] };
}

const nodeOf = (report: { run: { nodes: JsonNode[] } }, id: string) => report.run.nodes.find((n) => n.nodeId === id);
const valuesOf = (report: { run: { outputs: JsonOutput[] } }, id: string) =>
  report.run.outputs.find((o) => o.node === id)?.summary.values;

/**
 * x = [1, 2, 3] → spin (a TensorScript doubling x unless `script` says otherwise; 300 ms) → after = Sin
 * → loss = Sum; and, apart, alone = Cos(x).
 */
function scriptGraph(script: { body?: string; gradient?: string }): string {
  return tempFile(
    JSON.stringify({
      format: 'tensorloom.graph',
      version: 1,
      nodes: [
        { id: 'x', op: 'Placeholder', attrs: { value: { dtype: 'float32', shape: [3], values: [1, 2, 3] } } },
        {
          id: 'spin',
          op: 'TensorScript',
          attrs: {
            inputs: [{ name: 'x', dtype: 'float32' }],
            outputs: [{ name: 'y', dtype: 'float32' }],
            body: 'return tf.mul(x, 2);',
            timeout_ms: 300,
            ...script,
          },
        },
        { id: 'after', op: 'Sin', attrs: {} },
        { id: 'loss', op: 'Sum', attrs: {} },
        { id: 'alone', op: 'Cos', attrs: {} },
      ],
      edges: [
        { id: 'e1', source: 'x', sourcePort: 'output', target: 'spin', targetPort: 'x' },
        { id: 'e2', source: 'spin', sourcePort: 'y', target: 'after', targetPort: 'x' },
        { id: 'e3', source: 'after', sourcePort: 'y', target: 'loss', targetPort: 'input' },
        { id: 'e4', source: 'x', sourcePort: 'output', target: 'alone', targetPort: 'x' },
      ],
    }),
  );
}

const cosines = [Math.cos(1), Math.cos(2), Math.cos(3)];

describe('tensorloom run with script nodes', () => {
  it('leaves the scripts of an untrusted file out, and runs the rest', async () => {
    const { code, stdout, stderr } = await tensorloom('run', example('seed-py-function'));
    expect(code).toBe(1);
    expect(stderr).toContain('script nodes were not run: my_python_op. Pass --trust to run them.');
    expect(stdout).toContain('x.output  float32[3]  [1, 2, 3]');
    expect(stdout).toMatch(
      /my_python_op\s+TensorScript\s+skipped\s+not run: this file is not trusted; pass --trust to run its scripts/,
    );
    expect(stdout).toMatch(/loss\s+Sum\s+skipped\s+skipped because my_python_op failed/);

    const numpy = JSON.parse((await tensorloom('run', example('seed-numpy-function'), '--json')).stdout);
    expect(nodeOf(numpy, 'my_numpy_op')).toMatchObject({
      status: 'skipped',
      error: 'not run: this file is not trusted; pass --trust to run its scripts',
    });
    expect(nodeOf(numpy, 'loss')).toMatchObject({ status: 'skipped', error: 'skipped because my_numpy_op failed' });
    expectValuesClose(valuesOf(numpy, 'x')!, [1, Math.E, 10], 1e-6);
  });

  it('runs the scripts of a trusted file, giving the seeds’ values', async () => {
    const py = await tensorloom('run', example('seed-py-function'), '--trust', '--json', '--output', 'my_python_op');
    expect(py.code).toBe(0);
    expectValuesClose(
      valuesOf(JSON.parse(py.stdout), 'my_python_op')!,
      [1, 2, 3].map((v) => Math.sin(v) * 2),
      1e-6,
    );

    const numpy = await tensorloom('run', example('seed-numpy-function'), '--trust', '--json', '--mode', 'eager');
    expect(numpy.code).toBe(0);
    const report = JSON.parse(numpy.stdout);
    expectValuesClose(report.run.nodes.find((n: JsonNode) => n.nodeId === 'my_numpy_op').outputs.y.values, [
      0,
      1,
      Math.log(10),
    ]);
  });

  it('stops a script that never yields, and runs the rest without it', async () => {
    const { code, stdout } = await tensorloom('run', scriptGraph({ body: 'while (true) {}' }), '--trust', '--json');
    expect(code).toBe(1);
    const report = JSON.parse(stdout);
    expect(nodeOf(report, 'spin')).toMatchObject({ status: 'error', error: 'timed out after 300 ms' });
    expect(nodeOf(report, 'after')).toMatchObject({ status: 'skipped', error: 'skipped because spin failed' });
    expect(nodeOf(report, 'loss')).toMatchObject({ status: 'skipped', error: 'skipped because spin failed' });
    expectValuesClose(valuesOf(report, 'alone')!, cosines, 1e-6);
  });

  it('stops a script whose promise never settles', async () => {
    const graph = scriptGraph({ body: 'return new Promise(() => {});' });
    const { code, stdout } = await tensorloom('run', graph, '--trust', '--json');
    expect(code).toBe(1);
    const report = JSON.parse(stdout);
    expect(report.run.error).toEqual({ nodeId: 'spin', message: 'timed out after 300 ms' });
    expect(nodeOf(report, 'loss')).toMatchObject({ status: 'skipped', error: 'skipped because spin failed' });
    expectValuesClose(valuesOf(report, 'alone')!, cosines, 1e-6);
  });

  it('stops gradients whose script never returns, after printing the run', async () => {
    const graph = scriptGraph({ gradient: 'while (true) {}' });
    const { code, stdout, stderr } = await tensorloom('run', graph, '--trust', '--gradients', 'loss');
    expect(code).toBe(1);
    expect(stderr).toMatch(/error: gradients: stopped after \d+ ms: a script they run did not finish/);
    const loss = Math.sin(2) + Math.sin(4) + Math.sin(6);
    expect(Number(/loss\.output {2}float32\[\] {2}(\S+)/.exec(stdout)![1])).toBeCloseTo(loss, 5);
  });

  it('holds a trusted script to --max-bytes in its process too', async () => {
    const graph = scriptGraph({ body: 'return tf.ones([1000, 1000]);' });
    const { code, stdout } = await tensorloom('run', graph, '--trust', '--max-bytes', '1000000');
    expect(code).toBe(1);
    expect(stdout).toContain(
      'error in spin: TensorScript output float32[1000, 1000] would take 3.81 MiB, over the 977 KiB budget',
    );
  });

  it('reports a script that throws, with its message and line', async () => {
    const { code, stdout } = await tensorloom(
      'run',
      scriptGraph({ body: 'const a = 1;\nthrow new Error("bad input " + a);' }),
      '--trust',
    );
    expect(code).toBe(1);
    expect(stdout).toContain('error in spin: bad input 1 (line 2, column 7)');
  });
});
