import type { DocumentSettings } from '../graph/document-settings';
import { elementCount, type AttrValue, type Graph, type GraphNode } from '../graph/types';
import { check, describe, issueCount, type FileIssue } from './issues';
import { jsonErrorPosition } from './json-position';
import { migrate } from './migrations';
import { CURRENT_VERSION, GRAPH_FORMAT, graphFile, type AttrValueJson, type GraphFile } from './schema';
import { base64ToTensor } from './tensor-bytes';
import { decodeTensorValue } from './tensor-values';

export type ImportErrorKind = 'json' | 'not-a-graph' | 'too-new' | 'schema';

export interface ImportError {
  readonly kind: ImportErrorKind;
  /** One line for the user: the first problem, and how many more there are. */
  readonly message: string;
  /**
   * The problems found, the first MAX_ISSUES of them one by one and the rest counted (see
   * FileIssue.omitted); the path is '' when it concerns the whole text.
   */
  readonly issues: readonly FileIssue[];
}

export type GraphImport =
  | {
      readonly ok: true;
      readonly graph: Graph;
      /** How the document runs, where the file says (version 3 on). */
      readonly settings?: DocumentSettings;
      readonly migratedFrom: number | null;
    }
  | { readonly ok: false; readonly error: ImportError };

type Failure = Extract<GraphImport, { ok: false }>;

/** Reads a graph file's text: JSON, then everything importGraphFile checks. */
export function parseGraphFile(text: string): GraphImport {
  let data: unknown;
  // Some editors save a byte-order mark, which is invisible to the author but not JSON.
  const json = text.replace(/^\uFEFF/, '');
  try {
    data = JSON.parse(json);
  } catch (error) {
    const { message } = error as SyntaxError;
    const at = jsonErrorPosition(json, message);
    const where = at ? ` (line ${at.line}, column ${at.column})` : '';
    // V8 quotes the text around the error, newlines and all; the report is meant to be one line.
    const oneLine = message.replace(/\s+/g, ' ');
    return failure('json', [{ path: '', message: `not valid JSON: ${oneLine}${where}` }]);
  }
  return importGraphFile(data);
}

/**
 * Checks a parsed graph file, brings it up to the current version and turns it into a Graph.
 * Whether its ops and attributes make sense is left to validateGraph.
 */
export function importGraphFile(data: unknown): GraphImport {
  const header = readVersion(data);
  if (typeof header !== 'number') return header;
  const migrated = migrate(data, header);
  const file = migrated.ok ? check(graphFile, migrated.value) : migrated;
  if (!file.ok) return failure('schema', file.issues);
  const { settings } = file.value;
  return {
    ok: true,
    graph: decodeGraph(file.value),
    ...(settings && { settings }),
    migratedFrom: header === CURRENT_VERSION ? null : header,
  };
}

/** The format version, once the data is known to claim to be a graph file this build can read. */
function readVersion(data: unknown): number | Failure {
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    return failure('not-a-graph', [
      { path: '', message: `not a Tensorloom graph: expected a JSON object, got ${describe(data)}` },
    ]);
  const { format, version } = data as { format?: unknown; version?: unknown };
  if (format !== GRAPH_FORMAT)
    return failure('not-a-graph', [
      {
        path: 'format',
        message:
          format === undefined
            ? `not a Tensorloom graph: it has no "format" field (expected "format": "${GRAPH_FORMAT}")`
            : `not a Tensorloom graph: "format" is ${describe(format)}, expected "${GRAPH_FORMAT}"`,
      },
    ]);
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0)
    return failure('schema', [
      {
        path: 'version',
        message:
          version === undefined
            ? 'missing (expected the format version, a whole number)'
            : `expected the format version, a whole number, got ${describe(version)}`,
      },
    ]);
  if (version > CURRENT_VERSION)
    return failure('too-new', [
      {
        path: 'version',
        message: `made by a newer version of Tensorloom: format version ${version}, this build reads up to ${CURRENT_VERSION}`,
      },
    ]);
  return version;
}

function failure(kind: ImportErrorKind, issues: FileIssue[]): Failure {
  const [first] = issues;
  // Problems with the JSON or the header read on their own; a schema problem needs its place.
  const summary = kind === 'schema' && first?.path ? `${first.path}: ${first.message}` : (first?.message ?? '');
  const others = issueCount(issues) - 1;
  const more = others > 0 ? ` (and ${others.toLocaleString('en-US')} more problem${others > 1 ? 's' : ''})` : '';
  return { ok: false, error: { kind, message: summary + more, issues } };
}

function decodeGraph({ name, description, training, nodes, edges }: GraphFile): Graph {
  return {
    ...(name !== undefined && { name }),
    ...(description !== undefined && { description }),
    ...(training !== undefined && { training }),
    nodes: nodes.map(decodeNode),
    edges,
  };
}

function decodeNode({ attrs, ...node }: GraphFile['nodes'][number]): GraphNode {
  return { ...node, attrs: decodeAttrs(attrs) };
}

/** Attribute values as a graph file holds them (checked by its schema), as a graph's. */
export function decodeAttrs(attrs: Readonly<Record<string, AttrValueJson>>): Record<string, AttrValue> {
  return Object.fromEntries(Object.entries(attrs).map(([key, value]) => [key, decodeAttr(value)]));
}

function decodeAttr(value: AttrValueJson): AttrValue {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const { dtype, shape } = value;
  if (value.values) return { dtype, shape, values: value.values.map(decodeTensorValue) };
  const values = base64ToTensor(value.base64!, dtype, elementCount(shape));
  // The schema has checked the text and its length, so it decodes.
  if (typeof values === 'string') throw new Error(`graph file tensor: ${values}`);
  return { dtype, shape, values };
}
