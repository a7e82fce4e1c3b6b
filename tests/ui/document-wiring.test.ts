import { describe, expect, it } from 'vitest';
import { createDocumentStore } from '../../src/store/document-store';
import { GraphBuilder } from '../support/graph-builder';

function storeWith() {
  const doc = createDocumentStore();
  const graph = new GraphBuilder().input('x', [1, 2]).node('s', 'Sin', {}, { x: 'x' }).node('r', 'Relu').build();
  doc.getState().load(graph, 'new');
  doc.temporal.getState().clear();
  return doc;
}

const steps = (doc: ReturnType<typeof createDocumentStore>) => doc.temporal.getState().pastStates.length;
const wires = (doc: ReturnType<typeof createDocumentStore>) =>
  doc.getState().graph.edges.map((e) => `${e.source}.${e.sourcePort}->${e.target}.${e.targetPort}`);

describe('wiring edits are one undo step each', () => {
  it('removing nodes and edges together', () => {
    const doc = storeWith();
    doc.getState().remove(['r'], ['e0']);
    expect(doc.getState().graph.nodes.map((n) => n.id)).toEqual(['x', 's']);
    expect(wires(doc)).toEqual([]);
    expect(steps(doc)).toBe(1);
    doc.temporal.getState().undo();
    expect(doc.getState().graph.nodes).toHaveLength(3);
    expect(wires(doc)).toEqual(['x.output->s.x']);
  });

  it('a node added wired to the port a wire came from', () => {
    const doc = storeWith();
    const { id, refused } = doc
      .getState()
      .addWiredNode('Neg', { x: 10, y: 20 }, { port: 'x', other: { node: 's', port: 'y' } }, 'fed-by');
    expect([id, refused]).toEqual(['neg', null]);
    expect(wires(doc)).toEqual(['x.output->s.x', 's.y->neg.x']);
    expect(steps(doc)).toBe(1);
    doc.temporal.getState().undo();
    expect(doc.getState().graph.nodes.map((n) => n.id)).toEqual(['x', 's', 'r']);
  });

  it('a refused wire leaves the node, and says why', () => {
    const doc = storeWith();
    const { refused } = doc
      .getState()
      .addWiredNode('LogicalNot', { x: 0, y: 0 }, { port: 'x', other: { node: 's', port: 'y' } }, 'fed-by');
    expect(refused).toMatch(/LogicalNot\.x takes bool/);
    expect(doc.getState().graph.nodes.map((n) => n.id)).toContain('logicalnot');
    expect(wires(doc)).toEqual(['x.output->s.x']);
  });

  it('a drag that ends on an edge: the move and the split are one step', () => {
    const doc = storeWith();
    doc.getState().dragNodes(new Map([['r', { x: 50, y: 50 }]]));
    doc.getState().dragNodes(new Map([['r', { x: 120, y: 0 }]]));
    expect(doc.getState().insertOnEdge('e0', 'r')).toEqual({ ok: true });
    expect(wires(doc)).toEqual(['x.output->r.features', 'r.activations->s.x']);
    expect(steps(doc)).toBe(1);
    doc.temporal.getState().undo();
    expect(wires(doc)).toEqual(['x.output->s.x']);
    expect(doc.getState().graph.nodes.find((n) => n.id === 'r')!.position).toBeUndefined();
    // History records again after the drag: the next edit is a step of its own.
    doc.getState().rename('s', 'sine');
    expect(steps(doc)).toBe(1);
  });
});
