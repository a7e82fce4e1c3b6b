import { parseGraphFile, serializeGraph } from '../io/graph-file';
import type { App } from '../store/app';
import { EXAMPLES, loadExample } from '../store/examples';

/** A problem reading a file, for the error dialog. */
export interface FileProblem {
  readonly title: string;
  readonly message: string;
  readonly details: readonly string[];
}

type ProblemListener = (problem: FileProblem) => void;
let onProblem: ProblemListener = () => {};
export function setFileProblemListener(listener: ProblemListener): void {
  onProblem = listener;
}

/** Opens a graph file; an invalid one is reported and the current graph stays as it was. */
export async function openGraphFile(app: App, file: File): Promise<void> {
  const loaded = parseGraphFile(await file.text());
  if (!loaded.ok) {
    onProblem({
      title: `Cannot open ${file.name}`,
      message: loaded.error.message,
      details: loaded.error.issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)),
    });
    return;
  }
  app.doc.getState().load(loaded.graph, 'file', file.name);
  app.selection.setState({ nodes: [], edges: [] });
}

export function saveGraphFile(app: App): void {
  const { graph, fileName } = app.doc.getState();
  const blob = new Blob([serializeGraph(graph)], { type: 'application/json' });
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = fileName ?? `${(graph.name ?? 'graph').replace(/[^\w.-]+/g, '-')}.json`;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}

export async function openExample(app: App, file: string): Promise<void> {
  const example = EXAMPLES.find((e) => e.file === file);
  if (!example) return;
  try {
    app.doc.getState().load(await loadExample(example), 'example');
    app.selection.setState({ nodes: [], edges: [] });
  } catch (e) {
    onProblem({ title: `Cannot open the example ${example.title}`, message: (e as Error).message, details: [] });
  }
}
