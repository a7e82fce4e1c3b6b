import { describe, expect, it } from 'vitest';
import type { Graph } from '../../src/graph/types';
import type { PassResult } from '../../src/runtime/plan';
import type { NodeReport, PlanView, RunReport } from '../../src/runtime/reports';
import { summarizeValues } from '../../src/runtime/summary';
import { BULGE, linkPath } from '../../src/ui/plan/link-geometry';
import { passOutcome } from '../../src/ui/plan/pass-info';
import { planMarks } from '../../src/ui/plan/plan-marks';

const scalar = { dtype: 'float32', shape: [], values: [2] } as const;

/** Node ids with names where the marks should use the name. */
const graph: Graph = {
  nodes: [
    { id: 'x', op: 'Placeholder', attrs: {} },
    { id: 'two', op: 'Const', attrs: { value: scalar } },
    { id: 'three', op: 'Const', attrs: { value: scalar } },
    { id: 'six', op: 'Mul', name: 'two·three', attrs: {} },
    { id: 'grid', op: 'Fill', attrs: {} },
    { id: 'a', op: 'Sin', attrs: {} },
    { id: 'b', op: 'Sin', name: 'sin again', attrs: {} },
    { id: 'one', op: 'Mul', attrs: {} },
    { id: 'split', op: 'Unpack', attrs: {} },
    { id: 'unused', op: 'Exp', attrs: {} },
    { id: 'out', op: 'AddN', attrs: {} },
    { id: 'k', op: 'Const', attrs: { value: scalar } },
    { id: 'unit', op: 'Const', attrs: { value: scalar } },
    { id: 'broken', op: 'Sin', attrs: {} },
  ],
  edges: [
    { id: 'e1', source: 'two', sourcePort: 'output', target: 'six', targetPort: 'x' },
    { id: 'e2', source: 'three', sourcePort: 'output', target: 'six', targetPort: 'y' },
    { id: 'e3', source: 'k', sourcePort: 'output', target: 'out', targetPort: 'inputs' },
    { id: 'e4', source: 'unit', sourcePort: 'output', target: 'one', targetPort: 'y' },
  ],
};

const passes: PassResult[] = [
  { pass: 'prune', enabled: true, changes: [{ kind: 'pruned', node: 'unused' }] },
  {
    pass: 'fold',
    enabled: true,
    changes: [
      { kind: 'folded', node: 'six' },
      { kind: 'folded', node: 'grid' },
    ],
  },
  { pass: 'cse', enabled: true, changes: [{ kind: 'merged', node: 'b', into: 'a' }] },
  { pass: 'simplify', enabled: true, changes: [{ kind: 'simplified', node: 'one', rule: 'x·1 → x', into: 'a' }] },
  { pass: 'fuse', enabled: false, changes: [] },
];

const optimization: PlanView = {
  passes,
  steps: ['x', 'a', 'split', 'out'],
  frees: [
    [],
    [{ node: 'x', port: 'output' }],
    [],
    [
      { node: 'a', port: 'y' },
      { node: 'split', port: 'output0' },
      { node: 'split', port: 'output1' },
    ],
  ],
};

function nodeReport(
  nodeId: string,
  outputs: NodeReport['outputs'] = {},
  status: NodeReport['status'] = 'ok',
): NodeReport {
  return { nodeId, op: 'Op', status, ms: null, outputs };
}

const report = {
  mode: 'graph',
  nodes: [
    nodeReport('six', { z: summarizeValues('float32', [], [6]) }),
    nodeReport('grid', { output: summarizeValues('float32', [2, 3], [1, 1, 1, 1, 1, 1]) }),
    // Graph mode reports nothing of two, three and unit: no step ran them.
    nodeReport('k', {}, 'constant'),
  ],
  diagnostics: [{ kind: 'missing-input', nodeId: 'broken', port: 'x', message: 'no input x' }],
  optimization,
} as Pick<RunReport, 'mode' | 'nodes' | 'diagnostics' | 'optimization'> as RunReport;

const texts = (id: string) =>
  planMarks(graph, report)
    .nodes.get(id)
    ?.chips.map((c) => c.text);

describe('the plan overlay marks', () => {
  it('draws nothing for an eager report or none', () => {
    expect(planMarks(graph, null).nodes.size).toBe(0);
    expect(planMarks(graph, { ...report, optimization: null }).links).toEqual([]);
  });

  it('fades the nodes that never run: pruned, or left unread by the passes', () => {
    const { nodes } = planMarks(graph, report);
    expect(nodes.get('unused')).toMatchObject({ faded: true, chips: [{ kind: 'pruned', text: 'pruned' }] });
    // unit fed only `one`, which simplification rewrote away.
    expect(nodes.get('unit')).toMatchObject({
      faded: true,
      chips: [{ kind: 'unused', text: 'unused after the passes' }],
    });
    expect([...nodes].filter(([, plan]) => plan.faded).map(([id]) => id)).toEqual(['unused', 'unit']);
  });

  it('marks the inputs of a folded node as folded into it, and the constants the plan holds', () => {
    expect(texts('two')).toEqual(['folded into two·three']);
    expect(texts('three')).toEqual(['folded into two·three']);
    expect(texts('k')).toEqual(['constant']);
    // A node with a problem is no part of the plan: the problem is its mark.
    expect(texts('broken')).toBeUndefined();
  });

  it('shows the constant a folded node became: its value when it holds one, else its type', () => {
    expect(texts('six')).toEqual(['folded → 6']);
    expect(texts('grid')).toEqual(['folded → float32[2, 3]']);
  });

  it('links a merged duplicate to the node it merged into, by name', () => {
    const { links } = planMarks(graph, report);
    expect(links).toHaveLength(1);
    expect(links[0]).toMatchObject({ from: 'b', into: 'a', name: 'sin again merged into a (CSE)' });
    expect(texts('b')).toEqual(['merged into a']);
  });

  it('names the rule of a simplified node', () => {
    expect(texts('one')).toEqual(['simplified: x·1 → x']);
  });

  it('numbers the steps from 1 and says what each step frees, by port only where a node frees several', () => {
    expect(texts('x')).toEqual(['step 1']);
    expect(texts('a')).toEqual(['step 2', 'frees x']);
    expect(texts('split')).toEqual(['step 3']);
    expect(texts('out')).toEqual(['step 4', 'frees a, split.output0, split.output1']);
    expect(planMarks(graph, report).nodes.get('out')?.chips[1]?.explain).toBe(
      'After step 4, graph mode frees a, split.output0, split.output1: no later step reads them.',
    );
  });
});

describe('what each pass did, in words', () => {
  const name = (id: string) => graph.nodes.find((n) => n.id === id)?.name ?? id;
  it('counts the nodes a pass changed and names them', () => {
    expect(passOutcome(passes[1]!, name)).toEqual({
      summary: '2 nodes folded',
      nodes: [
        { id: 'six', text: 'two·three' },
        { id: 'grid', text: 'grid' },
      ],
    });
    expect(passOutcome(passes[2]!, name)).toEqual({
      summary: '1 node merged',
      nodes: [{ id: 'b', text: 'sin again into a' }],
    });
    expect(passOutcome(passes[3]!, name).nodes).toEqual([{ id: 'one', text: 'one: x·1 → x' }]);
  });

  it('says when a pass was off or found nothing', () => {
    expect(passOutcome(passes[4]!, name)).toEqual({ summary: 'off', nodes: [] });
    expect(passOutcome({ pass: 'cse', enabled: true, changes: [] }, name)).toEqual({
      summary: 'nothing merged',
      nodes: [],
    });
  });
});

describe('where a merge link is drawn', () => {
  const a = { x: 0, y: 0, width: 100, height: 40 };

  it('runs straight between side-by-side boxes, from border to border along the line between their centres', () => {
    expect(linkPath(a, { ...a, x: 200 })).toEqual({ d: 'M 100 20 L 200 20', label: { x: 150, y: 20 } });
    // Centres (50, 20) and (250, 100): the line between them leaves a at its corner and enters b at its corner.
    expect(linkPath(a, { ...a, x: 200, y: 80 })).toEqual({ d: 'M 100 40 L 200 80', label: { x: 150, y: 60 } });
  });

  it('arcs out to the right between boxes of one column, clear of what stands between them', () => {
    const below = { ...a, x: 10, y: 200 };
    const out = 110 + BULGE;
    expect(linkPath(below, a)).toEqual({
      d: `M 110 220 C ${out} 220, ${out} 20, 100 20`,
      // The curve's midpoint: an eighth of each end and three quarters of the way out.
      label: { x: (110 + 100) / 8 + (out * 3) / 4, y: 120 },
    });
  });

  it('draws nothing between overlapping boxes', () => {
    expect(linkPath(a, { x: 50, y: 10, width: 100, height: 40 })).toBeNull();
  });
});
