import { describe, expect, it } from 'vitest';
import type { Graph } from '../../src/graph/types';
import type { BackendName } from '../../src/runtime/backend';
import { GraphBuilder } from '../support/graph-builder';
import { sessions } from '../support/session';

/**
 * Warnings name the WebGPU limits a node meets. The values are computed on the CPU backend; the
 * session is only told which backend it reports for, since the warnings depend on that alone.
 */
const newSession = sessions();

async function warnings(graph: Graph, backend: BackendName, mode: 'eager' | 'graph', node = 'op') {
  const report = await newSession({ name: backend, reason: 'test' }).run(graph, { mode });
  expect(report.ok).toBe(true);
  return report.nodes.find((n) => n.nodeId === node)?.warnings ?? [];
}

const intProduct = (a: number, b: number) =>
  new GraphBuilder()
    .input('a', [a], [1], 'int32')
    .input('b', [b], [1], 'int32')
    .node('op', 'Mul', {}, { x: 'a', y: 'b' })
    .build();

describe('warnings of backend limits', () => {
  it('warns of int32 rounding on WebGPU when a value read or made passes 2^24, and never on the CPU', async () => {
    // 5000 · 5000 = 25,000,000 > 2^24: the inputs are small, the product is not.
    expect(await warnings(intProduct(5000, 5000), 'webgpu', 'eager')).toEqual([
      expect.stringContaining('int32 values beyond ±2²⁴'),
    ]);
    expect(await warnings(intProduct(3, 4), 'webgpu', 'eager')).toEqual([]);
    expect(await warnings(intProduct(5000, 5000), 'cpu', 'eager')).toEqual([]);
  });

  it('judges by dtype alone what graph mode did not keep', async () => {
    // The placeholders' values are freed in graph mode, so small int32 inputs could still be large.
    const graph = new GraphBuilder()
      .input('a', [3], [1], 'int32')
      .node('op', 'Mul', {}, { x: 'a', y: 'a' })
      .node('sum', 'Sum', {}, { input: 'op' })
      .build();
    expect(await warnings(graph, 'webgpu', 'graph')).toEqual([expect.stringContaining('int32')]);
  });

  it('warns of NaN and infinity only where a value holds one, and of large angles', async () => {
    const sigmoid = (v: number) => new GraphBuilder().input('x', [v, 1]).node('op', 'Sigmoid', {}, { x: 'x' }).build();
    expect(await warnings(sigmoid(NaN), 'webgpu', 'eager')).toEqual([expect.stringContaining('NaN and ±∞')]);
    expect(await warnings(sigmoid(2), 'webgpu', 'eager')).toEqual([]);
    const sin = new GraphBuilder().input('x', [1e5]).node('op', 'Sin', {}, { x: 'x' }).build();
    expect(await warnings(sin, 'webgpu', 'eager')).toEqual([expect.stringContaining('angles beyond ±10⁴')]);
  });
});
