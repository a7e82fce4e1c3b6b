import fc from 'fast-check';
import { readdirSync } from 'node:fs';
import { serializeGraph } from '../../src/io/graph-file';
import { GRAPH_FORMAT } from '../../src/io/schema';
import { readRepoFile } from '../io/files';
import { PROTOTYPE_KEYS } from '../support/object-prototype';
import { mutations, mutate, type Mutations } from './file-mutations';
import { attrValue } from './random-graphs';
import { buildGraph, graphRecipe, type GraphRecipe } from './valid-graphs';

/** Real files to break: every example, and the draft (version 0) and version 1 fixtures that migrations read. */
const FILES = [
  ...readdirSync(new URL('../../public/examples/', import.meta.url))
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => `public/examples/${name}`),
  'tests/io/fixtures/draft-v0.json',
  'tests/io/fixtures/draft-v0-as-v1.json',
];

const documents = new Map<string, unknown>();
function documentOf(path: string): unknown {
  if (!documents.has(path)) documents.set(path, JSON.parse(readRepoFile(path)));
  return documents.get(path);
}

/** A file to break: a real one by its path, or one serializeGraph wrote for a generated graph. */
export type FileSource = { readonly file: string } | { readonly written: GraphRecipe };

export interface FileCase {
  readonly source: FileSource;
  readonly mutations: Mutations;
}

export const fileCase: fc.Arbitrary<FileCase> = fc.record({
  source: fc.oneof(
    { arbitrary: fc.constantFrom(...FILES).map((file) => ({ file })), weight: 3 },
    { arbitrary: graphRecipe.map((written) => ({ written })), weight: 1 },
  ),
  mutations,
});

export function fileCaseText({ source, mutations: edits }: FileCase): string {
  const document =
    'file' in source ? documentOf(source.file) : JSON.parse(serializeGraph(buildGraph(source.written).graph));
  return mutate(document, edits);
}

const key = fc.oneof(
  fc.constantFrom('id', 'op', 'name', 'attrs', 'position', 'source', 'sourcePort', 'target', 'targetPort'),
  fc.constantFrom('value', 'dtype', 'shape', 'values', 'base64', 'x', 'y', 'type', 'params', 'label'),
  fc.constantFrom(...PROTOTYPE_KEYS),
);
const json = fc.jsonValue({ maxDepth: 3 });
const entry = fc.dictionary(key, fc.oneof(json, attrValue, fc.dictionary(key, fc.oneof(json, attrValue))), {
  maxKeys: 6,
  noNullPrototype: true,
});

/** JSON with the outline of a graph file (of any version) and anything at all inside it. */
export const graphShapedJson: fc.Arbitrary<unknown> = fc.record(
  {
    format: fc.oneof(fc.constant(GRAPH_FORMAT), json),
    version: fc.oneof(fc.constantFrom(0, 1, 2, 3, -1, 1.5), json),
    name: json,
    nodes: fc.oneof(fc.array(entry, { maxLength: 5 }), json),
    edges: fc.oneof(fc.array(entry, { maxLength: 5 }), json),
    links: fc.array(fc.oneof(fc.array(fc.oneof(key, json), { maxLength: 5 }), json), { maxLength: 4 }),
  },
  { requiredKeys: ['format', 'version'] },
);
