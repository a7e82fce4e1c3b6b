import type { Graph } from '../../graph/types';
import type { BackendChoice, BackendName } from '../../runtime/backend';
import type { HostEvent, HostRunOptions } from '../../runtime/host/runtime-host';

/**
 * The script process's exit status when a callback a script left in a timer overran its deadline
 * and could not be interrupted safely (see vm-interrupter.ts): with no script running, no one
 * would kill it.
 */
export const UNSAFE_INTERRUPT_EXIT = 70;

/** What the runner asks of its script process. */
export type Request =
  /** First, once: load the runtime on `backend`; `maxBytes` null is the backend's default budget. */
  | { readonly type: 'start'; readonly backend: BackendName; readonly maxBytes: number | null }
  | { readonly type: 'run'; readonly id: number; readonly graph: Graph; readonly options: HostRunOptions }
  | {
      readonly type: 'gradients';
      readonly id: number;
      readonly graph: Graph;
      readonly target: string;
      readonly previewLimit: number;
    }
  /** Training, as the editor's runtime host trains: a run from the graph's setup, stepped in chunks. */
  | { readonly type: 'start-training'; readonly id: number; readonly graph: Graph }
  | { readonly type: 'train-steps'; readonly id: number; readonly count: number }
  | { readonly type: 'trained-values'; readonly id: number };

/** What the script process tells the runner. */
export type Reply =
  | { readonly type: 'ready'; readonly backend: BackendChoice }
  | { readonly type: 'start-failed'; readonly message: string }
  | { readonly type: 'event'; readonly event: HostEvent }
  | { readonly type: 'answer'; readonly id: number; readonly value: unknown }
  | { readonly type: 'error'; readonly id: number; readonly message: string };

/**
 * A reply as it arrives, checked: the process runs code from the file, so what it sends is data
 * to check, not to believe. Null for anything that is not a reply.
 */
export function asReply(value: unknown): Reply | null {
  if (typeof value !== 'object' || value === null) return null;
  const m = value as Record<string, unknown>;
  switch (m['type']) {
    case 'ready':
      return isObject(m['backend']) ? (m as Reply) : null;
    case 'start-failed':
      return typeof m['message'] === 'string' ? (m as Reply) : null;
    case 'event':
      return isEvent(m['event']) ? (m as Reply) : null;
    case 'answer':
      return typeof m['id'] === 'number' && isObject(m['value']) ? (m as Reply) : null;
    case 'error':
      return typeof m['id'] === 'number' && typeof m['message'] === 'string' ? (m as Reply) : null;
    default:
      return null;
  }
}

function isEvent(value: unknown): value is HostEvent {
  if (!isObject(value)) return false;
  const e = value as Record<string, unknown>;
  if (e['type'] === 'script-started') return typeof e['nodeId'] === 'string' && typeof e['timeoutMs'] === 'number';
  if (e['type'] === 'script-finished') return typeof e['nodeId'] === 'string';
  return e['type'] === 'backend-changed' && isObject(e['backend']);
}

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}
