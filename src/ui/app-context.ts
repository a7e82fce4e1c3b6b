import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { App } from '../store/app';
import type { DocumentActions, DocumentState } from '../store/document-store';
import type { RunState } from '../store/run-store';
import type { SelectionState } from '../store/selection-store';

export const AppContext = createContext<App | null>(null);

export function useApp(): App {
  const app = useContext(AppContext);
  if (!app) throw new Error('useApp outside <AppContext.Provider>');
  return app;
}

/** Selectors should return primitives or stable objects: a fresh object each time re-renders forever. */
export function useDoc<T>(selector: (state: DocumentState & DocumentActions) => T): T {
  return useStore(useApp().doc, selector);
}

export function useRun<T>(selector: (state: RunState) => T): T {
  return useStore(useApp().run, selector);
}

export function useSelection<T>(selector: (state: SelectionState) => T): T {
  return useStore(useApp().selection, selector);
}
