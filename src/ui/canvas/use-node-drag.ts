import { useCallback, useRef } from 'react';
import { useApp } from '../app-context';
import type { OpFlowNode } from './OpNode';

/** The edge drawn under a point of the screen, if any. */
function edgeAt(x: number, y: number): string | null {
  for (const element of document.elementsFromPoint(x, y)) {
    const edge = element.closest<SVGElement>('.react-flow__edge');
    if (edge?.dataset.id) return edge.dataset.id;
  }
  return null;
}

/**
 * A node drag is one undo step, from its start to its drop; a single unwired node dropped with the
 * pointer on an edge is inserted there (the edge split around it), in the same step. `dragging`
 * tells position changes of a drag from others, which are an undo step each.
 */
export function useNodeDrag() {
  const app = useApp();
  const dragging = useRef(false);
  const onNodeDragStart = useCallback(() => {
    dragging.current = true;
  }, []);
  const onNodeDragStop = useCallback(
    (event: MouseEvent | TouchEvent, node: OpFlowNode, nodes: OpFlowNode[]) => {
      dragging.current = false;
      const doc = app.doc.getState();
      const unwired = !doc.graph.edges.some((e) => e.source === node.id || e.target === node.id);
      const point = 'changedTouches' in event ? event.changedTouches[0] : event;
      const edge = point && nodes.length === 1 && unwired ? edgeAt(point.clientX, point.clientY) : null;
      if (edge) {
        const result = doc.insertOnEdge(edge, node.id);
        if (result.ok) return;
        app.run.setState({ notice: { text: `Cannot insert ${node.id} there: ${result.reason}`, tone: 'error' } });
      }
      doc.commitMove();
    },
    [app],
  );
  return { dragging, onNodeDragStart, onNodeDragStop };
}
