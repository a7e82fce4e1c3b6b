import type { Graph } from '../../src/graph/types';
import { tempFile } from './cli';

/**
 * x = [1, 2, 3] → one TensorScript per body (float32 x in, float32 y out, `timeoutMs` each), all
 * side by side; and, apart, alone = Cos(x), to show the rest of the graph ran.
 */
export function scriptsGraph(bodies: Readonly<Record<string, string>>, timeoutMs = 5000): Graph {
  const scripts = Object.entries(bodies).map(([id, body]) => ({
    id,
    op: 'TensorScript',
    attrs: {
      inputs: [{ name: 'x', dtype: 'float32' }],
      outputs: [{ name: 'y', dtype: 'float32' }],
      body,
      timeout_ms: timeoutMs,
    },
  }));
  return {
    format: 'tensorloom.graph',
    version: 1,
    nodes: [
      { id: 'x', op: 'Placeholder', attrs: { value: { dtype: 'float32', shape: [3], values: [1, 2, 3] } } },
      ...scripts,
      { id: 'alone', op: 'Cos', attrs: {} },
    ],
    edges: [...scripts, { id: 'alone' }].map(({ id }) => ({
      id: `to-${id}`,
      source: 'x',
      sourcePort: 'output',
      target: id,
      targetPort: 'x',
    })),
  } as Graph;
}

export function scriptsGraphFile(bodies: Readonly<Record<string, string>>, timeoutMs?: number): string {
  return tempFile(JSON.stringify(scriptsGraph(bodies, timeoutMs)));
}

export const cosines = [Math.cos(1), Math.cos(2), Math.cos(3)];

export interface JsonReport {
  run: {
    ok: boolean;
    nodes: { nodeId: string; status: string; error?: string; outputs: Record<string, { values: number[] }> }[];
    outputs: { node: string; summary: { values: number[] } }[];
  };
}

export const nodeOf = (report: JsonReport, id: string) => report.run.nodes.find((n) => n.nodeId === id);
export const valuesOf = (report: JsonReport, id: string) =>
  report.run.outputs.find((o) => o.node === id)?.summary.values;
