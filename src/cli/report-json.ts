import { prettyJson, type Json } from '../io/json-text';
import { terminalSafeJson } from './terminal-text';

/**
 * A report as JSON that keeps every value: NaN and ±Infinity as the strings "NaN", "Infinity" and
 * "-Infinity" (JSON.stringify would write null) and -0 as -0, as the graph format spells them;
 * the characters a terminal could act on escaped in names and messages from the file.
 */
export function reportJson(value: unknown): string {
  return terminalSafeJson(prettyJson(spelled(value)));
}

function spelled(value: unknown): Json {
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (Array.isArray(value)) return value.map(spelled);
  if (ArrayBuffer.isView(value)) return Array.from(value as unknown as ArrayLike<number>, spelled);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, v === undefined ? undefined : spelled(v)]));
  return value as Json;
}
