import { del, get, set } from 'idb-keyval';
import type { Graph } from '../graph/types';
import { parseGraphFile, serializeGraph } from '../io/graph-file';
import type { DocumentStore } from './document-store';

const KEY = 'tensorloom:autosave';
/** Present while a session runs; left behind when the tab or its runtime crashed. */
const RUNNING_KEY = 'tensorloom:session-running';
const DELAY_MS = 400;

interface Saved {
  readonly text: string;
  readonly trusted: boolean;
}

/**
 * The graph saved by the last session in this browser, or null. It keeps its trust, except after
 * a crash: a script that crashed the last session must not run again on its own.
 */
export async function restoreAutosave(): Promise<{ graph: Graph; trusted: boolean } | null> {
  const crashed = localStorage.getItem(RUNNING_KEY) !== null;
  const saved = await get<Saved>(KEY);
  if (!saved || typeof saved.text !== 'string') return null;
  const loaded = parseGraphFile(saved.text);
  if (loaded.ok) return { graph: loaded.graph, trusted: saved.trusted && !crashed };
  // An autosave this build cannot read is of no use; do not trip over it on every start.
  await del(KEY);
  return null;
}

/** Saves the document to IndexedDB shortly after every change, and marks the session as running. */
export function autosave(doc: DocumentStore): () => void {
  localStorage.setItem(RUNNING_KEY, String(Date.now()));
  const ended = () => localStorage.removeItem(RUNNING_KEY);
  window.addEventListener('pagehide', ended);
  let timer: ReturnType<typeof setTimeout> | null = null;
  const unsubscribe = doc.subscribe((state, previous) => {
    if (state.graph === previous.graph && state.trusted === previous.trusted) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void set(KEY, { text: serializeGraph(state.graph), trusted: state.trusted }), DELAY_MS);
  });
  return () => {
    unsubscribe();
    window.removeEventListener('pagehide', ended);
  };
}
