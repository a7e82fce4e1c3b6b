import { createStore } from 'zustand/vanilla';

export interface SelectionState {
  readonly nodes: readonly string[];
  readonly edges: readonly string[];
}

export type SelectionStore = ReturnType<typeof createSelectionStore>;

/** What is selected on the canvas: view state, outside the document and its undo history. */
export function createSelectionStore() {
  return createStore<SelectionState>()(() => ({ nodes: [], edges: [] }));
}
