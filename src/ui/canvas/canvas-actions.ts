import { createContext, useContext } from 'react';
import type { Position } from '../../graph/types';

/** A port of a node on the canvas, as a wire starts from it. */
export interface PortEnd {
  readonly node: string;
  readonly port: string;
  readonly side: 'output' | 'input';
}

/** What a node on the canvas may ask of the canvas around it. */
export interface CanvasActions {
  /** Opens the Connect… list of the ports `end` can be wired to, at `at` (screen). */
  openConnect(end: PortEnd, at: Position): void;
}

export const CanvasActionsContext = createContext<CanvasActions | null>(null);

export function useCanvasActions(): CanvasActions | null {
  return useContext(CanvasActionsContext);
}
