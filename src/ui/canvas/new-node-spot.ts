import type { ReactFlowInstance } from '@xyflow/react';
import type { Graph, Position } from '../../graph/types';
import type { Rect } from '../../layout/rect';
import { freeSpot } from '../../layout/free-spot';
import { nodeBoxes } from '../../layout/node-box';
import { GAP } from '../../layout/rect';
import { validationOf } from '../../store/document-store';
import { measuredBoxes } from './measured-boxes';
import type { OpFlowNode } from './OpNode';

const NEW = '\u0000new';

/**
 * Where a new node of `op` goes, and its estimated size: at `near` (the pointer, in flow
 * coordinates) if that spot is free, else the nearest free one; without a pointer, to the right of
 * the one selected node, or in the middle of the view. Never on top of another node.
 */
export function newNodeSpot(
  graph: Graph,
  flow: ReactFlowInstance<OpFlowNode>,
  op: string,
  near: Position | { beside: string | null; viewCenter: Position },
): Rect {
  const withNew = { ...graph, nodes: [...graph.nodes, { id: NEW, op, attrs: {} }] };
  const boxes = nodeBoxes(withNew, validationOf(withNew), measuredBoxes(flow));
  const size = boxes.get(NEW)!;
  const occupied = graph.nodes.flatMap((n) => {
    const box = boxes.get(n.id);
    return n.position && box ? [{ ...n.position, width: box.width, height: box.height }] : [];
  });
  let want: Position;
  if ('x' in near) want = near;
  else {
    const beside = graph.nodes.find((n) => n.id === near.beside);
    const box = beside && boxes.get(beside.id);
    want =
      beside?.position && box
        ? { x: beside.position.x + box.width + 2 * GAP, y: beside.position.y }
        : { x: near.viewCenter.x - size.width / 2, y: near.viewCenter.y - size.height / 2 };
  }
  return { ...freeSpot(size, want, occupied), width: size.width, height: size.height };
}

/**
 * Pans the view (at the same zoom) to centre `spot` unless it is in view with room to spare: a
 * node added beside one at the edge of the view lands outside it, and a node draws wider than its
 * estimate while it shows a problem ("input x is not connected").
 */
export function revealSpot(flow: ReactFlowInstance<OpFlowNode>, spot: Rect, view: DOMRect): void {
  const from = flow.screenToFlowPosition({ x: view.left, y: view.top });
  const to = flow.screenToFlowPosition({ x: view.right, y: view.bottom });
  const [width, height] = [spot.width + 4 * GAP, spot.height + 2 * GAP];
  const inView = spot.x >= from.x && spot.y >= from.y && spot.x + width <= to.x && spot.y + height <= to.y;
  if (!inView)
    void flow.setCenter(spot.x + spot.width / 2, spot.y + spot.height / 2, { zoom: flow.getZoom(), duration: 200 });
}
