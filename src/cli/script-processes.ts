import { ScriptProcess, type ScriptProcessOptions } from './script-process';

/**
 * The script processes of one command: the one a run uses, and a spare that loads the runtime
 * meanwhile, so that a script killed at its deadline costs a swap, not a start. The spare is
 * started when a script passes its deadline (its process is about to be killed), and again each
 * time one replaces a killed process.
 */
export class ScriptProcesses {
  private spare: ScriptProcess | null = null;
  private takes = 0;
  private readonly started: ScriptProcess[] = [];

  constructor(private readonly options: Omit<ScriptProcessOptions, 'onOverdue'>) {}

  /** Starts loading the next process before it is needed. */
  warm(): void {
    this.spare ??= this.start();
  }

  /** A process to run in: the spare if there is one, else a new one. */
  take(): ScriptProcess {
    const taken = this.spare ?? this.start();
    this.spare = null;
    // Every take but the first follows a killed script: the graph may have more.
    if (++this.takes > 1) this.warm();
    return taken;
  }

  async stop(): Promise<void> {
    await Promise.all(this.started.map((p) => p.stop()));
  }

  private start(): ScriptProcess {
    const started = new ScriptProcess({ ...this.options, onOverdue: () => this.warm() });
    this.started.push(started);
    return started;
  }
}
