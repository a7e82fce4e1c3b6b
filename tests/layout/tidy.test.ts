import { describe, expect, it } from 'vitest';
import type { Graph } from '../../src/graph/types';
import { createDocumentStore } from '../../src/store/document-store';
import { openGraph, tidyGraph } from '../../src/store/layout';
import { createRunStore } from '../../src/store/run-store';
import { layeredDag } from '../support/layered-graphs';
import { estimatedBoxes, overlapping, rects } from './boxes';

function stores() {
  return { doc: createDocumentStore(), run: createRunStore() };
}

const positionsOf = (graph: Graph) => new Map(graph.nodes.map((n) => [n.id, n.position]));
/** Every node on one point, as files without positions used to open. */
const stacked = (graph: Graph): Graph => ({
  ...graph,
  nodes: graph.nodes.map((n) => ({ ...n, position: { x: 0, y: 0 } })),
});

describe('opening and tidying a document', () => {
  const graph = layeredDag(2, 6, 5);

  it('opens a graph without positions laid out, in one history step, its edges routed', async () => {
    const s = stores();
    await openGraph(s, graph, 'file', 'dag.json');
    const { graph: opened, fileName, routes } = s.doc.getState();
    expect(fileName).toBe('dag.json');
    expect(opened.nodes.every((n) => n.position)).toBe(true);
    const placed = positionsOf(opened) as Map<string, { x: number; y: number }>;
    expect(overlapping(rects(estimatedBoxes(graph), placed))).toEqual([]);
    expect(routes.size).toBe(graph.edges.length);
    expect(s.doc.temporal.getState().pastStates).toHaveLength(1);
    // The notice shown while laying out is gone.
    expect(s.run.getState().notice).toBeNull();
  });

  it('tidies the whole graph as one undo step, and a second Tidy changes nothing', async () => {
    const s = stores();
    s.doc.getState().load(stacked(graph), 'file');
    const before = s.doc.getState().graph;
    const steps = s.doc.temporal.getState().pastStates.length;

    expect(await tidyGraph(s, new Map())).toBe(true);
    const tidied = s.doc.getState().graph;
    expect(new Set(tidied.nodes.map((n) => `${n.position!.x},${n.position!.y}`)).size).toBe(graph.nodes.length);
    expect(s.doc.getState().routes.size).toBe(graph.edges.length);
    expect(s.doc.temporal.getState().pastStates).toHaveLength(steps + 1);

    s.doc.temporal.getState().undo();
    expect(s.doc.getState().graph).toBe(before);
    s.doc.temporal.getState().redo();
    expect(positionsOf(s.doc.getState().graph)).toEqual(positionsOf(tidied));

    await tidyGraph(s, new Map());
    expect(s.doc.temporal.getState().pastStates).toHaveLength(steps + 1);
  });

  it('drops a Tidy whose graph was replaced while it ran', async () => {
    const s = stores();
    s.doc.getState().load(stacked(graph), 'file');
    const tidying = tidyGraph(s, new Map());
    const other = stacked(layeredDag(3, 3, 3));
    s.doc.getState().load(other, 'file');
    expect(await tidying).toBe(false);
    expect(s.doc.getState().graph).toBe(other);
  });

  it('keeps a graph opened while an earlier one was still being laid out', async () => {
    const s = stores();
    const first = openGraph(s, layeredDag(4, 12, 8), 'file', 'unplaced.json');
    // Its nodes all have positions: it opens at once, before the first graph's layout is done.
    await openGraph(s, stacked(layeredDag(5, 2, 2)), 'file', 'placed.json');
    await first;
    expect(s.doc.getState().fileName).toBe('placed.json');
  });
});
