import { readFileSync } from 'node:fs';
import type { DocumentSettings } from '../../src/graph/document-settings';
import type { Graph } from '../../src/graph/types';
import { parseGraphFile } from '../../src/io/graph-file';
import type { NodeStatus, RunReport } from '../../src/runtime/reports';
import type { TensorSummary } from '../../src/runtime/summary';
import type { LessonWorld } from '../../src/store/lessons';
import { createRunStore, type RunState } from '../../src/store/run-store';

/** A lesson's graph file as the app reads it. */
export function lessonFile(file: string): { graph: Graph; settings?: DocumentSettings } {
  const loaded = parseGraphFile(readFileSync(new URL(`../../public/examples/${file}`, import.meta.url), 'utf8'));
  if (!loaded.ok) throw new Error(`${file}: ${loaded.error.message}`);
  return { graph: loaded.graph, ...(loaded.settings && { settings: loaded.settings }) };
}

/** A finished run in `mode` where each listed node had its status. */
export function report(
  mode: 'eager' | 'graph',
  statuses: Record<string, NodeStatus>,
  extra: Partial<RunReport> = {},
): RunReport {
  return {
    ok: !Object.values(statuses).includes('error'),
    mode,
    backend: null,
    diagnostics: [],
    error: null,
    nodes: Object.entries(statuses).map(([nodeId, status]) => ({ nodeId, op: 'Op', status, ms: 1, outputs: {} })),
    outputs: [],
    plan: null,
    optimization: null,
    retraced: false,
    traceCount: 1,
    trace: null,
    timeline: null,
    stepsRun: 0,
    stepsTotal: 0,
    current: null,
    totalMs: 10,
    peakTensors: 1,
    peakBytes: 1024 ** 2,
    tensorsAlive: 0,
    bytesAlive: 0,
    ...extra,
  };
}

/** A summary of float32 `values`, as the runtime makes one (only the fields the lessons read matter). */
export function summary(values: number[]): TensorSummary {
  return {
    dtype: 'float32',
    shape: [values.length],
    size: values.length,
    min: null,
    max: null,
    mean: null,
    std: null,
    nanCount: values.filter(Number.isNaN).length,
    infCount: 0,
    values,
    truncated: false,
  };
}

/** The world a check sees: `graph` open, runs as `run` says (the idle run store's state otherwise). */
export function world(
  graph: Graph,
  {
    run = {},
    selection = [],
    settings = {},
  }: { run?: Partial<RunState>; selection?: string[]; settings?: DocumentSettings } = {},
): LessonWorld {
  return { graph, settings, run: { ...createRunStore().getState(), ...run }, selection };
}
