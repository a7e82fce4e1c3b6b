import { describe, expect, it } from 'vitest';
import { CURRENT_VERSION, MIGRATIONS, parseGraphFile } from '../../src/io/graph-file';
import { readRepoFile } from './files';

const draft = readRepoFile('tests/io/fixtures/draft-v0.json');
const v1 = readRepoFile('tests/io/fixtures/draft-v0-as-v1.json');

describe('migrations', () => {
  it('has one step per version before the current one', () => {
    expect(CURRENT_VERSION).toBe(1);
    expect(MIGRATIONS).toHaveLength(CURRENT_VERSION);
  });

  it('reads the v0 draft as the same graph as its hand-written v1 equivalent', () => {
    const fromDraft = parseGraphFile(draft);
    const fromV1 = parseGraphFile(v1);
    expect(fromV1).toMatchObject({ ok: true, migratedFrom: null });
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

  it('still checks the migrated document', () => {
    const doc = JSON.parse(draft);
    doc.nodes[1].id = 'a';
    const result = parseGraphFile(JSON.stringify(doc));
    expect(result.ok || result.error.issues).toEqual([
      { path: 'nodes[1].id', message: 'duplicate node id "a", already used by nodes[0]' },
    ]);
  });
});
