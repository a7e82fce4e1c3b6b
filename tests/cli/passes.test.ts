import { describe, expect, it } from 'vitest';
import { tempFile, tensorloom } from './cli';

/** y = sin(x)·1 + sin(x): a duplicate for CSE, a `·1` to simplify and a constant to fold. */
const graph = (settings?: object) =>
  tempFile(
    JSON.stringify({
      format: 'tensorloom.graph',
      version: 3,
      nodes: [
        { id: 'x', op: 'Placeholder', attrs: { value: { dtype: 'float32', shape: [2], values: [1, 2] } } },
        { id: 'two', op: 'Const', attrs: { value: { dtype: 'float32', shape: [], values: [2] } } },
        { id: 'half', op: 'Reciprocal', attrs: {} },
        { id: 'one', op: 'Mul', attrs: {} },
        { id: 's1', op: 'Sin', attrs: {} },
        { id: 's2', op: 'Sin', attrs: {} },
        { id: 'm', op: 'Mul', attrs: {} },
        { id: 'y', op: 'AddV2', attrs: {} },
      ],
      edges: [
        { id: 'e1', source: 'two', sourcePort: 'output', target: 'half', targetPort: 'x' },
        { id: 'e2', source: 'half', sourcePort: 'y', target: 'one', targetPort: 'x' },
        { id: 'e3', source: 'two', sourcePort: 'output', target: 'one', targetPort: 'y' },
        { id: 'e4', source: 'x', sourcePort: 'output', target: 's1', targetPort: 'x' },
        { id: 'e5', source: 'x', sourcePort: 'output', target: 's2', targetPort: 'x' },
        { id: 'e6', source: 's1', sourcePort: 'y', target: 'm', targetPort: 'x' },
        { id: 'e7', source: 'one', sourcePort: 'z', target: 'm', targetPort: 'y' },
        { id: 'e8', source: 'm', sourcePort: 'z', target: 'y', targetPort: 'x' },
        { id: 'e9', source: 's2', sourcePort: 'y', target: 'y', targetPort: 'y' },
      ],
      ...(settings && { settings }),
    }),
  );

const values = `[${[1, 2].map((v) => Number((2 * Math.sin(v)).toPrecision(7))).join(', ')}]`;

describe('tensorloom run --passes', () => {
  it('runs every pass by default, and --plan says what each did', async () => {
    const { code, stdout } = await tensorloom('run', graph(), '--plan');
    expect(code).toBe(0);
    expect(stdout).toContain(`y.z  float32[2]  ${values}`);
    expect(stdout).toMatch(/plan: 3 steps/);
    expect(stdout).toContain('folded: half, one');
    expect(stdout).toContain('merged: s2 → s1');
    expect(stdout).toContain('simplified: m (x · 1 → x)');
  });

  it('--passes none runs the graph as written, with the same values', async () => {
    const { code, stdout } = await tensorloom('run', graph(), '--passes', 'none', '--plan');
    expect(code).toBe(0);
    expect(stdout).toContain(`y.z  float32[2]  ${values}`);
    expect(stdout).toMatch(/plan: 8 steps/);
    expect(stdout).toContain('fold: off');
  });

  it('--passes names some, in any order; a file may name them in its settings', async () => {
    const some = await tensorloom('run', graph(), '--passes', 'cse,prune', '--plan');
    expect(some.stdout).toMatch(/plan: 7 steps/);
    expect(some.stdout).toContain('merged: s2 → s1');
    const fromFile = await tensorloom('run', graph({ passes: ['prune', 'fold'] }), '--plan');
    expect(fromFile.stdout).toMatch(/plan: 5 steps/);
    expect(fromFile.stdout).toContain('cse: off');
  });

  it("returns the nodes the file's settings name in graph mode, pruning what they do not need", async () => {
    const { code, stdout } = await tensorloom('run', graph({ outputs: ['s1', 'gone'] }), '--plan');
    expect(code).toBe(0);
    expect(stdout).toContain(`s1.y  float32[2]  [${[1, 2].map((v) => Number(Math.sin(v).toPrecision(7))).join(', ')}]`);
    expect(stdout).toContain('pruned: two, s2, half, one, m, y');
    expect(stdout).not.toContain('y.z');
  });

  it('refuses an unknown pass, and passes in eager mode, with exit status 2', async () => {
    const unknown = await tensorloom('run', graph(), '--passes', 'prune,inline');
    expect([unknown.code, unknown.stderr]).toEqual([
      2,
      expect.stringContaining('--passes must be all, none or a list'),
    ]);
    const eager = await tensorloom('run', graph(), '--passes', 'all', '--mode', 'eager');
    expect([eager.code, eager.stderr]).toEqual([2, expect.stringContaining('eager mode runs every node as written')]);
  });
});
