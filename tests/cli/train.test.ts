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

describe('tensorloom train', () => {
  it('trains the Playground example as its setup says, prints the loss and test accuracy, and writes the trained graph', async () => {
    const out = join(tempDir(), 'trained.json');
    const { code, stdout } = await tensorloom('train', example('playground'), '--every', '100', '-o', out);
    expect(code).toBe(0);
    const lines = stdout.split('\n').filter((l) => l.startsWith('step'));
    expect(lines.map((l) => l.split(/\s+/)[1])).toEqual(['100', '200', '300']);
    const accuracy = Number(/test accuracy ([\d.]+) %/.exec(lines[2]!)![1]);
    expect(accuracy).toBeGreaterThanOrEqual(95);
    expect(stdout).toMatch(/300 steps of adam \(learning rate 0\.03\) in [\d.]+ s/);
    // The written graph holds the trained weights, and runs.
    const original = readFileSync(example('playground'), 'utf8');
    const trained = readFileSync(out, 'utf8');
    expect(weight(trained, 'W1')).not.toEqual(weight(original, 'W1'));
    expect(weight(trained, 'W1')).toHaveLength(16);
    const run = await tensorloom('run', out, '--output', 'loss');
    expect(run.code).toBe(0);
    // The trained model's loss on the training split is far below an untrained one's (ln 2).
    expect(Number(/loss\.output {2}float32\[\] {2}(\S+)/.exec(run.stdout)![1])).toBeLessThan(0.05);
  });

  it('prints the log as JSON with --json, and takes --steps over the setup', async () => {
    const { code, stdout } = await tensorloom(
      'train',
      example('playground'),
      '--steps',
      '20',
      '--every',
      '10',
      '--json',
    );
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as { steps: number; log: { step: number; loss: number; testAccuracy: number }[] };
    expect(report.steps).toBe(20);
    expect(report.log.map((e) => e.step)).toEqual([10, 20]);
    expect(report.log.every((e) => Number.isFinite(e.loss) && e.testAccuracy >= 0 && e.testAccuracy <= 1)).toBe(true);
  });

  it('trains for whole epochs with --epochs: the example keeps 250 of its 500 points for training, 10 a batch', async () => {
    const { code, stdout } = await tensorloom('train', example('playground'), '--epochs', '2', '--every', '25');
    expect(code).toBe(0);
    const lines = stdout.split('\n').filter((l) => l.startsWith('step'));
    expect(lines.map((l) => /step\s+(\d+).*\(epoch (\d+)\)/.exec(l)!.slice(1).map(Number))).toEqual([
      [25, 1],
      [50, 2],
    ]);
  });

  it('says what is wrong: no training setup, a loss that turns NaN (and where), bad options', async () => {
    const none = await tensorloom('train', example('mlp'));
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('has no training setup');

    const nan = tempFile(
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
          { id: 'log', op: 'Log', attrs: {} },
          { id: 'loss', op: 'Sum', attrs: { axis: null } },
        ],
        edges: [
          { id: 'e1', source: 'w', sourcePort: 'ref', target: 'log', targetPort: 'x' },
          { id: 'e2', source: 'log', sourcePort: 'y', target: 'loss', targetPort: 'input' },
        ],
      }),
    );
    const failed = await tensorloom('train', nan);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain(
      'error at node log: the loss is NaN at step 1: log is the first node whose output is not finite',
    );

    const noData = await tensorloom('train', nan, '--epochs', '3');
    expect(noData.code).toBe(1);
    expect(noData.stderr).toContain(
      'error at node loss: training for 3 epochs needs a dataset node: an epoch is a pass over its training split',
    );

    const bad = await tensorloom('train', example('playground'), '--steps', '0');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--steps must be a positive integer, got "0"');
    const both = await tensorloom('train', example('playground'), '--steps', '5', '--epochs', '1');
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('give --steps or --epochs, not both');
  });
});
