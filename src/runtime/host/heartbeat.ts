/** How often the page asks the runtime whether it still answers. */
export const PING_INTERVAL_MS = 1000;

export interface HeartbeatOptions {
  /** Asks the runtime; any answer (even a refusal) means it is alive. */
  readonly ping: () => Promise<unknown>;
  /** How long the runtime may stay silent before it counts as gone. */
  readonly silentMs: number;
  /**
   * While true, silence does not count: a script runs (its own watchdog governs it), or the page
   * is hidden (the browser may throttle or freeze its frames).
   */
  readonly paused: () => boolean;
  /** Told once, with how long the runtime was silent. */
  readonly onSilent: (silentMs: number) => void;
}

/**
 * Watches a runtime from outside it by pinging it. A runtime stuck outside any script's deadline
 * (a kernel that does not end, a `while (true)` a script left in a timer) or whose process died
 * (out of memory) answers nothing: after `silentMs` without an answer it is reported, once.
 */
export class Heartbeat {
  private timer: ReturnType<typeof setInterval> | null = null;
  /** When the unanswered ping was sent (or, after a pause, when the pause ended); null: none unanswered. */
  private waitingSince: number | null = null;

  constructor(private readonly options: HeartbeatOptions) {}

  start(): void {
    this.stop();
    this.timer = setInterval(() => this.tick(), PING_INTERVAL_MS);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.waitingSince = null;
  }

  private tick(): void {
    const now = Date.now();
    if (this.options.paused()) {
      if (this.waitingSince !== null) this.waitingSince = now;
      return;
    }
    if (this.waitingSince === null) {
      this.waitingSince = now;
      const timer = this.timer;
      const answered = () => {
        if (this.timer === timer) this.waitingSince = null;
      };
      this.options.ping().then(answered, answered);
      return;
    }
    const silent = now - this.waitingSince;
    if (silent < this.options.silentMs) return;
    this.stop();
    this.options.onSilent(silent);
  }
}
