/** Past a script's own deadline, how long the runtime has to say it finished before it is replaced. */
export const GRACE_MS = 1000;

/**
 * Watches the runtime's scripts from outside it: the page watches the host's frame, the CLI its
 * worker thread. A body that never yields (`while (true) {}`) freezes only the runtime, so the
 * watcher can notice the missed deadline and replace it.
 */
export class ScriptWatchdog {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running: string | null = null;

  constructor(private readonly onTimeout: (nodeId: string, timeoutMs: number) => void) {}

  started(nodeId: string, timeoutMs: number): void {
    this.stop();
    this.running = nodeId;
    this.timer = setTimeout(() => {
      this.stop();
      this.onTimeout(nodeId, timeoutMs);
    }, timeoutMs + GRACE_MS);
  }

  finished(nodeId: string): void {
    if (this.running === nodeId) this.stop();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.running = null;
  }
}
