import type { transform as sucraseTransform } from 'sucrase';
import { memoizeScript } from './memo';
import { ScriptError } from './script-error';

/** A script body made runnable: call it with its parameters' values. */
export interface CompiledBody {
  /** Whether the body awaits: an async body cannot run inside a gradient tape. */
  readonly async: boolean;
  run(...args: unknown[]): unknown;
}

// `new Function` puts two lines (`function anonymous(a, b` and `) {`) before the body.
const HEADER_LINES = 2;
const AsyncFunction = (async () => {}).constructor as new (
  ...args: string[]
) => (...args: unknown[]) => Promise<unknown>;

let transform: typeof sucraseTransform | undefined;
let loading: Promise<void> | undefined;

/**
 * Loads sucrase, once: it is not on the editor's start-up path. The runtime loads it before it runs
 * a graph, the code editor when it opens.
 */
export function loadTranspiler(): Promise<void> {
  return (loading ??= import('sucrase').then((sucrase) => {
    transform = sucrase.transform;
  }));
}

/** TypeScript to JavaScript with sucrase, which keeps line numbers; cached by source. */
export const transpile = memoizeScript(256, (source: string): string => {
  if (!transform) throw new Error('the TypeScript transpiler is not loaded: await loadTranspiler() first');
  try {
    return transform(source, { transforms: ['typescript'], disableESTransforms: true }).code;
  } catch (e) {
    // sucrase reports 1-based lines and columns, as an editor shows them.
    const loc = (e as { loc?: { line: number; column: number } }).loc;
    const message = (e as Error).message.replace(/\s*\(\d+:\d+\)$/, '');
    throw new ScriptError('syntax', `syntax error: ${message}`, loc?.line ?? null, loc?.column ?? null);
  }
});

// Building a function costs far more than a run of a small body (and Node with source maps parses
// each one's sourceURL), so a node's body is built once, not on every run.
const compiled = memoizeScript(256, (key: string): CompiledBody => {
  const [label, params, source] = JSON.parse(key) as [string, string[], string];
  return build(source, params, label);
});

/**
 * Compiles a function body that sees `params` as variables and may `return` its result. The
 * `label` names it in stack traces, which is how a runtime error finds the user's line.
 */
export function compileBody(source: string, params: readonly string[], label: string): CompiledBody {
  return compiled(JSON.stringify([label, params, source]));
}

function build(source: string, params: readonly string[], label: string): CompiledBody {
  // Parameters are written into the function's source too: only names may go there.
  const param = params.find((p) => !IDENTIFIER.test(p));
  if (param !== undefined) throw new ScriptError('syntax', `${JSON.stringify(param)} is not a name a body can use`);
  const code = transpile(source);
  const async = /\bawait\b/.test(code);
  const Ctor = async ? AsyncFunction : Function;
  const url = sourceUrl(label);
  let fn: (...args: unknown[]) => unknown;
  try {
    fn = new Ctor(...params, `${code}\n//# sourceURL=${url}`) as (...args: unknown[]) => unknown;
  } catch (e) {
    throw new ScriptError('syntax', `syntax error: ${(e as Error).message}`);
  }
  return {
    async,
    run: (...args) => {
      try {
        const result = fn(...args);
        return result instanceof Promise ? result.catch((e: unknown) => Promise.reject(runtimeError(e, url))) : result;
      } catch (e) {
        throw runtimeError(e, url);
      }
    },
  };
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/**
 * The label as the body's sourceURL comment holds it. A label carries a node id, which may be any
 * text: a line break in it (or U+2028, U+2029) would end the comment and run what follows as code.
 * Every character but letters, digits and `._~-` is written as %XX (%uXXXX past U+00FF).
 */
function sourceUrl(label: string): string {
  return label.replace(/[^\w.~-]/g, (c) => {
    const code = c.charCodeAt(0);
    return code < 0x100 ? `%${code.toString(16).padStart(2, '0')}` : `%u${code.toString(16).padStart(4, '0')}`;
  });
}

/** The error with the user's line: the first stack frame in the script's own source (named by `url`). */
function runtimeError(error: unknown, url: string): ScriptError {
  if (error instanceof ScriptError) return error;
  const message = error instanceof Error ? error.message : `threw ${JSON.stringify(error) ?? String(error)}`;
  const stack = error instanceof Error ? (error.stack ?? '') : '';
  const escaped = url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const frame = new RegExp(`${escaped}:(\\d+):(\\d+)`).exec(stack);
  const line = frame ? Number(frame[1]) - HEADER_LINES : null;
  return new ScriptError('runtime', message, line, frame ? Number(frame[2]) : null);
}
