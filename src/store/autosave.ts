import { del, get, set } from 'idb-keyval';
import type { Graph } from '../graph/types';
import { parseGraphFile, serializeGraph } from '../io/graph-file';
import type { DocumentStore } from './document-store';

const KEY = 'tensorloom:autosave';
const DELAY_MS = 400;

/** The graph saved by the last session in this browser, or null. */
export async function restoreAutosave(): Promise<Graph | null> {
  const text = await get<string>(KEY);
  if (typeof text !== 'string') return null;
  const loaded = parseGraphFile(text);
  if (loaded.ok) return loaded.graph;
  // An autosave this build cannot read is of no use; do not trip over it on every start.
  await del(KEY);
  return null;
}

/** Saves the document to IndexedDB shortly after every change. */
export function autosave(doc: DocumentStore): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  return doc.subscribe((state, previous) => {
    if (state.graph === previous.graph) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void set(KEY, serializeGraph(state.graph)), DELAY_MS);
  });
}
