import type { z } from 'zod';

/** One problem in a file, at a path written the way a person reads it: `nodes[2].attrs.value.shape`. */
export interface FileIssue {
  readonly path: string;
  readonly message: string;
  /** Set on an entry that stands for this many problems not listed one by one ("and 1,000 more"). */
  readonly omitted?: number;
}

export type Checked<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly issues: FileIssue[] };

/**
 * Lists of problems stop after this many, then one entry counts the rest: a file with a million
 * bad values is reported in a few lines, and building the report costs no more than the list shown.
 */
export const MAX_ISSUES = 100;

/** How many problems a list stands for, counting those an entry stands for without listing. */
export function issueCount(issues: readonly FileIssue[]): number {
  let count = 0;
  for (const issue of issues) count += issue.omitted ?? 1;
  return count;
}

/** The first MAX_ISSUES problems of `issues`, then one entry that counts the rest. */
export function capIssues(issues: readonly FileIssue[]): FileIssue[] {
  if (issues.length <= MAX_ISSUES) return [...issues];
  const shown = issues.slice(0, MAX_ISSUES);
  return [...shown, moreProblems(issueCount(issues) - issueCount(shown))];
}

/** The entry that ends a list cut short. */
export function moreProblems(count: number): FileIssue {
  return {
    path: '',
    message: `and ${count.toLocaleString('en-US')} more problem${count === 1 ? '' : 's'}`,
    omitted: count,
  };
}

/**
 * Reports problems found element by element in a list (a tensor's values) to a zod refinement:
 * the first MAX_ISSUES one by one, then one issue that counts the rest (`params.omitted`).
 */
export function cappedReport(ctx: z.RefinementCtx) {
  let found = 0;
  return {
    add(path: PropertyKey[], message: string, input: unknown): void {
      if (found++ < MAX_ISSUES) ctx.addIssue({ code: 'custom', path, message, input });
    },
    done(): void {
      const rest = found - MAX_ISSUES;
      if (rest > 0) {
        const { message, omitted } = moreProblems(rest);
        ctx.addIssue({ code: 'custom', path: [], message, input: undefined, params: { omitted } });
      }
    },
  };
}

/** Parses `data` with `schema`, turning zod's issues into readable ones, at most MAX_ISSUES of them and a count. */
export function check<S extends z.ZodType>(schema: S, data: unknown): Checked<z.output<S>> {
  const result = schema.safeParse(data, { error: fallbackMessage });
  if (result.success) return { ok: true, value: result.data };
  const issues: FileIssue[] = [];
  let omitted = 0;
  for (const issue of result.error.issues)
    for (const { path, message, params } of readable(issue, [])) {
      const stands = typeof params?.['omitted'] === 'number' ? (params['omitted'] as number) : 1;
      if (issues.length < MAX_ISSUES)
        issues.push({ path: formatPath(path), message, ...(stands !== 1 && { omitted: stands }) });
      else omitted += stands;
    }
  if (omitted) issues.push(moreProblems(omitted));
  return { ok: false, issues };
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

interface ReadableIssue {
  readonly path: readonly PropertyKey[];
  readonly message: string;
  readonly params?: Record<string, unknown> | undefined;
}

/**
 * A failed union lists every branch's problems. The branch that got furthest into the value is the
 * one the author meant (an object was meant as a tensor literal), so its problems are the ones shown.
 * A generator, so that a branch with a million problems is walked, not copied.
 */
function* readable(issue: z.core.$ZodIssue, prefix: readonly PropertyKey[]): Generator<ReadableIssue> {
  const path = [...prefix, ...issue.path];
  if (issue.code === 'invalid_union') {
    const branch = deepestBranch(issue.errors);
    if (branch) {
      for (const inner of branch) yield* readable(inner, path);
      return;
    }
  }
  yield { path, message: issue.message, params: issue.code === 'custom' ? issue.params : undefined };
}

function deepestBranch(branches: readonly z.core.$ZodIssue[][]): z.core.$ZodIssue[] | undefined {
  let best: z.core.$ZodIssue[] | undefined;
  let bestDepth = 0;
  for (const branch of branches) {
    // A loop, not Math.max(...depths): a branch may hold more problems than a call takes arguments.
    let depth = 0;
    for (const issue of branch) depth = Math.max(depth, issue.path.length);
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
