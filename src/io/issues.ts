import type { z } from 'zod';

/** One problem in a file, at a path written the way a person reads it: `nodes[2].attrs.value.shape`. */
export interface FileIssue {
  readonly path: string;
  readonly message: string;
}

export type Checked<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly issues: FileIssue[] };

/** Parses `data` with `schema`, turning zod's issues into readable ones. */
export function check<S extends z.ZodType>(schema: S, data: unknown): Checked<z.output<S>> {
  const result = schema.safeParse(data, { error: fallbackMessage });
  return result.success
    ? { ok: true, value: result.data }
    : { ok: false, issues: result.error.issues.flatMap((issue) => readable(issue, [])) };
}

/** Zod error options saying what a field should hold; unknown fields keep the fallback message. */
export function expected(what: string) {
  return {
    error: (issue: z.core.$ZodRawIssue) => {
      if (issue.code === 'unrecognized_keys') return undefined;
      return issue.input === undefined
        ? `missing (expected ${what})`
        : `expected ${what}, got ${describe(issue.input)}`;
    },
  };
}

/** `"a", "b" or "c"` */
export function oneOf(values: readonly string[]): string {
  const quoted = values.map((v) => JSON.stringify(v));
  return quoted.length < 2 ? quoted.join('') : `${quoted.slice(0, -1).join(', ')} or ${quoted.at(-1)}`;
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$]*$/.test(key)) out += out ? `.${key}` : key;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}

export function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string')
    return value.length > 40 ? `${JSON.stringify(value.slice(0, 40))}…` : JSON.stringify(value);
  return String(value);
}

/**
 * A failed union lists every branch's problems. The branch that got furthest into the value is the
 * one the author meant (an object was meant as a tensor literal), so its problems are the ones shown.
 */
function readable(issue: z.core.$ZodIssue, prefix: readonly PropertyKey[]): FileIssue[] {
  const path = [...prefix, ...issue.path];
  if (issue.code === 'invalid_union') {
    const branch = deepestBranch(issue.errors);
    if (branch) return branch.flatMap((inner) => readable(inner, path));
  }
  return [{ path: formatPath(path), message: issue.message }];
}

function deepestBranch(branches: readonly z.core.$ZodIssue[][]): z.core.$ZodIssue[] | undefined {
  let best: z.core.$ZodIssue[] | undefined;
  let bestDepth = 0;
  for (const branch of branches) {
    const depth = Math.max(0, ...branch.map((issue) => issue.path.length));
    if (depth > bestDepth) [best, bestDepth] = [branch, depth];
  }
  return best;
}

const fallbackMessage: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined
        ? `missing (expected ${issue.expected})`
        : `expected ${issue.expected}, got ${describe(issue.input)}`;
    case 'invalid_value':
      return `expected ${oneOf(issue.values.map(String))}, got ${describe(issue.input)}`;
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length === 1 ? '' : 's'} ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}`;
    default:
      return undefined;
  }
};
