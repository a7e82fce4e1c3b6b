import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TensorLiteral } from '../../src/graph/types';
import { parseGraphFile } from '../../src/io/graph-file';
import { example, tempDir, tempFile, tensorloom } from './cli';

const weight = (text: string, id: string) => {
  const loaded = parseGraphFile(text);
  if (!loaded.ok) throw new Error(loaded.error.message);
  return Array.from((loaded.graph.nodes.find((n) => n.id === id)!.attrs['value'] as TensorLiteral).values);
};

/** step → gen (an ArrayScript generator with `body`, 300 ms) → x · w → loss = Sum: trains w. */
function generatorGraphFile(body: string): string {
  return tempFile(
    JSON.stringify({
      format: 'tensorloom.graph',
      version: 2,
      training: {
        loss: { node: 'loss', port: 'output' },
        steps: 5,
        optimizer: { name: 'sgd', learningRate: 0.1 },
        regularization: { l1: 0, l2: 0 },
      },
      nodes: [
        { id: 'step', op: 'StepIndex', attrs: { value: 0 } },
        {
          id: 'gen',
          op: 'ArrayScript',
          attrs: {
            inputs: [{ name: 'step', dtype: 'int32', shape: [] }],
            outputs: [{ name: 'x', dtype: 'float32', shape: [2] }],
            body,
            gradient: '',
            timeout_ms: 300,
          },
        },
        { id: 'w', op: 'VariableV2', attrs: { value: { dtype: 'float32', shape: [2], values: [1, -1] } } },
        { id: 'mul', op: 'Mul', attrs: {} },
        { id: 'loss', op: 'Sum', attrs: { axis: null } },
      ],
      edges: [
        { id: 'e1', source: 'step', sourcePort: 'step', target: 'gen', targetPort: 'step' },
        { id: 'e2', source: 'gen', sourcePort: 'x', target: 'mul', targetPort: 'x' },
        { id: 'e3', source: 'w', sourcePort: 'ref', target: 'mul', targetPort: 'y' },
        { id: 'e4', source: 'mul', sourcePort: 'z', target: 'loss', targetPort: 'input' },
      ],
    }),
  );
}

describe('tensorloom train with script nodes', () => {
  it('trains the convolutional example, fed by its generator script, with --trust, and writes a graph that runs', async () => {
    const out = join(tempDir(), 'trained.json');
    const { code, stdout } = await tensorloom('train', example('conv-bars'), '--trust', '--every', '50', '-o', out);
    expect(code).toBe(0);
    const lines = stdout.split('\n').filter((l) => l.startsWith('step'));
    expect(lines.map((l) => l.split(/\s+/)[1])).toEqual(['50', '100']);
    expect(lines[1]).toContain('test accuracy 100.0 %');
    expect(stdout).toMatch(/100 steps of adam \(learning rate 0\.05\) in [\d.]+ s/);
    const original = readFileSync(example('conv-bars'), 'utf8');
    const trained = readFileSync(out, 'utf8');
    expect(weight(trained, 'K')).toHaveLength(36);
    expect(weight(trained, 'K')).not.toEqual(weight(original, 'K'));
    const run = await tensorloom('run', out, '--trust', '--output', 'loss');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/loss\.output {2}float32\[\] {2}\S+/);
  });

  it('refuses a graph with scripts without --trust, as run leaves them out, and says to pass it', async () => {
    const { code, stdout, stderr } = await tensorloom('train', example('conv-bars'));
    expect(code).toBe((await tensorloom('run', example('conv-bars'))).code);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain(
      'was not trained: its script nodes (draw) were not run: this file is not trusted; pass --trust to run its scripts',
    );
  });

  it('ends with an error naming the script and the step when a generator passes its deadline', async () => {
    const start = performance.now();
    const { code, stderr } = await tensorloom('train', generatorGraphFile('while (true) {}'), '--trust');
    expect(performance.now() - start).toBeLessThan(15_000);
    expect(code).toBe(1);
    expect(stderr).toContain('error at node gen: gen failed: timed out after 300 ms (in step 1)');
  });

  it('stops a script on the gradient tape (a trained variable feeds it) at its deadline, on that script', async () => {
    const file = tempFile(
      JSON.stringify({
        format: 'tensorloom.graph',
        version: 2,
        training: {
          loss: { node: 'loss', port: 'output' },
          steps: 5,
          optimizer: { name: 'sgd', learningRate: 0.1 },
          regularization: { l1: 0, l2: 0 },
        },
        nodes: [
          { id: 'w', op: 'VariableV2', attrs: { value: { dtype: 'float32', shape: [2], values: [1, -1] } } },
          { id: 'spin', op: 'TensorScript', attrs: { body: 'while (true) {}\nreturn x;', timeout_ms: 300 } },
          { id: 'loss', op: 'Sum', attrs: { axis: null } },
        ],
        edges: [
          { id: 'e1', source: 'w', sourcePort: 'ref', target: 'spin', targetPort: 'x' },
          { id: 'e2', source: 'spin', sourcePort: 'y', target: 'loss', targetPort: 'input' },
        ],
      }),
    );
    const start = performance.now();
    const { code, stderr } = await tensorloom('train', file, '--trust');
    expect(performance.now() - start).toBeLessThan(15_000);
    expect(code).toBe(1);
    expect(stderr).toContain('error at node spin: spin failed: timed out after 300 ms');
  });

  it('kills the process of a generator that blocks it past its deadline, and says in which steps', async () => {
    // After an await, the loop runs where the deadline cannot interrupt it: only the kill stops it.
    const file = generatorGraphFile('await null;\nwhile (true) {}');
    const start = performance.now();
    const { code, stderr } = await tensorloom('train', file, '--trust', '--every', '2');
    expect(performance.now() - start).toBeLessThan(15_000);
    expect(code).toBe(1);
    expect(stderr).toContain('error at node gen: timed out after 300 ms (in steps 1–2 or the test after them)');
  });

  it('trains on what a generator gives each step, testing on what it gives at step −1', async () => {
    // x = [step, 1]: sgd at 0.1 takes w = [1, -1] to [0.4, -1.4] in 4 steps, so the 5th loss is 0.2,
    // and to [0, -1.5] in 5, so the test loss (x = [-1, 1]) is -1.5.
    const body = 'const s = step[0];\nreturn { x: { data: new Float32Array([s, 1]), shape: [2] } };';
    const { code, stdout } = await tensorloom('train', generatorGraphFile(body), '--trust', '--every', '5', '--json');
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as { steps: number; log: { step: number; loss: number; testLoss: number }[] };
    expect(report.log).toHaveLength(1);
    expect(report.log[0]!.step).toBe(5);
    expect(report.log[0]!.loss).toBeCloseTo(0.2, 5);
    expect(report.log[0]!.testLoss).toBeCloseTo(-1.5, 5);
  });
});
