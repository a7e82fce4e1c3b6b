import { del, get, set } from 'idb-keyval';
import type { DocumentSettings } from '../graph/document-settings';
import type { Graph } from '../graph/types';
import { parseGraphFile, serializeGraph } from '../io/graph-file';
import type { DocumentState, DocumentStore } from './document-store';

const KEY = 'tensorloom:autosave';
/** Present while a session runs; left behind when the tab or its runtime crashed. */
const RUNNING_KEY = 'tensorloom:session-running';
/** A burst of edits is saved once it pauses this long… */
export const QUIET_MS = 250;
/**
 * …or this long after its first unsaved edit, however long it goes on: a tab killed without an
 * unload (a crash, the process killed) loses at most about a second of edits, the write included.
 */
export const MAX_WAIT_MS = 750;

interface Saved {
  readonly text: string;
  readonly trusted: boolean;
}

/**
 * The graph saved by the last session in this browser, or null. It keeps its trust, except after
 * a crash: a script that crashed the last session must not run again on its own.
 */
export async function restoreAutosave(): Promise<{
  graph: Graph;
  settings?: DocumentSettings;
  trusted: boolean;
} | null> {
  const crashed = localStorage.getItem(RUNNING_KEY) !== null;
  const saved = await get<Saved>(KEY);
  if (!saved || typeof saved.text !== 'string') return null;
  const loaded = parseGraphFile(saved.text);
  if (loaded.ok)
    return {
      graph: loaded.graph,
      ...(loaded.settings && { settings: loaded.settings }),
      trusted: saved.trusted && !crashed,
    };
  // An autosave this build cannot read is of no use; do not trip over it on every start.
  await del(KEY);
  return null;
}

/**
 * Saves the document to IndexedDB soon after every change (see QUIET_MS and MAX_WAIT_MS), at once
 * when the page is hidden or left, and marks the session as running.
 */
export function autosave(doc: DocumentStore): () => void {
  const markRunning = () => localStorage.setItem(RUNNING_KEY, String(Date.now()));
  markRunning();
  let quiet: ReturnType<typeof setTimeout> | null = null;
  let due: ReturnType<typeof setTimeout> | null = null;
  const save = () => {
    if (quiet) clearTimeout(quiet);
    if (due) clearTimeout(due);
    quiet = due = null;
    void set(KEY, saved(doc.getState()));
  };
  const unsubscribe = doc.subscribe((state, previous) => {
    if (state.graph === previous.graph && state.trusted === previous.trusted && state.settings === previous.settings)
      return;
    if (quiet) clearTimeout(quiet);
    quiet = setTimeout(save, QUIET_MS);
    due ??= setTimeout(save, MAX_WAIT_MS);
  });
  // A hidden page may be discarded or killed without another event: what is pending goes now.
  const onHidden = () => {
    if (document.visibilityState === 'hidden' && quiet) save();
  };
  const onPageHide = () => {
    if (quiet) save();
    localStorage.removeItem(RUNNING_KEY);
  };
  // A page back from the back/forward cache runs again, and can crash again.
  const onPageShow = (event: PageTransitionEvent) => {
    if (event.persisted) markRunning();
  };
  document.addEventListener('visibilitychange', onHidden);
  window.addEventListener('pagehide', onPageHide);
  window.addEventListener('pageshow', onPageShow);
  return () => {
    unsubscribe();
    if (quiet) save();
    document.removeEventListener('visibilitychange', onHidden);
    window.removeEventListener('pagehide', onPageHide);
    window.removeEventListener('pageshow', onPageShow);
  };
}

function saved(state: DocumentState): Saved {
  return { text: serializeGraph(state.graph, state.settings), trusted: state.trusted };
}
