import { describe, expect, it } from 'vitest';
import type { Graph } from '../../src/graph/types';
import { parseGraphFile, serializeGraph } from '../../src/io/graph-file';

const graph: Graph = {
  nodes: [
    { id: 'x', op: 'Placeholder', name: 'x', attrs: {} },
    { id: 'sum', op: 'Sum', name: 'loss', attrs: {} },
  ],
  edges: [{ id: 'e1', source: 'x', sourcePort: 'output', target: 'sum', targetPort: 'input' }],
};

const v2 = (extra: object = {}) =>
  JSON.stringify({ format: 'tensorloom.graph', version: 2, ...extra, nodes: graph.nodes, edges: graph.edges });

describe('document settings in a graph file', () => {
  it('writes the loss target, mode and backend, and reads them back with the graph', () => {
    const text = serializeGraph(graph, { lossTarget: 'sum', mode: 'graph', backend: 'cpu' });
    expect(JSON.parse(text).settings).toEqual({ lossTarget: 'sum', mode: 'graph', backend: 'cpu' });
    expect(parseGraphFile(text)).toStrictEqual({
      ok: true,
      graph,
      settings: { lossTarget: 'sum', mode: 'graph', backend: 'cpu' },
      migratedFrom: null,
    });
  });

  it('leaves settings out of the file when there are none, and out of what is read', () => {
    const text = serializeGraph(graph, { lossTarget: undefined });
    expect(JSON.parse(text)).not.toHaveProperty('settings');
    expect(parseGraphFile(text)).toStrictEqual({ ok: true, graph, migratedFrom: null });
  });

  it('reads a version 2 file, which has no settings, as the same graph', () => {
    expect(parseGraphFile(v2())).toStrictEqual({ ok: true, graph, migratedFrom: 2 });
  });

  it('refuses settings in a version 2 file, which had none', () => {
    const result = parseGraphFile(v2({ settings: { mode: 'graph' } }));
    expect(result.ok || result.error.issues).toEqual([
      { path: '', message: 'unknown field "settings" (version 3 added it)' },
    ]);
  });

  it('names a mode or backend it does not know, and an unknown setting', () => {
    const text = serializeGraph(graph).replace(
      '"version": 3,',
      '"version": 3, "settings": {"mode": "lazy", "theme": 1},',
    );
    const result = parseGraphFile(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.issues).toEqual([
      { path: 'settings.mode', message: 'expected "eager" or "graph", got "lazy"' },
      { path: 'settings', message: 'unknown field "theme"' },
    ]);
  });
});
