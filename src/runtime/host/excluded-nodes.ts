import { own, setOwn } from '../../graph/own';
import { nodeLabel } from '../../graph/types';
import type { Validation } from '../../graph/validate';

/**
 * The nodes not to run, and why: those that failed or may not run (`failed`), and every node
 * downstream of one, "skipped because <node> failed" after the node the skip traces back to (by
 * the name the user gave it, else its id).
 */
export function withDependentsSkipped(
  validation: Validation,
  failed: Readonly<Record<string, string>>,
): Record<string, string> {
  // Keyed by node ids, which are the user's text: without a prototype, `constructor` or `valueOf`
  // is an id like any other wherever the result is read, even by a plain lookup.
  const reasons: Record<string, string> = Object.create(null);
  for (const [id, reason] of Object.entries(failed)) setOwn(reasons, id, reason);
  // Per skipped node, the failed node its skip traces back to.
  const roots = new Map<string, string>();
  for (const id of validation.order) {
    if (own(reasons, id)) continue;
    const blocker = validation.nodes.get(id)?.inputRefs.find((r) => own(reasons, r.node));
    if (!blocker) continue;
    const root = roots.get(blocker.node) ?? blocker.node;
    roots.set(id, root);
    const node = validation.nodes.get(root)?.node;
    setOwn(reasons, id, `skipped because ${node ? nodeLabel(node) : root} failed`);
  }
  return reasons;
}
