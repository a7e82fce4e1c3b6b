import { describe, expect, it } from 'vitest';
import type { Graph, Position } from '../../src/graph/types';
import { layoutGraph, withPositions } from '../../src/layout/layout-graph';
import { GraphBuilder } from '../support/graph-builder';
import { resnetLike } from '../support/layered-graphs';
import { estimatedBoxes, overlapping, rects } from './boxes';

const positionsOf = (graph: Graph) => new Map(graph.nodes.map((n) => [n.id, n.position!]));

/** The graph with the listed nodes at the given positions and every other node without one. */
function placing(graph: Graph, positions: ReadonlyMap<string, Position>): Graph {
  return {
    ...graph,
    nodes: graph.nodes.map(({ position: _, ...node }) => {
      const at = positions.get(node.id);
      return at ? { ...node, position: at } : node;
    }),
  };
}

const shifted = (at: Position, by: Position) => ({ x: at.x + by.x, y: at.y + by.y });

describe('withPositions', () => {
  const model = resnetLike(31);
  const boxes = estimatedBoxes(model);

  it('leaves a graph whose nodes all have positions as it is', async () => {
    const placed = placing(model, new Map(model.nodes.map((n, i) => [n.id, { x: i * 300, y: 0 }])));
    const result = await withPositions(placed, boxes);
    expect(result.graph).toBe(placed);
    expect(result.routes.size).toBe(0);
  });

  it('lays out a graph with no positions whole, with its edge routes', async () => {
    const { positions, routes } = await layoutGraph(model, boxes);
    const result = await withPositions(model, boxes);
    expect(positionsOf(result.graph)).toEqual(positions);
    expect(result.routes).toEqual(routes);
  });

  it('keeps placed nodes where they are and places the rest in the same arrangement beside them', async () => {
    const { positions } = await layoutGraph(model, boxes);
    // The first block was placed (as a layout would, then the whole lot moved); the rest was appended.
    const by = { x: 1000, y: 500 };
    const first = new Set(model.nodes.slice(0, 7).map((n) => n.id));
    const partial = placing(
      model,
      new Map([...positions].filter(([id]) => first.has(id)).map(([id, at]) => [id, shifted(at, by)])),
    );

    const { graph, routes } = await withPositions(partial, boxes);
    const expected = new Map([...positions].map(([id, at]) => [id, shifted(at, by)]));
    expect(positionsOf(graph)).toEqual(expected);
    // Routes were made for other positions: the canvas draws its own curves.
    expect(routes.size).toBe(0);
  });

  it('moves a group of unplaced nodes down until it overlaps no placed node', async () => {
    const { positions } = await layoutGraph(model, boxes);
    const first = model.nodes.slice(0, 7).map((n) => n.id);
    // A placed node sits where the next block would go.
    const blocker = { id: 'blocker', op: 'Placeholder', attrs: {}, position: positions.get('b1_relu')! };
    const partial = placing(model, new Map(first.map((id) => [id, positions.get(id)!])));
    const graph: Graph = { ...partial, nodes: [...partial.nodes, blocker] };
    const withBlocker = new Map([...boxes, ['blocker', boxes.get('x')!]]);

    const result = positionsOf((await withPositions(graph, withBlocker)).graph);
    for (const id of [...first, 'blocker'])
      expect(result.get(id), id).toEqual(graph.nodes.find((n) => n.id === id)!.position);
    expect(overlapping(rects(withBlocker, result))).toEqual([]);
    // Moved straight down: still right of the block it continues.
    expect(result.get('b1_conv')!.x).toBe(positions.get('b1_conv')!.x);
    expect(result.get('b1_conv')!.y).toBeGreaterThan(positions.get('b1_conv')!.y);
  });

  it('puts a group wired to no placed node below everything', async () => {
    const graph = new GraphBuilder()
      .input('a', [1])
      .node('sa', 'Sin', {}, { x: 'a' })
      .input('b', [2])
      .node('sb', 'Sin', {}, { x: 'b' })
      .build();
    const partial = placing(
      graph,
      new Map([
        ['a', { x: 40, y: 60 }],
        ['sa', { x: 400, y: 300 }],
      ]),
    );
    const placedBoxes = estimatedBoxes(graph);
    const result = positionsOf((await withPositions(partial, placedBoxes)).graph);
    const bottom = Math.max(...['a', 'sa'].map((id) => result.get(id)!.y + placedBoxes.get(id)!.height));
    expect(result.get('a')).toEqual({ x: 40, y: 60 });
    expect(result.get('sa')).toEqual({ x: 400, y: 300 });
    expect(result.get('b')!.x).toBe(40);
    expect(Math.min(result.get('b')!.y, result.get('sb')!.y)).toBeGreaterThan(bottom);
    expect(result.get('sb')!.x).toBeGreaterThan(result.get('b')!.x + placedBoxes.get('b')!.width);
  });
});
