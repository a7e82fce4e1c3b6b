import { describe, expect, it } from 'vitest';
import type { Graph } from '../../src/graph/types';
import { parseGraphFile } from '../../src/io/graph-file';
import { EXPORT_FORMATS, type ExportFormat } from '../../src/ui/export/model-files';
import { GraphBuilder } from '../support/graph-builder';
import { readRepoFile } from '../io/files';

function example(name: string): Graph {
  const result = parseGraphFile(readRepoFile(`public/examples/${name}.json`));
  if (!result.ok) throw new Error(result.error.message);
  return result.graph;
}

function files(format: ExportFormat, graph: Graph) {
  const exported = EXPORT_FORMATS[format].files(graph);
  if (!exported.ok) throw new Error(exported.message);
  return exported;
}

describe('the files Export… downloads', () => {
  it('names each format apart', () => {
    const formats = Object.values(EXPORT_FORMATS);
    for (const part of ['label', 'title', 'action'] as const)
      expect(new Set(formats.map((f) => f[part])).size, part).toBe(formats.length);
  });

  it('makes a GraphModel of model.json, its shards and register-ops.ts for scripts', () => {
    expect([...files('graph-model', example('sin-times-two')).files.keys()]).toEqual([
      'model.json',
      'group1-shard1of1.bin',
    ]);
    expect([...files('graph-model', example('seed-py-function')).files.keys()]).toContain('register-ops.ts');
  });

  it('makes a TypeScript module, with what it could not keep as notes', () => {
    const exported = files('typescript', example('mlp'));
    expect([...exported.files.keys()]).toEqual(['model.ts']);
    expect(exported.files.get('model.ts')).toContain('export function run(inputs: Inputs): Outputs {');
    expect(exported.notes).toContain('VariableV2 W1 is written as a constant of its current value');
  });

  it('puts a TypeScript module’s large constants in weight shards beside it', () => {
    const graph = new GraphBuilder()
      .constant(
        'w',
        Array.from({ length: 65 }, (_, i) => i),
      )
      .node('y', 'Neg', {}, { x: 'w' })
      .build();
    const exported = files('typescript', graph);
    expect([...exported.files.keys()]).toEqual(['model.ts', 'group1-shard1of1.bin']);
    expect(exported.files.get('model.ts')).toContain('export async function loadWeights(');
  });

  it('says why a graph cannot be exported', () => {
    const graph = new GraphBuilder().node('y', 'Neg').build();
    for (const format of Object.values(EXPORT_FORMATS)) {
      const exported = format.files(graph);
      expect(exported.ok).toBe(false);
      expect(!exported.ok && exported.message).toMatch(/^the graph has problems to fix first: /);
    }
  });
});
