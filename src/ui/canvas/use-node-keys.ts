import type { ReactFlowInstance } from '@xyflow/react';
import { useCallback, type KeyboardEvent, type RefObject } from 'react';
import { nextAlongEdges, type Along } from '../../graph/edge-neighbours';
import type { Position } from '../../graph/types';
import { useApp } from '../app-context';
import { focusNode } from './focus-node';
import type { OpFlowNode } from './OpNode';

/** One step of Alt+arrow: the background grid's. */
export const GRID_STEP = 24;

const ALONG: Readonly<Record<string, Along>> = {
  ArrowRight: 'consumer',
  ArrowLeft: 'producer',
  ArrowUp: 'previous-sibling',
  ArrowDown: 'next-sibling',
};
const STEP: Readonly<Record<string, Position>> = {
  ArrowRight: { x: 1, y: 0 },
  ArrowLeft: { x: -1, y: 0 },
  ArrowUp: { x: 0, y: -1 },
  ArrowDown: { x: 0, y: 1 },
};

/**
 * Arrow keys on a focused node: the selection (and the focus) moves along its wires — right to a
 * consumer, left to a producer, up and down to a sibling. Alt+arrows move the selected nodes one
 * grid step, each press one undo step. React Flow's own arrow handling is kept out: its moves
 * bypassed the undo history's drag bracket, which then recorded nothing more (a later deletion
 * could not be undone).
 */
export function useNodeKeys(flow: ReactFlowInstance<OpFlowNode>, canvas: RefObject<HTMLElement | null>) {
  const app = useApp();
  return useCallback(
    (e: KeyboardEvent) => {
      const along = Object.hasOwn(ALONG, e.key) ? ALONG[e.key] : undefined;
      const target = e.target as HTMLElement;
      const onNode = target.classList.contains('react-flow__node');
      if (!along || !(onNode || target.classList.contains('react-flow__nodesselection-rect'))) return;
      e.preventDefault();
      e.stopPropagation();
      const doc = app.doc.getState();
      const focused = onNode ? target.dataset.id : undefined;
      if (e.altKey) {
        const { nodes } = app.selection.getState();
        const ids = new Set(nodes.length ? nodes : focused ? [focused] : []);
        const step = STEP[e.key]!;
        const moved = new Map<string, Position>();
        for (const n of doc.graph.nodes) {
          if (!ids.has(n.id)) continue;
          const at = n.position ?? { x: 0, y: 0 };
          moved.set(n.id, { x: at.x + step.x * GRID_STEP, y: at.y + step.y * GRID_STEP });
        }
        if (!moved.size) return;
        doc.dragNodes(moved);
        doc.commitMove();
        return;
      }
      if (!focused || !canvas.current) return;
      const next = nextAlongEdges(doc.graph, focused, along);
      if (!next) return;
      app.selection.setState({ nodes: [next], edges: [] });
      focusNode(flow, canvas.current, next);
    },
    [app, flow, canvas],
  );
}
