import { own, setOwn } from '../../graph/own';
import type { Validation } from '../../graph/validate';

/**
 * The nodes not to run, and why: those that failed or may not run (`failed`), and every node
 * downstream of one, "skipped because <id> failed" after the node the skip traces back to.
 */
export function withDependentsSkipped(
  validation: Validation,
  failed: Readonly<Record<string, string>>,
): Record<string, string> {
  // Keyed by node ids, which are the user's text: without a prototype, `constructor` or `valueOf`
  // is an id like any other wherever the result is read, even by a plain lookup.
  const reasons: Record<string, string> = Object.create(null);
  for (const [id, reason] of Object.entries(failed)) setOwn(reasons, id, reason);
  for (const id of validation.order) {
    if (own(reasons, id)) continue;
    const blocker = validation.nodes.get(id)?.inputRefs.find((r) => own(reasons, r.node));
    if (blocker) setOwn(reasons, id, `skipped because ${rootOf(blocker.node, reasons)} failed`);
  }
  return reasons;
}

/** The failed node a skip traces back to. */
function rootOf(id: string, reasons: Readonly<Record<string, string>>): string {
  const skipped = /^skipped because (.+) failed$/.exec(own(reasons, id) ?? '');
  return skipped ? skipped[1]! : id;
}
