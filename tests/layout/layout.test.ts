import { describe, expect, it } from 'vitest';
import type { Graph, Position } from '../../src/graph/types';
import { elk } from '../../src/layout/elk-engine';
import { positionsFrom, toElkGraph } from '../../src/layout/elk-graph';
import { layoutGraph } from '../../src/layout/layout-graph';
import { GraphBuilder } from '../support/graph-builder';
import { layeredDag, resnetLike } from '../support/layered-graphs';
import { backwards, estimatedBoxes, overlapping, rects, type Rect } from './boxes';

/** Lays out with estimated boxes; returns the layout and the boxes where it put them. */
async function laidOut(graph: Graph) {
  const boxes = estimatedBoxes(graph);
  const layout = await layoutGraph(graph, boxes);
  return { boxes, layout, placed: rects(boxes, layout.positions) };
}

describe('layoutGraph', () => {
  it.each([
    ['a random layered DAG', layeredDag(4, 12, 8)],
    ['a ResNet-like model', resnetLike(120)],
  ])('places every node of %s, none overlapping, every edge left to right', async (_, graph) => {
    const { layout, placed } = await laidOut(graph);
    expect([...layout.positions.keys()].sort()).toEqual(graph.nodes.map((n) => n.id).sort());
    expect(overlapping(placed)).toEqual([]);
    expect(backwards(graph, placed)).toEqual([]);
  });

  it('lays out what an invalid file holds: a cycle, an unknown op, an edge to no node, a repeated id', async () => {
    const graph: Graph = {
      nodes: [
        { id: 'a', op: 'Sin', attrs: {} },
        { id: 'b', op: 'Cos', attrs: {} },
        { id: 'c', op: 'NoSuchOp', attrs: {} },
        { id: 'c', op: 'Neg', attrs: {} },
      ],
      edges: [
        { id: 'ab', source: 'a', sourcePort: 'y', target: 'b', targetPort: 'x' },
        { id: 'ba', source: 'b', sourcePort: 'y', target: 'a', targetPort: 'x' },
        { id: 'bc', source: 'b', sourcePort: 'y', target: 'c', targetPort: 'x' },
        { id: 'gone', source: 'nowhere', sourcePort: 'y', target: 'a', targetPort: 'x' },
        { id: 'self', source: 'b', sourcePort: 'y', target: 'b', targetPort: 'x' },
      ],
    };
    const { layout, placed } = await laidOut(graph);
    expect([...layout.positions.keys()]).toEqual(['a', 'b', 'c']);
    expect(overlapping(placed)).toEqual([]);
  });

  it('gives the same layout every time', async () => {
    const graph = layeredDag(9, 10, 6, 3);
    const first = await laidOut(graph);
    const second = await laidOut(graph);
    expect([...second.layout.positions]).toEqual([...first.layout.positions]);
    expect([...second.layout.routes]).toEqual([...first.layout.routes]);
  });

  it('lays out a 1,200-node layered graph with no overlaps', async () => {
    const graph = layeredDag(1, 40, 30);
    const started = performance.now();
    const { placed } = await laidOut(graph);
    console.log(`1,200 nodes, ${graph.edges.length} edges laid out in ${(performance.now() - started).toFixed(0)} ms`);
    expect(placed).toHaveLength(1200);
    expect(overlapping(placed)).toEqual([]);
    expect(backwards(graph, placed)).toEqual([]);
  }, 120_000);

  it('ends every edge at its ports: outputs on the right, inputs on the left, in op order', async () => {
    // Conv2D's inputs are input then filter; the filter is wired first, to show order comes from the op.
    const graph = new GraphBuilder()
      .input('x', [1, 2, 3, 4], [1, 2, 2, 1])
      .constant('w', [1], [1, 1, 1, 1])
      .node('conv', 'Conv2D', {}, { filter: 'w', input: 'x' })
      .node('relu', 'Relu', {}, { features: 'conv' })
      .build();
    const boxes = estimatedBoxes(graph);
    expect(boxes.get('conv')!.inputs.map((p) => p.id)).toEqual(['input', 'filter']);
    const result = await (await elk()).layout(toElkGraph(graph, boxes));
    const at = positionsFrom(result, graph);
    for (const [j, edge] of graph.edges.entries()) {
      const section = result.edges!.find((e) => e.id === `e${j}`)!.sections![0]!;
      const [source, target] = [at.get(edge.source)!, at.get(edge.target)!];
      const out = boxes.get(edge.source)!.outputs.find((p) => p.id === edge.sourcePort)!;
      const into = boxes.get(edge.target)!.inputs.find((p) => p.id === edge.targetPort)!;
      // Handles sit 5 px outside the node's edges.
      expect(section.startPoint.x).toBeCloseTo(source.x + boxes.get(edge.source)!.width + 5, 0);
      expect(section.startPoint.y).toBeCloseTo(source.y + out.y, 0);
      expect(section.endPoint.x).toBeCloseTo(target.x - 5, 0);
      expect(section.endPoint.y).toBeCloseTo(target.y + into.y, 0);
    }
  });

  it('routes edges that span layers around the nodes between, not through them', async () => {
    const graph = layeredDag(5, 8, 6, 3);
    const { boxes, layout, placed } = await laidOut(graph);
    const handle = (id: string, side: 'inputs' | 'outputs', port: string): Position => {
      const [at, box] = [layout.positions.get(id)!, boxes.get(id)!];
      const y = box[side].find((p) => p.id === port)!.y;
      return { x: side === 'inputs' ? at.x - 5 : at.x + box.width + 5, y: at.y + y };
    };
    const crossings: string[] = [];
    for (const edge of graph.edges) {
      const route = layout.routes.get(edge.id)!;
      const others = placed.filter((r) => r.id !== edge.source && r.id !== edge.target);
      const start = handle(edge.source, 'outputs', edge.sourcePort);
      const end = handle(edge.target, 'inputs', edge.targetPort);
      for (const p of sampleSpline([start, ...route.controls, end])) {
        const hit = others.find((r) => inside(p, r));
        if (hit) crossings.push(`${edge.source} → ${edge.target} crosses ${hit.id}`);
      }
    }
    expect([...new Set(crossings)]).toEqual([]);
  });
});

/** Points along a chain of cubic Bézier segments: start, two control points, joint, …, end. */
function sampleSpline(chain: readonly Position[]): Position[] {
  const points: Position[] = [];
  for (let i = 0; i + 3 < chain.length; i += 3) {
    const [p0, p1, p2, p3] = [chain[i]!, chain[i + 1]!, chain[i + 2]!, chain[i + 3]!];
    for (let t = 0; t <= 1; t += 0.05) {
      const u = 1 - t;
      const at = (a: number, b: number, c: number, d: number) =>
        u ** 3 * a + 3 * u * u * t * b + 3 * u * t * t * c + t ** 3 * d;
      points.push({ x: at(p0.x, p1.x, p2.x, p3.x), y: at(p0.y, p1.y, p2.y, p3.y) });
    }
  }
  return points;
}

/** Strictly inside, by more than a pixel: a curve may graze a box's edge. */
function inside(p: Position, r: Rect): boolean {
  return p.x > r.x + 1 && p.x < r.x + r.width - 1 && p.y > r.y + 1 && p.y < r.y + r.height - 1;
}
