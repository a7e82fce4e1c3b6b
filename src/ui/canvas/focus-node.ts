import type { ReactFlowInstance } from '@xyflow/react';
import type { OpFlowNode } from './OpNode';

function nodeElement(canvas: HTMLElement, id: string): HTMLElement | null {
  return canvas.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(id)}"]`);
}

/**
 * Moves the keyboard focus to node `id`. The canvas draws only the nodes in view: one outside it is
 * brought into view first, and focused once drawn (a node just added is drawn a frame later).
 */
export function focusNode(flow: ReactFlowInstance<OpFlowNode>, canvas: HTMLElement, id: string): void {
  const now = nodeElement(canvas, id);
  if (now) {
    now.focus();
    return;
  }
  const node = flow.getInternalNode(id);
  if (node) {
    const { width = 0, height = 0 } = node.measured;
    void flow.setCenter(node.internals.positionAbsolute.x + width / 2, node.internals.positionAbsolute.y + height / 2, {
      zoom: flow.getZoom(),
    });
  }
  let frames = 0;
  const retry = () => {
    const element = nodeElement(canvas, id);
    if (element) element.focus();
    else if (++frames < 30) requestAnimationFrame(retry);
  };
  requestAnimationFrame(retry);
}
