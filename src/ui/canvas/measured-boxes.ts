import type { Handle, ReactFlowInstance } from '@xyflow/react';
import type { NodeBox, PortAt } from '../../layout/node-box';
import type { OpFlowNode } from './OpNode';

/**
 * React Flow measures handles on screen and divides by the zoom, so the same handle reads 24 at one
 * zoom and 23.999999 at another; whole pixels keep Tidy giving the same layout at every zoom.
 */
const portAt = (handle: Handle): PortAt => ({ id: handle.id ?? '', y: Math.round(handle.y + handle.height / 2) });

/** The nodes as React Flow measured them: their size, and the middle of each handle in whole pixels, in drawing order. */
export function measuredBoxes(flow: ReactFlowInstance<OpFlowNode>): Map<string, NodeBox> {
  const boxes = new Map<string, NodeBox>();
  for (const node of flow.getNodes()) {
    const internal = flow.getInternalNode(node.id);
    const { width, height } = internal?.measured ?? {};
    const handles = internal?.internals.handleBounds;
    if (!width || !height || !handles) continue;
    boxes.set(node.id, {
      width: Math.round(width),
      height: Math.round(height),
      inputs: (handles.target ?? []).map(portAt),
      outputs: (handles.source ?? []).map(portAt),
    });
  }
  return boxes;
}
