import { useReactFlow } from '@xyflow/react';
import { useEffect, type RefObject } from 'react';
import { useDoc } from '../app-context';
import { READABLE_ZOOM, VIEW_MARGIN } from '../canvas/opening-view';
import type { OpFlowNode } from '../canvas/OpNode';

/** Room kept above the graph for the canvas' own controls (Show plan). */
const TOP_ROOM = 56;

/**
 * A graph opened while the card shows is fitted into the canvas above the card when the card would
 * cover part of it, no closer than the canvas' opening view, and only where it stays readable. It
 * runs after the canvas has chosen its opening view.
 */
export function useClearOfCard(card: RefObject<HTMLElement | null>, shown: boolean): void {
  const flow = useReactFlow<OpFlowNode>();
  const loads = useDoc((s) => s.loads);
  useEffect(() => {
    if (!shown) return;
    let frame = requestAnimationFrame(() => {
      // The canvas sets its opening view one frame after the graph is drawn: this follows it.
      frame = requestAnimationFrame(() => {
        const pane = card.current?.parentElement?.querySelector('.react-flow')?.getBoundingClientRect();
        const nodes = flow.getNodes();
        if (!card.current || !pane || !nodes.length) return;
        const bounds = flow.getNodesBounds(nodes);
        const cardTop = card.current.getBoundingClientRect().top;
        if (flow.flowToScreenPosition({ x: 0, y: bounds.y + bounds.height }).y <= cardTop) return;
        const room = {
          left: pane.left + VIEW_MARGIN,
          right: pane.right - VIEW_MARGIN,
          top: pane.top + TOP_ROOM,
          bottom: cardTop - VIEW_MARGIN / 2,
        };
        const zoom = Math.min(
          (room.right - room.left) / bounds.width,
          (room.bottom - room.top) / bounds.height,
          flow.getViewport().zoom,
        );
        // Too small to read above the card (a narrow window): the canvas' own view stays.
        if (zoom < READABLE_ZOOM) return;
        void flow.setViewport({
          x: (room.left + room.right) / 2 - pane.left - (bounds.x + bounds.width / 2) * zoom,
          y: (room.top + room.bottom) / 2 - pane.top - (bounds.y + bounds.height / 2) * zoom,
          zoom,
        });
      });
    });
    return () => cancelAnimationFrame(frame);
  }, [loads, shown, flow, card]);
}
