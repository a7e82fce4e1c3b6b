import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Graph } from '../../src/graph/types';
import { Session } from '../../src/runtime/session';
import { GraphBuilder, tensor, withAttrs } from '../support/graph-builder';
import { cpu, expectValuesClose, live } from '../support/tf';

let session: Session;
let baseline: number;

beforeAll(async () => {
  await cpu();
});

afterEach(() => {
  session?.dispose();
  expect(live(), 'tensors alive after the session is disposed').toBe(baseline);
});

function newSession(): Session {
  baseline = live();
  session = new Session(tf);
  return session;
}

/** x [2, 3] (named "features") times w [3, 2], summed over `axis` 0 by the node named "total". */
function matMulSum(): Graph {
  const graph = new GraphBuilder()
    .input('x', [1, 2, 3, 4, 5, 6], [2, 3])
    .constant('w', [1, 0, 0, 1, 1, 1], [3, 2])
    .node('mm', 'MatMul', {}, { a: 'x', b: 'w' })
    .node('sum', 'Sum', { axis: [0] }, { input: 'mm' })
    .build();
  const names: Record<string, string> = { x: 'features', sum: 'total' };
  return { ...graph, nodes: graph.nodes.map((n) => (names[n.id] ? { ...n, name: names[n.id] } : n)) };
}

const fed = (graph: Graph, values: number[], shape: number[], dtype: 'float32' | 'int32' = 'float32') =>
  withAttrs(graph, 'x', { value: tensor(values, shape, dtype) });

describe('trace notes', () => {
  it('says a first call traced, and that a new value of the same shape reuses the trace', async () => {
    const s = newSession();
    const g = matMulSum();
    expect((await s.run(g)).trace).toEqual({ traced: true, number: 1, reasons: ['first call'] });
    const again = await s.run(fed(g, [6, 5, 4, 3, 2, 1], [2, 3]));
    expect(again.trace).toEqual({ traced: false, number: 1, reasons: [] });
    // x·w = [[6+4, 5+4], [3+1, 2+1]] = [[10, 9], [4, 3]], summed over rows.
    expectValuesClose(again.outputs[0]!.summary.values, [14, 12]);
  });

  it("names an input's new shape and dtype", async () => {
    const s = newSession();
    const g = matMulSum();
    await s.run(g);
    const reshaped = await s.run(fed(g, [1, 2, 3, 4, 5, 6, 7, 8, 9], [3, 3]));
    expect(reshaped.trace).toEqual({
      traced: true,
      number: 2,
      reasons: ['input `features` changed shape [2, 3] → [3, 3]'],
    });
    const retyped = await s.run(
      withAttrs(fed(g, [1, 2, 3, 4, 5, 6], [2, 3], 'int32'), 'w', {
        value: tensor([1, 0, 0, 1, 1, 1], [3, 2], 'int32'),
      }),
    );
    expect(retyped.trace!.traced).toBe(true);
    expect(retyped.trace!.number).toBe(3);
    expect(retyped.trace!.reasons).toContain('input `features` changed dtype float32 → int32');
    expect(retyped.trace!.reasons).toContain('input `features` changed shape [3, 3] → [2, 3]');
  });

  it('names an edited attribute with its old and new value, and the node as the user named it', async () => {
    const s = newSession();
    const g = matMulSum();
    await s.run(g);
    const edited = await s.run(withAttrs(g, 'sum', { axis: [1] }));
    expect(edited.trace).toEqual({ traced: true, number: 2, reasons: ['attribute `axis` of total edited [0] → [1]'] });
    // Row sums of [[4, 5], [10, 11]].
    expectValuesClose(edited.outputs[0]!.summary.values, [9, 21]);
  });

  it('names nodes added, removed and rewired', async () => {
    const s = newSession();
    const g = matMulSum();
    await s.run(g);
    const withNeg = new GraphBuilder().node('neg', 'Neg', {}, { x: 'mm.product' }).build();
    const grown: Graph = {
      nodes: [...g.nodes, ...withNeg.nodes],
      edges: [
        ...g.edges.filter((e) => e.target !== 'sum'),
        { ...withNeg.edges[0]!, id: 'e-neg' },
        { id: 'e-sum', source: 'neg', sourcePort: 'y', target: 'sum', targetPort: 'input' },
      ],
    };
    expect((await s.run(grown)).trace!.reasons).toEqual(['graph structure changed: added neg; rewired total']);
    expect((await s.run(g)).trace).toEqual({
      traced: false,
      number: 1,
      reasons: ['graph structure changed: removed neg; rewired total', 'trace 1 was made for this before: reused'],
    });
  });

  it('says what changed when the optimizer passes or the requested outputs do', async () => {
    const s = newSession();
    const g = matMulSum();
    await s.run(g);
    expect((await s.run(g, { passes: ['prune'] })).trace!.reasons).toEqual([
      'optimizer passes changed: fold off, cse off, simplify off, fuse off',
    ]);
    expect((await s.run(g, { passes: ['prune'], outputs: ['mm'] })).trace!.reasons).toEqual([
      'requested outputs changed',
    ]);
    expect((await s.run(g, { mode: 'eager' })).trace!.reasons[0]).toBe(
      'execution mode changed graph → eager (each mode traces its own plan)',
    );
  });

  it('reuses the trace for shapes within a signature, and says so', async () => {
    const s = newSession();
    const signed = withAttrs(matMulSum(), 'x', { signature: '[null, 3]' });
    expect((await s.run(signed)).trace!.reasons).toEqual(['first call']);
    const taller = await s.run(fed(signed, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15], [5, 3]));
    expect(taller.trace).toEqual({
      traced: false,
      number: 1,
      reasons: ['input `features` changed shape [2, 3] → [5, 3]: within its signature [null, 3], no retrace'],
    });
    // Rows of x·w are [a + c, b + c]: (1+3)+(4+6)+…+(13+15) and (2+3)+(5+6)+…+(14+15).
    expectValuesClose(taller.outputs[0]!.summary.values, [80, 85]);
    expect(taller.traceCount).toBe(1);
  });

  it('traces when the signature is set, and refuses a value that does not fit it', async () => {
    const s = newSession();
    const g = matMulSum();
    await s.run(g);
    const signed = await s.run(withAttrs(g, 'x', { signature: '[null, 3]' }));
    expect(signed.trace).toEqual({
      traced: true,
      number: 2,
      reasons: ['attribute `signature` of features edited none → [null, 3]'],
    });
    const misfit = await s.run(withAttrs(fed(g, [1, 2, 3, 4, 5, 6, 7, 8], [2, 4]), 'x', { signature: '[null, 3]' }));
    expect(misfit.ok).toBe(false);
    expect(misfit.trace).toBeNull();
    expect(misfit.diagnostics.find((d) => d.nodeId === 'x')?.message).toContain(
      'value of shape [2, 4] does not fit the signature [null, 3]',
    );
  });
});
