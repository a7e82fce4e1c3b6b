import { useCallback, useRef } from 'react';
import { useApp } from '../app-context';
import type { OpFlowNode } from './OpNode';

const DROP_TARGET = 'drop-target';

/** The edge drawn under a point of the screen, if any. */
function edgeAt(x: number, y: number): SVGElement | null {
  for (const element of document.elementsFromPoint(x, y)) {
    const edge = element.closest<SVGElement>('.react-flow__edge');
    if (edge?.dataset.id) return edge;
  }
  return null;
}

function pointOf(event: MouseEvent | TouchEvent): { clientX: number; clientY: number } | undefined {
  return 'changedTouches' in event ? event.changedTouches[0] : event;
}

/**
 * A node drag is one undo step, from its start to its drop; a single unwired node dropped with the
 * pointer on an edge is inserted there (the edge split around it), in the same step, and that edge
 * is marked while the pointer is on it. `dragging` tells position changes of a drag from others,
 * which are an undo step each.
 */
export function useNodeDrag() {
  const app = useApp();
  const dragging = useRef(false);
  const marked = useRef<SVGElement | null>(null);

  /** The edge a drop would split, for a single node with no wires. */
  const targetEdge = useCallback(
    (event: MouseEvent | TouchEvent, node: OpFlowNode, nodes: OpFlowNode[]) => {
      const point = pointOf(event);
      const unwired = !app.doc.getState().graph.edges.some((e) => e.source === node.id || e.target === node.id);
      return point && nodes.length === 1 && unwired ? edgeAt(point.clientX, point.clientY) : null;
    },
    [app],
  );
  const mark = useCallback((edge: SVGElement | null) => {
    if (marked.current === edge) return;
    marked.current?.classList.remove(DROP_TARGET);
    edge?.classList.add(DROP_TARGET);
    marked.current = edge;
  }, []);

  const onNodeDragStart = useCallback(() => {
    dragging.current = true;
  }, []);
  const onNodeDrag = useCallback(
    (event: MouseEvent | TouchEvent, node: OpFlowNode, nodes: OpFlowNode[]) => mark(targetEdge(event, node, nodes)),
    [mark, targetEdge],
  );
  const onNodeDragStop = useCallback(
    (event: MouseEvent | TouchEvent, node: OpFlowNode, nodes: OpFlowNode[]) => {
      dragging.current = false;
      mark(null);
      const doc = app.doc.getState();
      const edge = targetEdge(event, node, nodes)?.dataset.id;
      if (edge) {
        const result = doc.insertOnEdge(edge, node.id);
        if (result.ok) return;
        app.run.setState({ notice: { text: `Cannot insert ${node.id} there: ${result.reason}`, tone: 'error' } });
      }
      doc.commitMove();
    },
    [app, mark, targetEdge],
  );
  // A drag of the selection box moves its nodes as one: one undo step, no insertion.
  const onSelectionDragStop = useCallback(() => {
    dragging.current = false;
    app.doc.getState().commitMove();
  }, [app]);
  return { dragging, onNodeDragStart, onNodeDrag, onNodeDragStop, onSelectionDragStop };
}
