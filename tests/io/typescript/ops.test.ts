/**
 * Every op as tfjs code: a one-op graph per conformance case (tests/ops/cases), its inputs fed by
 * Placeholders, exported, type-checked and run; its values must be Tensorloom's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Graph, GraphEdge, GraphNode, TensorLiteral } from '../../../src/graph/types';
import { IMAGE_DECODING_UNWRITABLE } from '../../../src/ops/image/decode-image-bytes';
import { OPS } from '../../../src/ops/registry';
import { loadTranspiler } from '../../../src/ops/script/compile-body';
import { seededRandom } from '../../support/random';
import { sessions } from '../../support/session';
import { inputValues, type InputGen, type OpCase } from '../../ops/op-case';
import {
  expectSameValues,
  exported,
  moduleValues,
  outputPorts,
  removeGenerated,
  tensorloomValues,
  typeErrors,
  writeExport,
} from './exported-module';

const modules = import.meta.glob<{ cases: OpCase[] }>('../../ops/cases/*.ts', { eager: true });
const cases = Object.values(modules).flatMap((m) => m.cases);
const newSession = sessions();

/** The case's input as a Placeholder's value, drawn as the conformance suite draws it. */
function literal(gen: InputGen, random: () => number): TensorLiteral {
  return { dtype: gen.dtype ?? 'float32', shape: gen.shape, values: inputValues(gen, random) };
}

function caseGraph(c: OpCase, k: number): Graph {
  const random = seededRandom(k * 7919 + 1);
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const feed = (id: string, gen: InputGen, targetPort: string) => {
    nodes.push({ id, op: 'Placeholder', attrs: { value: literal(gen, random) } });
    edges.push({ id: `e_${id}`, source: id, sourcePort: 'output', target: 'op', targetPort });
  };
  for (const [port, gen] of Object.entries(c.inputs)) {
    if (Array.isArray(gen)) gen.forEach((g, i) => feed(`${port}_${i}`, g, `${port}:${i}`));
    else feed(port, gen, port);
  }
  nodes.push({ id: 'op', op: c.op, attrs: c.attrs ?? {} });
  return { name: `${c.op} #${k}`, nodes, edges };
}

const graphs = cases.map(caseGraph);
/** Each case's module, or why it could not be written. */
const written: (string | Error)[] = [];
let largest = 0;

beforeAll(async () => {
  await loadTranspiler();
  for (const [k, graph] of graphs.entries()) {
    try {
      written.push(await writeExport(`ops/${k}`, exported(graph)));
    } catch (e) {
      written.push(e as Error);
    }
  }
}, 600_000);
afterAll(() => {
  console.log(
    `${graphs.length} one-op graphs over ${new Set(cases.map((c) => c.op)).size} ops: largest difference ${largest}`,
  );
  removeGenerated('ops');
});

describe('every op written as tfjs code', () => {
  it('has code, and a case here, for every op that computes', () => {
    expect(OPS.filter((op) => !op.code).map((op) => op.name)).toEqual([]);
    const covered = new Set(cases.map((c) => c.op));
    expect(OPS.filter((op) => op.placeable !== false && !covered.has(op.name)).map((op) => op.name)).toEqual([]);
  });

  it('type-checks every module with strict settings', () => {
    expect(typeErrors(written.filter((w) => typeof w === 'string'))).toBe('');
  }, 600_000);

  it.each(cases.map((c, k) => [`${c.op}${c.title ? ` (${c.title})` : ''} #${k}`, k] as const))(
    '%s computes what Tensorloom does',
    async (label, k) => {
      const graph = graphs[k]!;
      const path = written[k]!;
      // An op that says it cannot be written is refused by the export, for its reason.
      const unwritable = unwritableReason(cases[k]!.op);
      if (unwritable !== null) {
        expect(path instanceof Error && path.message).toContain(unwritable);
        return;
      }
      if (path instanceof Error) throw path;
      const ours = await tensorloomValues(newSession(), graph, outputNames(graph));
      const theirs = await moduleValues(path, graph);
      largest = Math.max(largest, expectSameValues(ours, theirs, label));
    },
  );
});

/** Why an op cannot be written as tfjs code, or null: the image decoders need decoders tfjs lacks. */
function unwritableReason(name: string): string | null {
  return ['DecodePng', 'DecodeJpeg', 'DecodeImage'].includes(name) ? IMAGE_DECODING_UNWRITABLE.unwritable : null;
}

/** The op node's outputs, by `op:port`. */
function outputNames(graph: Graph): string[] {
  return outputPorts(graph, 'op').map((port) => `op:${port}`);
}
