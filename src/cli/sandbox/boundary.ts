import { spawnSync } from 'node:child_process';

/** What this machine offers to fence a process in. */
export interface SandboxFacts {
  readonly nodeVersion: string;
  readonly platform: NodeJS.Platform;
  /** The flag that turns Node's permission model on, if this Node has one. */
  readonly permissionFlag: '--permission' | '--experimental-permission' | null;
  /** Whether that model denies the network as well (Node 25 on: it has `--allow-net`). */
  readonly permissionDeniesNetwork: boolean;
  /** Whether `unshare` gives a process user, network and PID namespaces of its own here (Linux). */
  readonly namespaces: boolean;
  /** Whether `setpriv` can have the process killed when the runner dies (Linux's parent-death signal). */
  readonly parentDeathSignal: boolean;
}

/**
 * How the script process is fenced in: under Node's permission model, in namespaces of its own
 * where the system has them (`wrapper`, the command that starts Node inside them), and with the
 * network closed by one or the other; or, where neither can close it, why scripts may not run.
 */
export type Boundary =
  | {
      readonly ok: true;
      readonly permissionFlag: string;
      readonly wrapper: readonly string[];
      /** What closes the network, for the README's table and the tests. */
      readonly network: 'permission model' | 'network namespace';
    }
  | { readonly ok: false; readonly reason: string };

// --kill-child: the process dies with the unshare that started it, which is what the runner kills.
const UNSHARE = ['unshare', '--user', '--net', '--pid', '--fork', '--kill-child', '--'];
// A runner killed outright (SIGKILL, a crash) cannot kill the process; the kernel does, on its death.
// Else a script looping where no deadline reaches it would spin on, an orphan, for good.
const KILLED_WITH_RUNNER = ['setpriv', '--pdeathsig', 'KILL', '--'];

/** The facts of this Node on this machine (the namespace probe runs `unshare` once, on Linux). */
export function sandboxFacts(): SandboxFacts {
  const flags = process.allowedNodeEnvironmentFlags;
  return {
    nodeVersion: process.version,
    platform: process.platform,
    permissionFlag: flags.has('--permission')
      ? '--permission'
      : flags.has('--experimental-permission')
        ? '--experimental-permission'
        : null,
    permissionDeniesNetwork: flags.has('--allow-net'),
    namespaces: process.platform === 'linux' && runs(UNSHARE),
    parentDeathSignal: process.platform === 'linux' && runs(KILLED_WITH_RUNNER),
  };
}

/** Whether `wrapper` starts a program here (probed with `true`). */
function runs(wrapper: readonly string[]): boolean {
  return spawnSync(wrapper[0]!, [...wrapper.slice(1), 'true'], { timeout: 10_000 }).status === 0;
}

/** The boundary these facts allow. */
export function sandboxBoundary(facts: SandboxFacts): Boundary {
  const refuse = (why: string): Boundary => ({ ok: false, reason: `scripts cannot run safely here: ${why}` });
  // The runner talks to the process over an inherited pipe read as file descriptor 3.
  if (facts.platform === 'win32') return refuse('the sandboxed script process is not available on Windows');
  if (!facts.permissionFlag)
    return refuse(`Node.js ${facts.nodeVersion} has no permission model to keep scripts from files and processes`);
  const wrapper = [...(facts.parentDeathSignal ? KILLED_WITH_RUNNER : []), ...(facts.namespaces ? UNSHARE : [])];
  if (facts.namespaces)
    return { ok: true, permissionFlag: facts.permissionFlag, wrapper, network: 'network namespace' };
  if (facts.permissionDeniesNetwork)
    return { ok: true, permissionFlag: facts.permissionFlag, wrapper, network: 'permission model' };
  return refuse(
    `Node.js ${facts.nodeVersion}'s permission model does not deny the network (Node.js 25 and later do), and ` +
      (facts.platform === 'linux'
        ? 'this system does not let `unshare --user --net` give the process a network of its own'
        : 'only Linux can give the process a network of its own'),
  );
}
