/** Every way a graph can be invalid; the UI places each on the node and port it names. */
export type DiagnosticKind =
  | 'cycle'
  | 'missing-input'
  | 'unknown-op'
  | 'dtype-mismatch'
  | 'shape-mismatch'
  | 'invalid-attr'
  | 'invalid-edge'
  | 'duplicate-id'
  | 'invalid-target'
  | 'runtime-error';

export interface Diagnostic {
  readonly kind: DiagnosticKind;
  readonly message: string;
  /** The node the problem is on. For a cycle, the first node of `cycle`. */
  readonly nodeId?: string;
  readonly port?: string;
  readonly attr?: string;
  readonly edgeId?: string;
  /** The nodes on a cycle, in edge order. */
  readonly cycle?: readonly string[];
}

export function formatDiagnostic(d: Diagnostic): string {
  const where = [d.nodeId && `node ${d.nodeId}`, d.port && `port ${d.port}`, d.attr && `attr ${d.attr}`]
    .filter(Boolean)
    .join(', ');
  return where ? `${d.kind} at ${where}: ${d.message}` : `${d.kind}: ${d.message}`;
}
