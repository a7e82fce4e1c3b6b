import { autosave, restoreAutosave } from './autosave';
import { createDocumentStore } from './document-store';
import { EXAMPLES, loadExample, loadExampleFile } from './examples';
import { LESSONS } from './lessons';
import { LessonGuide } from './lessons/lesson-guide';
import { openGraph } from './layout';
import { createRunStore } from './run-store';
import { Runner } from './runner';
import { RuntimeClient } from './runtime-client';
import { createSelectionStore } from './selection-store';
import { TrainingRun } from './training-run';
import { createTrainingStore } from './training-store';

export type App = ReturnType<typeof createApp>;

/** Every store of the editor and the runner that ties the document to the runtime host. */
export function createApp() {
  const doc = createDocumentStore();
  const selection = createSelectionStore();
  const run = createRunStore();
  const client = new RuntimeClient();
  const runner = new Runner(client, doc, run);
  const training = createTrainingStore();
  const trainingRun = new TrainingRun(
    () => client.host,
    doc,
    training,
    () => {
      const { nodes } = selection.getState();
      return nodes.length === 1 ? nodes[0]! : null;
    },
  );
  // A run trains the graph it started from: another graph opened ends it.
  doc.subscribe((now, before) => {
    if (now.loads !== before.loads && training.getState().status !== 'idle') void trainingRun.reset();
  });
  // Figures and notices are about one graph: another graph opened (or New) drops those of the last
  // (a notice given for the new graph as it loads stays).
  let noticeGivenAt = doc.getState().loads;
  run.subscribe((now, before) => {
    if (now.notice !== before.notice) noticeGivenAt = doc.getState().loads;
  });
  doc.subscribe((now, before) => {
    if (now.loads === before.loads) return;
    run.setState({ report: null, comparison: null, ...(noticeGivenAt !== now.loads && { notice: null }) });
  });
  const lessons = new LessonGuide(
    { doc, run, selection },
    LESSONS,
    loadExampleFile,
    typeof localStorage === 'undefined' ? null : localStorage,
  );
  return { doc, selection, run, client, runner, training, trainingRun, lessons };
}

/**
 * Opens the last session's graph (or the first example), then what the page was asked to open
 * (`open`: a link's graph, which Undo takes back to the session's), and starts the runtime host.
 * A graph the user opens meanwhile (a file dropped while the first graph loads) is left as it is.
 */
export async function startApp(app: App, open: () => Promise<void> = async () => {}): Promise<void> {
  const { loads } = app.doc.getState();
  const openedMeanwhile = () => app.doc.getState().loads !== loads;
  const restored = await restoreAutosave().catch(() => null);
  const example = restored || openedMeanwhile() ? null : await loadExample(EXAMPLES[0]!);
  if (!openedMeanwhile()) {
    if (restored) await openGraph(app, restored.graph, 'restored', null, restored.trusted, restored.settings);
    else if (example) await openGraph(app, example, 'example');
    app.doc.temporal.getState().clear();
  }
  await open();
  autosave(app.doc);
  await app.runner.start();
}
