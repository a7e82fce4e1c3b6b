/** How much of one name (an id, a port, an attribute) the CLI prints. */
export const NAME_LIMIT = 200;
/** How much of one message (which may quote names) the CLI prints. */
export const MESSAGE_LIMIT = 500;

// C0 and C1 controls and DEL (ESC starts every terminal command), the line and paragraph
// separators, and the bidirectional overrides that make text display in another order than it reads.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
// What JSON.stringify leaves raw of those: all but C0, which it escapes (and whose \n lays out JSON text).
const RAW_IN_JSON = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const SHORT: ReadonlyMap<string, string> = new Map([
  ['\n', '\\n'],
  ['\r', '\\r'],
  ['\t', '\\t'],
]);

/**
 * Text from a file made fit to print: every control character as a visible escape (`\x1b`, `\n`,
 * `\u2028`), so that a name can neither command the terminal nor fake a line of output, and at
 * most `limit` characters of it, the rest counted ("… (N more)").
 */
export function shown(text: string, limit = NAME_LIMIT): string {
  let head = text.length > limit ? text.slice(0, limit) : text;
  // Never end on half of a surrogate pair.
  if (head.length < text.length && /[\ud800-\udbff]$/.test(head)) head = head.slice(0, -1);
  const escaped = head.replace(CONTROL, escape);
  return head.length < text.length ? `${escaped}… (${text.length - head.length} more)` : escaped;
}

/** A message that may quote names: longer than a name, as safe. */
export function shownMessage(text: string): string {
  return shown(text, MESSAGE_LIMIT);
}

/** Names as a list: each shown, and at most `limit` of them, the rest counted. */
export function shownList(names: readonly string[], limit = 20): string {
  const listed = names.slice(0, limit).map((name) => shown(name));
  return names.length > limit ? `${listed.join(', ')} and ${names.length - limit} more` : listed.join(', ');
}

/**
 * JSON text with the characters that JSON.stringify leaves raw but a terminal may act on (C1
 * controls, the line separators, bidirectional overrides) written as \u escapes: the same JSON value.
 */
export function terminalSafeJson(json: string): string {
  return json.replace(RAW_IN_JSON, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function escape(c: string): string {
  const short = SHORT.get(c);
  if (short) return short;
  const code = c.charCodeAt(0);
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}
