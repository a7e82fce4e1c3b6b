import type { ReactFlowInstance } from '@xyflow/react';
import type { App } from '../../store/app';
import { focusNode } from '../canvas/focus-node';
import type { OpFlowNode } from '../canvas/OpNode';

/** Selects node `id` and takes the keyboard focus to it on the canvas, bringing it into view. */
export function selectOnCanvas(app: App, flow: ReactFlowInstance<OpFlowNode>, id: string): void {
  app.selection.setState({ nodes: [id], edges: [] });
  const canvas = document.getElementById('canvas');
  if (canvas) focusNode(flow, canvas, id);
}
