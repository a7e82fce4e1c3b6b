/** The optimizer passes as the UI names them, and what each did in a run. Pure. */
import type { OptimizerPass } from '../../graph/settings-edits';
import type { PassChange, PassResult } from '../../runtime/plan';

export interface PassInfo {
  readonly pass: OptimizerPass;
  readonly label: string;
  readonly explains: string;
}

/** The passes the user can switch, in the order they run. `fuse` changes nothing yet: not offered. */
export const SWITCHABLE_PASSES: readonly PassInfo[] = [
  {
    pass: 'prune',
    label: 'Prune',
    explains: 'Skips every node that no returned value depends on: it never runs.',
  },
  {
    pass: 'fold',
    label: 'Fold constants',
    explains: 'Computes nodes whose inputs are all constants once, at compile time.',
  },
  {
    pass: 'cse',
    label: 'Eliminate common subexpressions (CSE)',
    explains: 'Runs an op once when several nodes apply it with the same attributes to the same inputs.',
  },
  {
    pass: 'simplify',
    label: 'Simplify arithmetic',
    explains: 'Rewrites x·1, x+0, −−x, Transpose∘Transpose, Reshape∘Reshape and Cast to the same dtype.',
  },
];

/** What each pass does to a node, as in "3 nodes folded". */
const VERB: Record<PassResult['pass'], string> = {
  prune: 'pruned',
  fold: 'folded',
  cse: 'merged',
  simplify: 'simplified',
  fuse: 'fused',
};

/** One node a pass changed, as the list names it ("b into a", "m: x·1 → x"). */
export interface ChangedNode {
  readonly id: string;
  readonly text: string;
}

export interface PassOutcome {
  /** "3 nodes folded", "nothing to prune", "off". */
  readonly summary: string;
  readonly nodes: readonly ChangedNode[];
}

/** What a pass did, in words, with the nodes it changed named as `name` says. */
export function passOutcome(result: PassResult, name: (id: string) => string): PassOutcome {
  if (!result.enabled) return { summary: 'off', nodes: [] };
  const count = result.changes.length;
  const verb = VERB[result.pass];
  if (count === 0) return { summary: `nothing ${verb}`, nodes: [] };
  return {
    summary: `${count} node${count === 1 ? '' : 's'} ${verb}`,
    nodes: result.changes.map((change) => ({ id: change.node, text: changedText(change, name) })),
  };
}

function changedText(change: PassChange, name: (id: string) => string): string {
  switch (change.kind) {
    case 'merged':
      return `${name(change.node)} into ${name(change.into)}`;
    case 'simplified':
      return `${name(change.node)}: ${change.rule}`;
    default:
      return name(change.node);
  }
}
