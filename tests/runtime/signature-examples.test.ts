import * as tf from '@tensorflow/tfjs';
import { readdirSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { isTensorLiteral } from '../../src/graph/attrs';
import { signatureText } from '../../src/graph/signature';
import type { Graph } from '../../src/graph/types';
import { parseGraphFile } from '../../src/io/graph-file';
import { Session } from '../../src/runtime/session';
import { cpu, live } from '../support/tf';

const EXAMPLES = new URL('../../public/examples/', import.meta.url);

function loadExample(file: string): Graph {
  const loaded = parseGraphFile(readFileSync(new URL(file, EXAMPLES), 'utf8'));
  if (!loaded.ok) throw new Error(loaded.error.message);
  return loaded.graph;
}

/** The graph with every Placeholder's sizes unknown to inference: a signature of nulls of its rank. */
function unknownSizes(graph: Graph): Graph {
  return {
    ...graph,
    nodes: graph.nodes.map((n) => {
      const value = n.attrs['value'];
      if (n.op !== 'Placeholder' || !value || !isTensorLiteral(value)) return n;
      return { ...n, attrs: { ...n.attrs, signature: signatureText(value.shape.map(() => null)) } };
    }),
  };
}

const valuesEqual = (a: ArrayLike<number>, b: ArrayLike<number>) =>
  a.length === b.length && Array.from(a).every((v, i) => Object.is(v, b[i]));

beforeAll(async () => {
  await cpu();
});

describe('every example with its inputs of unknown sizes', () => {
  const files = readdirSync(EXAMPLES).filter(
    (f) => f.endsWith('.json') && loadExample(f).nodes.some((n) => n.op === 'Placeholder'),
  );

  it.each(files)('%s infers, optimizes and computes as with known sizes', async (file) => {
    const graph = loadExample(file);
    const baseline = live();
    const session = new Session(tf);
    const known = await session.run(graph, { mode: 'graph' });
    const again = await session.run(graph, { mode: 'graph' });
    const unknown = await session.run(unknownSizes(graph), { mode: 'graph' });
    expect(known.error).toBeNull();
    expect(unknown.diagnostics.filter((d) => !known.diagnostics.some((k) => k.message === d.message))).toEqual([]);
    expect(unknown.error).toBeNull();
    expect(unknown.trace!.traced).toBe(true);
    expect(unknown.outputs.map((o) => `${o.node}.${o.port}`)).toEqual(known.outputs.map((o) => `${o.node}.${o.port}`));
    for (const [i, out] of known.outputs.entries()) {
      const { summary } = unknown.outputs[i]!;
      // Scripts that draw random data draw anew each run: their outputs are compared by type alone.
      if (!valuesEqual(out.summary.values, again.outputs[i]!.summary.values))
        expect([summary.dtype, summary.shape], out.node).toEqual([out.summary.dtype, out.summary.shape]);
      else expect(summary.values, out.node).toEqual(out.summary.values);
    }
    session.dispose();
    expect(live()).toBe(baseline);
  });
});
