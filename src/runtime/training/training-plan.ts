import type { OpRegistry } from '../../graph/registry';
import type { TrainingSpec } from '../../graph/training';
import type { Graph } from '../../graph/types';
import { validateGraph } from '../../graph/validate';
import { gradientPathOf, type AnyOpDef, type TF } from '../../ops/define-op';
import { registry as defaultRegistry } from '../../ops/registry';
import { prepare, trace } from '../compile';
import type { Feeds } from '../execution';
import type { Plan, PlanStep } from '../plan';

/** A graph compiled for training: the plan (the loss first among its outputs), its feeds and what it trains. */
export interface TrainingPlan {
  readonly plan: Plan;
  readonly feeds: Feeds;
  /** The trainable VariableV2 steps the loss depends on. */
  readonly variables: readonly PlanStep[];
  /**
   * The steps no trained variable reaches: the input pipeline (datasets, a generator script), run
   * before the gradient tape each step, so that they may await.
   */
  readonly data: readonly PlanStep[];
}

export type TrainingPlanResult =
  | ({ readonly ok: true } & TrainingPlan)
  | { readonly ok: false; readonly error: string; readonly nodeId: string | null };

/**
 * Compiles a graph for training `spec`, once: refused, with the node to blame, where the loss is not
 * a float32 scalar, no trainable variable reaches it, or an op on the way awaits (a tape cannot).
 */
export function trainingPlan(
  tf: TF,
  graph: Graph,
  spec: TrainingSpec,
  {
    registry = defaultRegistry,
    maxBytes,
    fold = true,
  }: { registry?: OpRegistry<AnyOpDef>; maxBytes?: number; fold?: boolean } = {},
): TrainingPlanResult {
  const validation = validateGraph(graph, registry);
  const { loss, accuracy } = spec;
  const outputs = [loss, ...(accuracy ? [accuracy.prediction, accuracy.labels] : [])];
  const prepared = prepare(validation, {
    outputs,
    passes: fold ? ['prune', 'fold'] : ['prune'],
    ...(maxBytes !== undefined && { maxBytes }),
  });
  if (!prepared.ok) return failure(prepared.diagnostics[0]);
  const traced = trace(tf, prepared);
  if (!traced.ok) return failure(traced.diagnostics[0]);
  const { plan } = traced;
  const refuse = (nodeId: string, error: string): TrainingPlanResult => {
    plan.dispose();
    return { ok: false, nodeId, error };
  };
  const trained = (s: PlanStep) => s.op.name === 'VariableV2' && s.attrs['trainable'] === true;
  const variables = plan.steps.filter(trained);
  const reached = reachedFrom(plan, variables);
  // A script whose body does not await runs on the tape; other ops that await cannot.
  const awaiting = plan.steps.find(
    (s) => reached.has(s) && s.op.awaits && gradientPathOf(s.op, s.attrs, s.nodeId) !== 'tape',
  );
  if (awaiting)
    return refuse(
      awaiting.nodeId,
      `${awaiting.nodeId} (${awaiting.op.name}) awaits, and a trained variable reaches it: the gradient tape it runs on cannot wait`,
    );
  const type = plan.slots[plan.outputs[0]!.slot]!.type;
  if (type.dtype !== 'float32' || type.shape === null || type.shape.length !== 0) {
    const shape = type.shape === null ? '[…]' : `[${type.shape.join(', ')}]`;
    return refuse(
      loss.node,
      `the loss must be a float32 scalar; ${loss.node}.${loss.port} is ${type.dtype}${shape}: reduce it with Sum or Mean first`,
    );
  }
  if (!variables.length)
    return refuse(
      loss.node,
      `no trainable variable reaches ${loss.node}.${loss.port}: add a VariableV2 with trainable set upstream of it`,
    );
  const feeds = new Map(plan.steps.filter((s) => s.feed).map((s) => [s.nodeId, validation.nodes.get(s.nodeId)!.attrs]));
  const data = plan.steps.filter((s) => !reached.has(s) && !trained(s));
  return { ok: true, plan, feeds, variables, data };
}

/** The steps downstream of `sources` (the plan is in dependency order). */
function reachedFrom(plan: Plan, sources: readonly PlanStep[]): ReadonlySet<PlanStep> {
  const slots = new Set(sources.flatMap((s) => s.outputSlots));
  const reached = new Set<PlanStep>();
  for (const step of plan.steps)
    if (step.inputSlots.some((v) => (typeof v === 'number' ? slots.has(v) : v.some((s) => slots.has(s))))) {
      reached.add(step);
      for (const slot of step.outputSlots) slots.add(slot);
    }
  return reached;
}

function failure(diagnostic: { message: string; nodeId?: string } | undefined): TrainingPlanResult {
  return {
    ok: false,
    error: diagnostic?.message ?? 'the graph cannot be compiled',
    nodeId: diagnostic?.nodeId ?? null,
  };
}
