import { describe, expect, it } from 'vitest';
import type { TensorLiteral } from '../../src/graph/types';
import { CURRENT_VERSION, MIGRATIONS, parseGraphFile } from '../../src/io/graph-file';
import { readRepoFile } from './files';

const draft = readRepoFile('tests/io/fixtures/draft-v0.json');
const v1 = readRepoFile('tests/io/fixtures/draft-v0-as-v1.json');

describe('migrations', () => {
  it('has one step per version before the current one', () => {
    expect(CURRENT_VERSION).toBe(3);
    expect(MIGRATIONS).toHaveLength(CURRENT_VERSION);
  });

  it('reads the v0 draft as the same graph as its hand-written v1 equivalent', () => {
    const fromDraft = parseGraphFile(draft);
    const fromV1 = parseGraphFile(v1);
    expect(fromV1).toMatchObject({ ok: true, migratedFrom: 1 });
    expect(fromDraft).toMatchObject({ ok: true, migratedFrom: 0 });
    if (!fromDraft.ok || !fromV1.ok) return;
    expect(fromDraft.graph).toStrictEqual(fromV1.graph);
    expect(fromDraft.graph.nodes[0]!.attrs.value).toEqual({ dtype: 'float32', shape: [2], values: [1.5, NaN] });
    expect(fromDraft.graph.nodes[2]!.attrs.value).toEqual({ dtype: 'bool', shape: [2, 1], values: [1, 0] });
  });

  it('reports problems in a v0 file at the paths of that file', () => {
    const doc = JSON.parse(draft);
    delete doc.nodes[1].type;
    doc.links[2] = ['stack', 'output', 'total'];
    const result = parseGraphFile(JSON.stringify(doc));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.kind).toBe('schema');
    expect(result.error.issues).toEqual([
      { path: 'nodes[1].type', message: 'missing (expected an op name)' },
      { path: 'links[2]', message: 'expected a link [sourceId, sourcePort, targetId, targetPort], got an array' },
    ]);
  });

  it('reads a v1 file as the same graph once its version says 2', () => {
    const asV2 = parseGraphFile(v1.replace('"version": 1', '"version": 2'));
    expect(asV2).toMatchObject({ ok: true, migratedFrom: 2 });
    expect(parseGraphFile(v1)).toStrictEqual({ ...asV2, migratedFrom: 1 });
  });

  it('holds a v1 file to version 1, which had no base64 tensors', () => {
    const doc = JSON.parse(v1);
    const value = doc.nodes[0].attrs.value;
    delete value.values;
    value.base64 = 'AADAPwAAwH8=';
    const result = parseGraphFile(JSON.stringify(doc));
    expect(result.ok || result.error.issues).toEqual([
      { path: 'nodes[0].attrs.value.values', message: 'missing (expected an array of tensor values)' },
      { path: 'nodes[0].attrs.value', message: 'unknown field "base64"' },
    ]);
    doc.version = 2;
    const asV2 = parseGraphFile(JSON.stringify(doc));
    expect(asV2.ok && (asV2.graph.nodes[0]!.attrs.value as TensorLiteral).values).toEqual(Float32Array.of(1.5, NaN));
  });

  it('still checks the migrated document', () => {
    const doc = JSON.parse(draft);
    doc.nodes[1].id = 'a';
    const result = parseGraphFile(JSON.stringify(doc));
    expect(result.ok || result.error.issues).toEqual([
      { path: 'nodes[1].id', message: 'duplicate node id "a", already used by nodes[0]' },
    ]);
  });
});
