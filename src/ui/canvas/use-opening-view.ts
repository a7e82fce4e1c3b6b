import { useReactFlow } from '@xyflow/react';
import { useEffect, type RefObject } from 'react';
import { nodeBoxes } from '../../layout/node-box';
import { validationOf } from '../../store/document-store';
import { useApp, useDoc } from '../app-context';
import { measuredBoxes } from './measured-boxes';
import type { OpFlowNode } from './OpNode';
import { openingView, type Rect } from './opening-view';

/**
 * Each graph loaded (opened, restored, or New) gets its own view: New the plain one (zoom 1 at the
 * origin), a graph a readable one (see `openingView`), never the zoom of the graph before.
 */
export function useOpeningView(canvas: RefObject<HTMLElement | null>): void {
  const app = useApp();
  const flow = useReactFlow<OpFlowNode>();
  const loads = useDoc((s) => s.loads);
  useEffect(() => {
    // After the frame that draws the new nodes, so that those in view are measured.
    const frame = requestAnimationFrame(() => {
      const size = canvas.current?.getBoundingClientRect();
      if (!size) return;
      const { graph } = app.doc.getState();
      const boxes = nodeBoxes(graph, validationOf(graph), measuredBoxes(flow));
      const fed = new Set(graph.edges.map((e) => e.target));
      const rects: Rect[] = [];
      const inputs: Rect[] = [];
      for (const node of graph.nodes) {
        const box = boxes.get(node.id);
        const at = node.position ?? { x: 0, y: 0 };
        const rect = { x: at.x, y: at.y, width: box?.width ?? 0, height: box?.height ?? 0 };
        rects.push(rect);
        if (!fed.has(node.id)) inputs.push(rect);
      }
      void flow.setViewport(openingView(rects, inputs, size));
    });
    return () => cancelAnimationFrame(frame);
  }, [loads, flow, app, canvas]);
}
