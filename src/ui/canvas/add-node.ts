import type { ReactFlowInstance } from '@xyflow/react';
import type { Position } from '../../graph/types';
import type { App } from '../../store/app';
import type { PortEnd } from './canvas-actions';
import { connectNotice } from './connect-ports';
import { focusNode } from './focus-node';
import { newNodeSpot, revealSpot } from './new-node-spot';
import type { OpFlowNode } from './OpNode';

/** Where a new node goes: a point of the canvas (flow coordinates), or "beside the selection, else mid-view". */
export type Placement = Position | 'in-view';

/**
 * Adds a node of `op` on a free spot, selects it and gives it the keyboard focus. With `wire`, the
 * new node's port `port` is wired to the end a wire was dragged from, in the same undo step.
 */
export function addNodeAt(
  app: App,
  flow: ReactFlowInstance<OpFlowNode>,
  canvas: HTMLElement,
  op: string,
  placement: Placement,
  wire?: { readonly from: PortEnd; readonly port: string },
): string {
  const box = canvas.getBoundingClientRect();
  const { nodes } = app.selection.getState();
  const near =
    placement === 'in-view'
      ? {
          beside: nodes.length === 1 ? nodes[0]! : null,
          viewCenter: flow.screenToFlowPosition({ x: box.left + box.width / 2, y: box.top + box.height / 2 }),
        }
      : placement;
  const spot = newNodeSpot(app.doc.getState().graph, flow, op, near);
  const doc = app.doc.getState();
  let id: string;
  if (wire) {
    const added = doc.addWiredNode(
      op,
      { x: spot.x, y: spot.y },
      { port: wire.port, other: { node: wire.from.node, port: wire.from.port } },
      wire.from.side === 'output' ? 'fed-by' : 'feeds',
    );
    id = added.id;
    app.run.setState({ notice: connectNotice(added.refused) });
  } else id = doc.addNode(op, { x: spot.x, y: spot.y });
  app.selection.setState({ nodes: [id], edges: [] });
  if (placement === 'in-view') revealSpot(flow, spot, box);
  requestAnimationFrame(() => focusNode(flow, canvas, id));
  return id;
}
