import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Graph } from '../../src/graph/types';
import { Session, type RunOptions } from '../../src/runtime/session';
import { createDocumentStore } from '../../src/store/document-store';
import { createRunStore } from '../../src/store/run-store';
import { Runner } from '../../src/store/runner';
import type { RuntimeClient } from '../../src/store/runtime-client';
import { withAttrs } from '../support/graph-builder';
import { cpu, live } from '../support/tf';

/** x [2] summed by the node named total. */
const graph: Graph = {
  nodes: [
    { id: 'x', op: 'Placeholder', attrs: { value: { dtype: 'float32', shape: [2], values: [1, 2] } } },
    { id: 'sum', op: 'Sum', name: 'total', attrs: {} },
  ],
  edges: [{ id: 'e', source: 'x', sourcePort: 'output', target: 'sum', targetPort: 'input' }],
};

const sessions: Session[] = [];
let baseline: number;

/** A client whose host is a real Session on the CPU, a new one at each start, as a new runtime host is. */
function client(): RuntimeClient {
  let session: Session;
  return {
    start: async () => {
      session = new Session(tf);
      sessions.push(session);
      return { name: 'cpu', reason: 'requested' };
    },
    get host() {
      return { run: (g: Graph, options: RunOptions) => session.run(g, options) };
    },
  } as unknown as RuntimeClient;
}

beforeAll(async () => {
  await cpu();
});

afterEach(() => {
  vi.useRealTimers();
  for (const s of sessions.splice(0)) s.dispose();
  expect(live()).toBe(baseline);
});

describe('the trace log', () => {
  it("keeps every run's trace, newest first, and starts afresh with a new host", async () => {
    baseline = live();
    // The runner debounces edits with a timer: the test runs them itself.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const doc = createDocumentStore();
    const run = createRunStore();
    const runner = new Runner(client(), doc, run);
    doc.getState().load(graph, 'file', null, true, { mode: 'graph' });
    await runner.start('cpu');
    expect(run.getState().traceLog).toEqual([{ traced: true, number: 1, reasons: ['first call'], mode: 'graph' }]);

    doc.setState({ graph: withAttrs(graph, 'x', { value: { dtype: 'float32', shape: [3], values: [1, 2, 3] } }) });
    await runner.runNow();
    doc.setState({ graph: withAttrs(graph, 'x', { value: { dtype: 'float32', shape: [2], values: [5, 6] } }) });
    await runner.runNow();
    expect(run.getState().traceLog).toEqual([
      {
        traced: false,
        number: 1,
        reasons: ['input `x` changed shape [3] → [2]', 'trace 1 was made for this before: reused'],
        mode: 'graph',
      },
      { traced: true, number: 2, reasons: ['input `x` changed shape [2] → [3]'], mode: 'graph' },
      { traced: true, number: 1, reasons: ['first call'], mode: 'graph' },
    ]);

    await runner.start('cpu');
    expect(run.getState().traceLog).toEqual([{ traced: true, number: 1, reasons: ['first call'], mode: 'graph' }]);
  });
});
