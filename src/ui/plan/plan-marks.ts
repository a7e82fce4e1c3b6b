/** What the plan overlay draws, built from a graph-mode run's report. Pure: no React, no DOM. */
import { nodeLabel, type Graph } from '../../graph/types';
import type { PassChange } from '../../runtime/plan';
import type { RunReport } from '../../runtime/reports';
import type { TensorSummary } from '../../runtime/summary';
import { formatNumber } from '../tensor-view/format';

/** One thing the optimizer or the schedule did to a node: a short text on the node, and why. */
export interface PlanChip {
  readonly kind: 'step' | 'frees' | 'constant' | 'unused' | PassChange['kind'];
  readonly text: string;
  readonly explain: string;
}

/** A node under the plan overlay: faded when it never runs, and its chips. */
export interface NodePlan {
  readonly faded: boolean;
  readonly chips: readonly PlanChip[];
}

/** A duplicate CSE merged into another node: drawn as a dashed link from `from` to `into`. */
export interface PlanLink {
  readonly from: string;
  readonly into: string;
  readonly name: string;
  readonly explain: string;
}

export interface PlanMarks {
  readonly nodes: ReadonlyMap<string, NodePlan>;
  readonly links: readonly PlanLink[];
}

export const NO_PLAN_MARKS: PlanMarks = { nodes: new Map(), links: [] };

/** The marks of a graph-mode report's plan on the graph it ran; none for an eager report. */
export function planMarks(graph: Graph, report: RunReport | null): PlanMarks {
  const plan = report?.optimization;
  if (!report || !plan) return NO_PLAN_MARKS;
  const labels = new Map(graph.nodes.map((n) => [n.id, nodeLabel(n)]));
  const name = (id: string) => labels.get(id) ?? id;
  const outputs = new Map(report.nodes.map((n) => [n.nodeId, n.outputs]));
  const chips = new Map<string, PlanChip[]>();
  const add = (id: string, chip: PlanChip) => {
    const list = chips.get(id);
    if (list) list.push(chip);
    else chips.set(id, [chip]);
  };
  const faded = new Set<string>();
  const links: PlanLink[] = [];

  for (const result of plan.passes)
    for (const change of result.changes) {
      switch (change.kind) {
        case 'pruned':
          faded.add(change.node);
          add(change.node, {
            kind: 'pruned',
            text: 'pruned',
            explain: 'Pruned: no value the graph returns depends on it, so graph mode never runs it.',
          });
          break;
        case 'folded': {
          const value = foldedValue(outputs.get(change.node));
          add(change.node, {
            kind: 'folded',
            text: value ? `folded → ${value}` : 'folded',
            explain: `Folded: all its inputs are constants, so it was computed once at compile time and became a constant${value ? ` (${value})` : ''}.`,
          });
          break;
        }
        case 'merged': {
          const explain = `Merged (CSE): the same op with the same attributes on the same inputs as ${name(change.into)}, so it runs once and ${name(change.node)}'s readers read ${name(change.into)}'s value.`;
          add(change.node, { kind: 'merged', text: `merged into ${name(change.into)}`, explain });
          links.push({
            from: change.node,
            into: change.into,
            name: `${name(change.node)} merged into ${name(change.into)} (CSE)`,
            explain,
          });
          break;
        }
        case 'simplified':
          add(change.node, {
            kind: 'simplified',
            text: `simplified: ${change.rule}`,
            explain:
              change.into === null
                ? `Simplified by the rule ${change.rule}: it runs rewritten.`
                : `Simplified by the rule ${change.rule}: its readers read ${name(change.into)}'s value, and it no longer runs.`,
          });
          break;
      }
    }

  plan.steps.forEach((id, i) => {
    const step = i + 1;
    add(id, {
      kind: 'step',
      text: `step ${step}`,
      explain: `Step ${step} of ${plan.steps.length} in the order graph mode runs the plan.`,
    });
    const freed = plan.frees[i] ?? [];
    if (!freed.length) return;
    // A node with one freed output is named alone; several outputs of one node are told apart by port.
    const perNode = new Map<string, number>();
    for (const ref of freed) perNode.set(ref.node, (perNode.get(ref.node) ?? 0) + 1);
    const values = freed.map((ref) => (perNode.get(ref.node)! > 1 ? `${name(ref.node)}.${ref.port}` : name(ref.node)));
    add(id, {
      kind: 'frees',
      text: `frees ${values.join(', ')}`,
      explain: `After step ${step}, graph mode frees ${values.join(', ')}: no later step reads ${values.length > 1 ? 'them' : 'it'}.`,
    });
  });

  // The nodes no pass names and no step runs: constants the plan holds, and what the passes left unread.
  const folded = new Set(plan.passes.flatMap((r) => r.changes.filter((c) => c.kind === 'folded').map((c) => c.node)));
  const readers = new Map<string, string[]>();
  for (const e of graph.edges) readers.set(e.source, [...(readers.get(e.source) ?? []), e.target]);
  // A node the run left out of the report (graph mode reports nothing of what it never met) is pending.
  const statuses = new Map(report.nodes.map((n) => [n.nodeId, n.status]));
  const diagnosed = new Set(report.diagnostics.flatMap((d) => [d.nodeId, ...(d.cycle ?? [])]));
  for (const { id } of graph.nodes) {
    if (chips.has(id) || diagnosed.has(id)) continue;
    const status = statuses.get(id) ?? 'pending';
    const read = [...new Set(readers.get(id) ?? [])];
    if (read.length && read.every((id) => folded.has(id))) {
      const into = read.map(name).join(', ');
      add(id, {
        kind: 'folded',
        text: `folded into ${into}`,
        explain: `Only folded nodes read it: its value went into ${into} at compile time, and the plan does not need it.`,
      });
    } else if (status === 'constant')
      add(id, {
        kind: 'constant',
        text: 'constant',
        explain: 'A constant of the plan: graph mode holds its value, and no step computes it.',
      });
    else if (status === 'pending') {
      faded.add(id);
      add(id, {
        kind: 'unused',
        text: 'unused after the passes',
        explain: 'Once the passes ran, nothing in the plan reads it, so graph mode never runs it.',
      });
    }
  }

  const nodes = new Map<string, NodePlan>();
  for (const [id, list] of chips) nodes.set(id, { faded: faded.has(id), chips: list });
  return { nodes, links };
}

/** The constant a folded node became: its value when it holds one, else its type. */
function foldedValue(outputs: Readonly<Record<string, TensorSummary>> | undefined): string | null {
  const summary = outputs && Object.values(outputs)[0];
  if (!summary) return null;
  if (summary.size === 1 && summary.values.length === 1) return formatNumber(summary.values[0]!);
  return `${summary.dtype}[${summary.shape.join(', ')}]`;
}
