import type { AnyOpSignature } from '../../graph/op-signature';
import { fileInfo } from '../../graph/attrs';
import { shownInputPorts, type ShownPort } from '../../graph/ports';
import { formatType } from '../../graph/shape';
import type { GraphNode, TensorType } from '../../graph/types';
import type { Validation } from '../../graph/validate';
import type { NodeReport } from '../../runtime/reports';
import { formatBytes } from '../format-bytes';
import type { TensorSummary } from '../../runtime/summary';
import type { NodeHeat } from './overlay/node-heat';
import type { NodePlan } from '../plan/plan-marks';

export type NodeStatusView =
  | 'ok'
  | 'running'
  | 'stale'
  | 'error'
  | 'skipped'
  | 'pending'
  | 'pruned'
  | 'folded'
  | 'merged'
  | 'simplified'
  | 'constant'
  | 'invalid';

export type PortView = ShownPort;

export interface OutputView extends PortView {
  readonly type: string | null;
  readonly summary: TensorSummary | null;
}

/** Everything a node on the canvas shows: plain, comparable data. */
export interface OpNodeData extends Record<string, unknown> {
  readonly op: string;
  readonly label: string;
  readonly inputs: readonly PortView[];
  readonly outputs: readonly OutputView[];
  readonly attrs: string;
  readonly status: NodeStatusView;
  readonly message: string | null;
  /** Why its values may differ from TensorFlow's on this backend (limits its inputs meet). */
  readonly warning: string | null;
  readonly ms: number | null;
  /** The node eager step-through ran last. */
  readonly current: boolean;
  /** Its colour and measure under the canvas overlay (gradient magnitude, time), if one is on. */
  readonly heat: NodeHeat | null;
  /** What the optimizer and the schedule did to it, while the plan overlay is shown. */
  readonly plan: NodePlan | null;
}

export function inputPorts(node: GraphNode, op: AnyOpSignature, validation: Validation): PortView[] {
  const resolved = validation.nodes.get(node.id);
  return shownInputPorts((resolved?.op ?? op).inputs, resolved?.inputs ?? {});
}

export function outputPorts(
  outputs: readonly string[],
  types: Readonly<Record<string, TensorType>> | undefined,
  report: NodeReport | undefined,
): OutputView[] {
  return outputs.map((port) => {
    const type = types?.[port];
    return { id: port, label: port, type: type ? formatType(type) : null, summary: report?.outputs[port] ?? null };
  });
}

/** The attributes worth showing on the node itself: those set to something other than the default. */
export function attrSummary(node: GraphNode, op: AnyOpSignature): string {
  const parts: string[] = [];
  for (const [name, spec] of Object.entries(op.attrs)) {
    if (!(name in node.attrs)) continue;
    const value = node.attrs[name]!;
    // Values, code and port lists have their own views; the node shows short settings only.
    if (spec.kind === 'tensor' || spec.kind === 'code' || spec.kind === 'ports') continue;
    if (JSON.stringify(value) === JSON.stringify(spec.default)) continue;
    if (spec.kind === 'file') {
      const info = fileInfo(String(value));
      if (info) parts.push(`${info.type}, ${formatBytes(info.bytes)}`);
      continue;
    }
    parts.push(`${name}=${Array.isArray(value) ? `[${value.join(',')}]` : String(value)}`);
  }
  return parts.join('  ');
}

export function statusOf(
  report: NodeReport | undefined,
  diagnostic: string | undefined,
  stale: boolean,
  running: boolean,
): { status: NodeStatusView; message: string | null } {
  if (diagnostic) return { status: 'invalid', message: diagnostic };
  if (!report) return { status: running ? 'running' : 'pending', message: null };
  if (report.status === 'error') return { status: 'error', message: report.error ?? 'failed' };
  if (stale) return { status: running ? 'running' : 'stale', message: null };
  return { status: report.status === 'invalid' ? 'invalid' : report.status, message: report.error ?? null };
}
