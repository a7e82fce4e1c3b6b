import type { BackendName } from '../runtime/backend';
import type { CliRuntime } from './cli-runtime';
import { InProcessRuntime } from './in-process-runtime';
import type { ScriptProcesses } from './script-processes';

/**
 * Where a command computes: in a sandboxed script process when the graph has scripts and they may
 * run, else in this process (then the spare script process is not needed and is stopped).
 */
export async function chooseRuntime(
  hasScripts: boolean,
  processes: ScriptProcesses | null,
  backend: BackendName,
  maxBytes: number | null,
): Promise<CliRuntime> {
  if (processes && hasScripts) return processes.take();
  await processes?.stop();
  return new InProcessRuntime(backend, maxBytes);
}
