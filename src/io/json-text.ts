export type Json = null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json | undefined };

/**
 * JSON indented by two spaces, except that an array of plain values stays on one line: shapes and
 * tensor values read as rows, and a weight matrix would otherwise take a line per number. Also
 * keeps -0, which JSON.stringify writes as 0. Undefined fields are left out, as JSON.stringify does.
 */
export function prettyJson(value: Json, indent = ''): string {
  if (typeof value === 'number' && Object.is(value, -0)) return '-0';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const inner = `${indent}  `;
  if (isArray(value)) {
    if (value.length === 0) return '[]';
    if (value.every((v) => v === null || typeof v !== 'object'))
      return `[${value.map((v) => prettyJson(v)).join(', ')}]`;
    return `[\n${value.map((v) => inner + prettyJson(v, inner)).join(',\n')}\n${indent}]`;
  }
  const fields = Object.entries(value).filter((field): field is [string, Json] => field[1] !== undefined);
  if (fields.length === 0) return '{}';
  return `{\n${fields.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${prettyJson(v, inner)}`).join(',\n')}\n${indent}}`;
}

/** Array.isArray does not narrow readonly arrays. */
function isArray(value: Json): value is readonly Json[] {
  return Array.isArray(value);
}
