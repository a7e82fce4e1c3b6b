import type { AttrValue, PortDecl } from '../../../graph/types';
import { scriptErrorLocation } from '../../../ops/script';
import type { CodeContext } from './CodeAttr';
import type { ScriptProblem } from './problem-range';

interface ScriptNodeState {
  readonly nodeId: string;
  readonly op: string;
  /** The node's attributes with defaults filled in. */
  readonly attrs: Readonly<Record<string, AttrValue>> | undefined;
  /** Errors of the last run and gradient pass, unless an edit has made them stale. */
  readonly runError: string | undefined;
  readonly gradientError: string | undefined;
  readonly tfFunctions: () => Promise<readonly string[]>;
}

/** What the editor of a script's `body` or `gradient` needs to know of its node; undefined for other attributes. */
export function codeContextOf(attr: string, node: ScriptNodeState): CodeContext | undefined {
  if (attr !== 'body' && attr !== 'gradient') return undefined;
  const inputs = ((node.attrs?.['inputs'] ?? []) as readonly PortDecl[]).map((p) => p.name);
  // The parameters each kind of body is compiled with (TensorScript, ArrayScript, gradients).
  const variables =
    attr === 'gradient' ? ['dy', ...inputs, 'output', 'tf'] : node.op === 'TensorScript' ? [...inputs, 'tf'] : inputs;
  return {
    problems: problemsIn(attr, node),
    scope: { variables, tfFunctions: variables.includes('tf') ? node.tfFunctions : null },
  };
}

/**
 * The error of a script's body (from the run) or gradient body (from the gradient pass, which names
 * the node first), at its line: reports carry errors as text with the location at the end.
 */
function problemsIn(attr: 'body' | 'gradient', node: ScriptNodeState): readonly ScriptProblem[] {
  const prefix = `${node.nodeId}: `;
  const error =
    attr === 'body'
      ? node.runError
      : node.gradientError?.startsWith(prefix)
        ? node.gradientError.slice(prefix.length)
        : undefined;
  const problem = error ? scriptErrorLocation(error) : null;
  return problem ? [problem] : [];
}
