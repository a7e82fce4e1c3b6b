import { beforeAll, describe, expect, it } from 'vitest';
import { parseGraphFile } from '../../src/io/graph-file';
import { readRepoFile } from '../io/files';
import { cpu } from '../support/tf';
import { assertProperty } from './assert-property';
import { checkFileText, OK } from './checks';
import { graphShapedFiles, mutatedFiles } from './properties';

beforeAll(async () => {
  await cpu();
});

describe('fuzzing the importer', () => {
  it(mutatedFiles.name, () => assertProperty(mutatedFiles));
  it(graphShapedFiles.name, () => assertProperty(graphShapedFiles));
});

describe('shrunk counterexamples', () => {
  // Shrunk from {file: seed-random-source.json, tree: [{kind: 'bloat', at: 0, pick: 166}]}: one field
  // with 150,000 problems overflowed the stack in io/issues.ts (issue 10, finding 4).
  it('a tensor with 150,000 values of the wrong kind is refused with a capped list of problems', async () => {
    const doc = JSON.parse(readRepoFile('public/examples/sin-times-two.json'));
    doc.nodes[0].attrs.value.values = new Array(150_000).fill(false);
    const text = JSON.stringify(doc);
    expect(await checkFileText(text)).toEqual(OK);
    const result = parseGraphFile(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.kind).toBe('schema');
    expect(result.error.issues[0]!.path).toMatch(/^nodes\[0\]\.attrs\.value\.values/);
    expect(result.error.issues.length).toBeLessThan(150_000);
  });

  // Shrunk from {file: seed-custom-op.json, tree: [{kind: 'bloat', at: 90615958, pick: 802}]}: a
  // script's port declaration whose shape holds 150,000 wrong entries overflowed the stack inside
  // zod, which spreads a nested array's issues into its parent's list (from about 130,000 on).
  it('a script port shape of 150,000 wrong entries is refused, not a stack overflow', async () => {
    const doc = {
      format: 'tensorloom.graph',
      version: 2,
      nodes: [
        {
          id: 's',
          op: 'TensorScript',
          attrs: { inputs: [{ name: 'x', dtype: 'float32', shape: new Array(150_000).fill(-1) }] },
        },
      ],
      edges: [],
    };
    const text = JSON.stringify(doc);
    expect(await checkFileText(text)).toEqual(OK);
    const result = parseGraphFile(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.kind).toBe('schema');
    expect(result.error.issues[0]!.path).toMatch(/^nodes\[0\]\.attrs\.inputs/);
  });
});
