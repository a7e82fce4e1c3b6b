import { expect, test } from 'vitest';
import { createDocumentStore } from '../../src/store/document-store';
import type { Lesson } from '../../src/store/lessons';
import { LessonGuide, PROGRESS_KEY, type ProgressStorage } from '../../src/store/lessons/lesson-guide';
import { createRunStore } from '../../src/store/run-store';
import { createSelectionStore } from '../../src/store/selection-store';
import { lessonFile, report } from './lesson-world';

/** Two steps on the non-strict lesson's graph: select "y", then select "reshaped"; then a step to read. */
const LESSON: Lesson = {
  id: 'picking',
  title: 'Picking',
  summary: 'Select two nodes.',
  file: 'lessons/non-strict.json',
  steps: [
    { text: 'one', check: (w) => w.selection.includes('y') },
    { text: 'two', check: (w) => w.selection.includes('reshaped') && w.run.report !== null },
    { text: 'read' },
  ],
};

function memoryStorage(): ProgressStorage & { readonly items: Map<string, string> } {
  const items = new Map<string, string>();
  return { items, getItem: (k) => items.get(k) ?? null, setItem: (k, v) => void items.set(k, v) };
}

function setUp(storage = memoryStorage()) {
  const stores = { doc: createDocumentStore(), run: createRunStore(), selection: createSelectionStore() };
  const opened: string[] = [];
  const guide = new LessonGuide(stores, [LESSON], async (file) => (opened.push(file), lessonFile(file)), storage);
  const select = (...nodes: string[]) => stores.selection.setState({ nodes, edges: [] });
  return { stores, guide, storage, opened, select, state: () => guide.store.getState() };
}

test('a lesson opens its graph with its settings; Next waits for the check, Finish marks it done', async () => {
  const { stores, guide, opened, select, state } = setUp();
  await guide.start('picking');
  expect(opened).toEqual(['lessons/non-strict.json']);
  expect(
    stores.doc
      .getState()
      .graph.nodes.map((n) => n.id)
      .sort(),
  ).toEqual(['new_shape', 'reshaped', 'x', 'y']);
  expect(stores.doc.getState().settings.outputs).toEqual(['y']);
  expect(state().active).toEqual({ lessonId: 'picking', step: 0 });
  expect(state().met).toBe(false);

  guide.next();
  expect(state().active?.step).toBe(0);
  select('y');
  expect(state().met).toBe(true);
  guide.next();
  expect(state().active?.step).toBe(1);
  expect(state().met).toBe(false);

  select('reshaped');
  expect(state().met).toBe(false);
  stores.run.setState({ report: report('eager', {}) });
  expect(state().met).toBe(true);
  guide.back();
  expect(state().active?.step).toBe(0);
  // Checks read the world as it is now: "y" is no longer selected.
  expect(state().met).toBe(false);
  select('y');
  guide.next();
  select('reshaped');
  guide.next();
  expect(state().active?.step).toBe(2);
  expect(state().met).toBe(true);
  guide.next();
  expect(state().active).toBeNull();
  expect(state().progress.get('picking')).toEqual({ step: null, done: true });
});

test('Leave keeps the step in storage; a new session resumes there and opens the graph again', async () => {
  const first = setUp();
  await first.guide.start('picking');
  first.select('y');
  first.guide.next();
  first.guide.leave();
  expect(first.state().active).toBeNull();
  expect(JSON.parse(first.storage.items.get(PROGRESS_KEY)!)).toEqual({ picking: { step: 1, done: false } });

  const second = setUp(first.storage);
  expect(second.state().progress.get('picking')).toEqual({ step: 1, done: false });
  await second.guide.start('picking');
  expect(second.state().active).toEqual({ lessonId: 'picking', step: 1 });
  expect(second.opened).toHaveLength(1);
});

test('resuming while the lesson graph is still open keeps it (and the edits made to it)', async () => {
  const { stores, guide, opened, state } = setUp();
  await guide.start('picking');
  stores.doc.getState().rename('y', 'squared');
  guide.leave();
  await guide.start('picking');
  expect(opened).toHaveLength(1);
  expect(stores.doc.getState().graph.nodes.find((n) => n.id === 'y')?.name).toBe('squared');
  expect(state().active?.step).toBe(0);
});

test('opening another graph leaves the lesson, its progress kept', async () => {
  const { stores, guide, state } = setUp();
  await guide.start('picking');
  stores.doc.getState().load({ nodes: [], edges: [] }, 'new');
  expect(state().active).toBeNull();
  expect(state().progress.get('picking')).toEqual({ step: 0, done: false });
});

test('a graph that cannot be loaded is reported and starts nothing', async () => {
  const stores = { doc: createDocumentStore(), run: createRunStore(), selection: createSelectionStore() };
  const guide = new LessonGuide(stores, [LESSON], () => Promise.reject(new Error('HTTP 404')), null);
  await guide.start('picking');
  expect(guide.store.getState().active).toBeNull();
  expect(guide.store.getState().error).toBe('Cannot open the lesson Picking: HTTP 404');
});

test('the reason a lesson could not open goes when dismissed', async () => {
  const stores = { doc: createDocumentStore(), run: createRunStore(), selection: createSelectionStore() };
  const guide = new LessonGuide(stores, [LESSON], () => Promise.reject(new Error('offline')), null);
  await guide.start('picking');
  guide.dismissError();
  expect(guide.store.getState().error).toBeNull();
});
