import { Console } from 'node:console';
import { once } from 'node:events';
import Module, { register } from 'node:module';
import { Readable, Writable } from 'node:stream';
import { MessageChannel } from 'node:worker_threads';

/**
 * The builtins that code may still load once the process is locked (the runtime's own code
 * requires some of them lazily): no file system, network, processes, workers or inspector.
 */
const HARMLESS_BUILTINS = [
  'assert',
  'assert/strict',
  'buffer',
  'crypto',
  'events',
  'path',
  'path/posix',
  'path/win32',
  'perf_hooks',
  'punycode',
  'querystring',
  'stream',
  'stream/promises',
  'stream/web',
  'string_decoder',
  'timers',
  'timers/promises',
  'url',
  'util',
  'util/types',
  'zlib',
];
const HARMLESS = new Set(HARMLESS_BUILTINS.flatMap((name) => [name, `node:${name}`]));

const WHY = 'the tensorloom runner gives scripts no file system, network, processes or environment, as the editor does';

// Scripts run in this realm and may replace any global or prototype method; the guards below use
// only these, taken before any script runs.
const { apply } = Reflect;
const { defineProperty } = Object;
const setHas = Set.prototype.has;
const ErrorClass = Error;

let locked = false;

/**
 * What `process` offers that a script must not have (the permission model denies some of it too,
 * less clearly): ending this process or signalling another (`_debugProcess` opens another
 * process's inspector), reading a file into the environment, changing identity, addons and
 * bindings. setUncaughtExceptionCaptureCallback: the callback child-main sets keeps an error a
 * script leaves in a timer from ending the process (which, with a read pending on its channel,
 * would hang on the way out).
 */
const PROCESS_POWERS = [
  'exit',
  'reallyExit',
  'abort',
  'kill',
  '_kill',
  '_debugProcess',
  '_debugEnd',
  'dlopen',
  'binding',
  'chdir',
  'loadEnvFile',
  'setuid',
  'setgid',
  'seteuid',
  'setegid',
  'setgroups',
  'initgroups',
  'setUncaughtExceptionCaptureCallback',
] as const;

/** Whether `specifier` may be loaded now: anything until the process is locked, then only harmless builtins. */
function loadable(specifier: unknown): boolean {
  return !locked || (typeof specifier === 'string' && (apply(setHas, HARMLESS, [specifier]) as boolean));
}

/** A specifier for a message, without calling anything of a script's (an object's toString). */
function quoted(specifier: unknown): string {
  return typeof specifier === 'string' ? `'${specifier}'` : typeof specifier;
}

function refusal(what: string): Error {
  const error = new ErrorClass(`${what} is not available to scripts: ${WHY}`);
  error.name = 'ScriptSandboxError';
  return error;
}

/** Replaces `key` of `object` for good: a script can neither restore nor redefine it. */
function seal(object: object, key: string, value: unknown): void {
  defineProperty(object, key, { value, writable: false, configurable: false, enumerable: false });
}

function refused(what: string): () => never {
  return () => {
    throw refusal(what);
  };
}

/**
 * Closes, in this process, what Node's permission model leaves open to a script (it already
 * denies file access outside the runtime's own code, child processes, addons, WASI, the inspector
 * and `process.binding`): ending or signalling processes, the network globals, and every way to
 * load a module (`process.getBuiltinModule`, CommonJS `require`, `import()`), which becomes
 * possible again only for the harmless builtins once `lock` is called. Call this first, before
 * loading the runtime; call `lock` once the runtime has loaded all of its own code. Returns `lock`,
 * and `exit`, the one way left to end this process.
 */
export function closeProcessPowers(): { lock: () => Promise<void>; exit: (code: number) => never } {
  // process.exit ends by calling process.reallyExit, which is refused below: this is the original.
  const internals = process as unknown as { reallyExit: (code: number) => never };
  const exit = internals.reallyExit.bind(process);
  for (const key of PROCESS_POWERS) seal(process, key, refused(`process.${key}`));
  // Handle lists hand out the objects behind sockets and file requests.
  for (const key of ['_getActiveHandles', '_getActiveRequests'] as const) seal(process, key, refused(`process.${key}`));
  // A report tells the host's name, network interfaces and loaded libraries, and can write files.
  seal(process, 'report', undefined);
  const builtin = process.getBuiltinModule?.bind(process);
  seal(process, 'getBuiltinModule', (id: unknown) => {
    // Nothing of the runtime's own uses it: before the lock it serves no one.
    if (!builtin || !locked || !loadable(id)) throw refusal(`process.getBuiltinModule(${quoted(id)})`);
    return builtin(id as string);
  });
  for (const name of ['fetch', 'WebSocket', 'EventSource'] as const) seal(globalThis, name, refused(name));
  inertStdio();
  guardRequire();
  const lockImports = guardImports();
  return {
    exit,
    lock: async () => {
      locked = true;
      await lockImports();
    },
  };
}

/**
 * The standard streams lead nowhere (the process starts with them on /dev/null), but Node's are
 * file streams, whose class writes to any descriptor, the runner's channel among them. Scripts
 * get streams that lead nowhere either way, and a console on them (what a script logs is dropped).
 */
function inertStdio(): void {
  const sink = () => new Writable({ write: (_chunk, _encoding, done) => done() });
  const [stdout, stderr] = [sink(), sink()];
  seal(process, 'stdout', stdout);
  seal(process, 'stderr', stderr);
  seal(process, 'stdin', Readable.from([]));
  seal(globalThis, 'console', new Console({ stdout, stderr }));
}

/** CommonJS: every `require` goes through `Module._load`, which is replaced for good by one that checks first. */
function guardRequire(): void {
  const internals = Module as unknown as { _load: (request: unknown, parent: unknown, isMain: boolean) => unknown };
  const load = internals._load;
  seal(Module, '_load', function (this: unknown, request: unknown, parent: unknown, isMain: boolean) {
    if (!loadable(request)) throw refusal(`require(${quoted(request)})`);
    return apply(load, this, [request, parent, isMain]);
  });
}

/**
 * ESM: module hooks that refuse every import but the harmless builtins once locked. They run on
 * the loader's own thread, out of reach of the scripts on this one, which cannot register other
 * hooks (that would take `node:module`). Returns the lock, which resolves once the hooks have it.
 */
function guardImports(): () => Promise<void> {
  const { port1, port2 } = new MessageChannel();
  register(`data:text/javascript,${encodeURIComponent(IMPORT_HOOKS)}`, {
    data: { port: port2, harmless: [...HARMLESS] },
    transferList: [port2],
  });
  return async () => {
    port1.postMessage('lock');
    await once(port1, 'message');
    port1.close();
  };
}

const IMPORT_HOOKS = `
let locked = false;
let harmless = new Set();
export function initialize({ port, harmless: names }) {
  harmless = new Set(names);
  port.on('message', () => {
    locked = true;
    port.postMessage('locked');
  });
}
export async function resolve(specifier, context, next) {
  if (locked && !harmless.has(specifier))
    throw new Error('import(' + JSON.stringify(specifier) + ') is not available to scripts: ${WHY}');
  return next(specifier, context);
}
`;
