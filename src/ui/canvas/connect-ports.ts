import type { GraphEdge } from '../../graph/types';
import type { App } from '../../store/app';

/** The notice for a wire the document refused (null clears the last one when a wire is made). */
export function connectNotice(refused: string | null) {
  return refused === null ? null : { text: `Cannot connect: ${refused}`, tone: 'error' as const };
}

/** Wires an output to an input as one undo step; where the document refuses, the status bar says why. */
export function connectPorts(app: App, edge: Omit<GraphEdge, 'id'>): void {
  const result = app.doc.getState().connect(edge);
  app.run.setState({ notice: connectNotice(result.ok ? null : result.reason) });
}
