import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { autosave, MAX_WAIT_MS, QUIET_MS } from '../../src/store/autosave';
import { createDocumentStore } from '../../src/store/document-store';

/** What autosave wrote to IndexedDB, and when (fake time). */
const writes: { at: number; name: string; trusted: boolean }[] = [];

vi.mock('idb-keyval', () => ({
  get: async () => undefined,
  del: async () => {},
  set: async (_key: string, value: { text: string; trusted: boolean }) => {
    const file = JSON.parse(value.text) as { nodes: { name?: string }[] };
    writes.push({ at: Date.now(), name: file.nodes[0]!.name ?? '', trusted: value.trusted });
  },
}));

const RUNNING_KEY = 'tensorloom:session-running';

/** The browser globals autosave touches: the page's events, its visibility and localStorage. */
function stubPage() {
  const storage = new Map<string, string>();
  const page = Object.assign(new EventTarget(), { visibilityState: 'visible' as DocumentVisibilityState });
  vi.stubGlobal('window', new EventTarget());
  vi.stubGlobal('document', page);
  vi.stubGlobal('localStorage', {
    getItem: (key: string) => storage.get(key) ?? null,
    setItem: (key: string, value: string) => storage.set(key, value),
    removeItem: (key: string) => storage.delete(key),
  });
  return { storage, page };
}

function editedDocument() {
  const doc = createDocumentStore();
  doc.getState().load({ nodes: [{ id: 'x', op: 'Neg', attrs: {}, position: { x: 0, y: 0 } }], edges: [] }, 'example');
  return { doc, rename: (name: string) => doc.getState().rename('x', name) };
}

describe('autosave', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 0 });
    writes.length = 0;
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('saves an edit once the editing pauses', async () => {
    const { storage } = stubPage();
    const { doc, rename } = editedDocument();
    autosave(doc);
    expect(storage.has(RUNNING_KEY)).toBe(true);
    rename('a');
    await vi.advanceTimersByTimeAsync(QUIET_MS - 1);
    expect(writes).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(writes).toEqual([{ at: QUIET_MS, name: 'a', trusted: true }]);
    await vi.advanceTimersByTimeAsync(10 * MAX_WAIT_MS);
    expect(writes).toHaveLength(1);
  });

  it('saves edits that never pause at most MAX_WAIT_MS after each', async () => {
    stubPage();
    const { doc, rename } = editedDocument();
    autosave(doc);
    const edits: { at: number; name: string }[] = [];
    // An edit every 100 ms for 5 s: a debounce alone would save nothing until the end.
    for (let k = 0; k < 50; k++) {
      rename(`edit ${k}`);
      edits.push({ at: Date.now(), name: `edit ${k}` });
      await vi.advanceTimersByTimeAsync(100);
    }
    await vi.advanceTimersByTimeAsync(MAX_WAIT_MS);
    expect(writes.length).toBeGreaterThanOrEqual(Math.floor(5_000 / MAX_WAIT_MS));
    for (const [k, edit] of edits.entries()) {
      const saved = writes.find((w) => w.at >= edit.at && edits.findIndex((e) => e.name === w.name) >= k);
      expect(saved, edit.name).toBeDefined();
      expect(saved!.at - edit.at, edit.name).toBeLessThanOrEqual(MAX_WAIT_MS);
    }
  });

  it('saves at once what is pending when the page is hidden or left, and nothing when nothing is', async () => {
    const { storage, page } = stubPage();
    const { doc, rename } = editedDocument();
    autosave(doc);
    page.visibilityState = 'hidden';
    page.dispatchEvent(new Event('visibilitychange'));
    expect(writes).toEqual([]);

    rename('hidden');
    page.dispatchEvent(new Event('visibilitychange'));
    expect(writes).toEqual([{ at: 0, name: 'hidden', trusted: true }]);
    doc.setState({ trusted: false });
    window.dispatchEvent(new Event('pagehide'));
    expect(writes).toEqual([
      { at: 0, name: 'hidden', trusted: true },
      { at: 0, name: 'hidden', trusted: false },
    ]);
    expect(storage.has(RUNNING_KEY)).toBe(false);
    // What was saved at once is not saved again.
    await vi.advanceTimersByTimeAsync(10 * MAX_WAIT_MS);
    expect(writes).toHaveLength(2);
  });
});
