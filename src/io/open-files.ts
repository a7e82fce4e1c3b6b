import type { DocumentSettings } from '../graph/document-settings';
import type { AnyOpSignature } from '../graph/op-signature';
import type { OpRegistry } from '../graph/registry';
import type { Graph } from '../graph/types';
import type { FileIssue } from './issues';
import { importGraphFile } from './import';
import { importGraphModel, type ImportNote } from './graph-model/import-graph-model';
import { jsonErrorPosition } from './json-position';
import { knownFileKind } from './file-kinds';

/** Files as the user gave them: by name (a folder's files by their path in it), their bytes. */
export type GivenFiles = ReadonlyMap<string, Uint8Array>;

/** A reader of layers-models (Keras), kept apart so that the graph-model path does not load it. */
export type LayersModelReader = (
  modelJson: unknown,
  shard: (path: string) => Uint8Array | undefined,
  registry: OpRegistry<AnyOpSignature>,
) =>
  | { ok: true; graph: Graph; notes: readonly ImportNote[] }
  | { ok: false; message: string; issues: readonly FileIssue[] };

export type OpenedFiles =
  | {
      readonly ok: true;
      readonly kind: 'graph' | 'graph-model' | 'layers-model';
      /** The file the graph came from: the graph file, or the model's model.json. */
      readonly name: string;
      readonly graph: Graph;
      /** How the document runs, where a graph file says. */
      readonly settings?: DocumentSettings;
      readonly notes: readonly ImportNote[];
      readonly migratedFrom: number | null;
    }
  | { readonly ok: false; readonly message: string; readonly details: readonly string[] };

/**
 * What the user gave, opened: a Tensorloom graph file, or a tfjs model's model.json with its
 * weight files. Anything else is refused with one message naming what it is and what is missing.
 */
export async function openFiles(
  files: GivenFiles,
  registry: OpRegistry<AnyOpSignature>,
  readLayersModel: () => Promise<LayersModelReader>,
): Promise<OpenedFiles> {
  const names = [...files.keys()];
  const jsonNames = names.filter((n) => /\.json$/i.test(n));
  if (jsonNames.length === 0) return refuse(describeNonJson(names, files));
  // Several JSON files: the model's model.json, or the one graph file among weight files.
  const candidates = jsonNames.length > 1 ? jsonNames.filter((n) => baseName(n) === 'model.json') : jsonNames;
  if (candidates.length !== 1)
    return refuse(
      `${jsonNames.length} JSON files were given (${jsonNames.map(baseName).join(', ')}): open one graph file, or one model's model.json with its weight files`,
    );
  const name = candidates[0]!;
  const text = new TextDecoder().decode(files.get(name)!).replace(/^\uFEFF/, '');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const at = jsonErrorPosition(text, (error as Error).message);
    const where = at ? ` at line ${at.line}, column ${at.column}` : '';
    return refuse(
      `${baseName(name)} is not valid JSON${where}${text.length && !/[}\]]\s*$/.test(text) ? ': the file ends early, as if cut short' : ''}`,
    );
  }
  const format = typeof data === 'object' && data !== null ? (data as { format?: unknown }).format : undefined;
  const shard = shardReader(name, files);
  if (format === 'graph-model' || format === 'layers-model') {
    const result =
      format === 'graph-model'
        ? importGraphModel(data, shard, registry)
        : (await readLayersModel())(data, shard, registry);
    if (!result.ok) return refuse(`${baseName(name)}: ${result.message}`, issueLines(result.issues));
    return { ok: true, kind: format, name, graph: result.graph, notes: result.notes, migratedFrom: null };
  }
  const graphFile = importGraphFile(data);
  if (graphFile.ok)
    return {
      ok: true,
      kind: 'graph',
      name,
      graph: graphFile.graph,
      ...(graphFile.settings && { settings: graphFile.settings }),
      notes: [],
      migratedFrom: graphFile.migratedFrom,
    };
  if (graphFile.error.kind === 'not-a-graph' && format === undefined)
    return refuse(
      `${baseName(name)} is JSON, but neither a Tensorloom graph nor a tfjs model: it has no "format" ("tensorloom.graph", "graph-model" or "layers-model")`,
    );
  return refuse(`${baseName(name)}: ${graphFile.error.message}`, issueLines(graphFile.error.issues));
}

/** A weight file by its path in the manifest: beside model.json, or anywhere among the files given by name. */
function shardReader(modelName: string, files: GivenFiles): (path: string) => Uint8Array | undefined {
  const dir = modelName.includes('/') ? modelName.slice(0, modelName.lastIndexOf('/') + 1) : '';
  const byBase = new Map([...files].map(([n, bytes]) => [baseName(n), bytes]));
  return (path) => files.get(dir + path.replace(/^\.\//, '')) ?? byBase.get(baseName(path));
}

function describeNonJson(names: readonly string[], files: GivenFiles): string {
  const [first] = names;
  if (!first) return 'no file was given';
  const kind = knownFileKind(first, files.get(first)!);
  const what = kind ? `${baseName(first)} is ${kind}` : `${baseName(first)} is not a file Tensorloom opens`;
  return `${what}. Tensorloom opens its own graph files (.json) and tfjs models: a model.json with its weight files (convert other models with tensorflowjs_converter)`;
}

function refuse(message: string, details: readonly string[] = []): OpenedFiles {
  return { ok: false, message, details };
}

function issueLines(issues: readonly FileIssue[]): string[] {
  return issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message));
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}
