import * as tf from '@tensorflow/tfjs';
import type { Graph } from '../src/graph/types';
import { validateGraph } from '../src/graph/validate';
import { registry } from '../src/ops/registry';
import { compile } from '../src/runtime/compile';
import type { Feeds } from '../src/runtime/execution';
import type { ScriptWatch } from '../src/runtime/forward';
import type { Plan } from '../src/runtime/plan';
import { runGraph } from '../src/runtime/run-graph';

export interface Compiled {
  readonly plan: Plan;
  readonly feeds: Feeds;
}

/** The graph traced into a plan, with its placeholders' values as the feeds, as a session would. */
export function compiled(graph: Graph): Compiled {
  const validation = validateGraph(graph, registry);
  const result = compile(tf, graph, registry);
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
  const feeds = new Map(
    result.plan.steps.filter((s) => s.feed).map((s) => [s.nodeId, validation.nodes.get(s.nodeId)!.attrs]),
  );
  return { plan: result.plan, feeds };
}

/** One graph-mode run, its outputs read and freed. */
export async function runCompiled({ plan, feeds }: Compiled, watch?: ScriptWatch): Promise<void> {
  const execution = await runGraph(tf, plan, feeds, watch);
  execution.dispose();
}

export const ms = (v: number) => `${v.toFixed(3)} ms`;

export const random = (n: number, seed: number) =>
  Array.from({ length: n }, (_, i) => Math.sin(i * 12.9898 + seed) * 0.5);
