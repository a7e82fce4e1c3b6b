import { spawn } from 'node:child_process';
import type { Duplex } from 'node:stream';
import { checkTensorLiteral } from '../graph/attrs';
import type { AttrValue, Graph, TensorLiteral } from '../graph/types';
import type { BackendChoice, BackendName } from '../runtime/backend';
import type { TrainingChunk, TrainingStart } from '../runtime/host/host-training';
import type { HostEvent, HostRunOptions } from '../runtime/host/runtime-host';
import type { GradientReport, RunReport } from '../runtime/reports';
import { onlyRun, type CliRuntime, type ScriptStop, type Timeout } from './cli-runtime';
import type { ChildCommand } from './sandbox/child-command';
import { encodeFrame, FrameReader } from './sandbox/frames';
import { asReply, UNSAFE_INTERRUPT_EXIT, type Reply, type Request } from './sandbox/messages';

/**
 * Past a script's deadline, how long its process has to say the script finished before it is
 * killed. The runtime ends an async script at its deadline itself; this covers the message.
 */
export const KILL_GRACE_MS = 250;
const MAX_REPLY_BYTES = 2 ** 30;

export interface ScriptProcessOptions {
  /** How to start the process, fenced in (childCommand). */
  readonly command: Promise<ChildCommand>;
  readonly backend: BackendName;
  /** The budget of every run and gradient pass; null: the backend's default. */
  readonly maxBytes: number | null;
  /** Told when a script passes its deadline: this process will likely be killed within the grace. */
  readonly onOverdue?: () => void;
}

interface RunningScript {
  readonly nodeId: string;
  readonly timers: readonly ReturnType<typeof setTimeout>[];
}

/**
 * The runtime in a child process fenced in by `boundary` (see sandbox/README.md), watched from
 * here: a script that misses its deadline, however it blocks, is stopped by killing the process,
 * and the pending run answers with a `ScriptStop`. A stopped process takes no more calls: the
 * caller takes another (ScriptProcesses keeps one warm).
 */
export class ScriptProcess implements CliRuntime {
  /** The pipe to the process, once spawned. */
  private readonly channel: Promise<Duplex>;
  private kill = () => {};
  private readonly answers = new Map<number, (reply: Reply) => void>();
  private nextId = 1;
  private script: RunningScript | null = null;
  /** Settles when the process ends: with the script that ended it, else with why it stopped. */
  private readonly ended: Promise<ScriptStop>;
  private end!: (outcome: ScriptStop | Error) => void;
  /** Whether the process has ended (or been told to): it takes no more calls. */
  private over = false;
  private readonly ready: Promise<BackendChoice>;
  private onReady!: (reply: Reply) => void;

  /** Spawns the process, which loads the runtime and selects the backend while the caller goes on. */
  constructor(private readonly options: ScriptProcessOptions) {
    this.ended = new Promise((resolve, reject) => {
      this.end = (outcome) => {
        this.end = () => {};
        this.over = true;
        this.clearScript();
        if (outcome instanceof Error) reject(outcome);
        else resolve(outcome);
      };
    });
    this.ended.catch(() => {});
    this.channel = options.command.then((command) => this.spawn(command));
    this.channel.catch((e: unknown) => this.fail(`it could not start (${(e as Error).message})`));
    this.ready = new Promise<BackendChoice>((resolve, reject) => {
      this.onReady = (reply) => {
        if (reply.type === 'ready') resolve(reply.backend);
        else if (reply.type === 'start-failed')
          reject(new Error(`the script runtime failed to start: ${reply.message}`));
      };
      this.ended.then(
        () => reject(new Error('the script runtime process stopped before it started')),
        (e: unknown) => reject(new Error(`the script runtime failed to start: ${(e as Error).message}`)),
      );
    });
    // A process that fails to start fails the first call, which may come after it failed.
    this.ready.catch(() => {});
    this.send({ type: 'start', backend: options.backend, maxBytes: options.maxBytes });
  }

  async run(graph: Graph, options: HostRunOptions): Promise<RunReport | ScriptStop> {
    const result = await this.ask<RunReport | null, ScriptStop>(
      (id) => ({ type: 'run', id, graph, options }),
      this.ended,
    );
    return result !== null && 'reason' in result ? result : onlyRun(result);
  }

  /**
   * Gradients, stopped after `deadlineMs` when given: the gradient pass runs scripts (bodies and
   * gradient bodies) without reporting each, so only a deadline for the whole pass applies.
   */
  async gradients(
    graph: Graph,
    target: string,
    previewLimit: number,
    deadlineMs: number | null,
  ): Promise<GradientReport | Timeout> {
    await this.ready;
    this.refuseIfOver();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<Timeout>((resolve) => {
      if (deadlineMs !== null)
        timer = setTimeout(() => {
          resolve({ timedOutAfter: deadlineMs });
          void this.stop();
        }, deadlineMs);
    });
    const answer = this.call((id) => ({ type: 'gradients', id, graph, target, previewLimit }));
    try {
      return await Promise.race([answer as Promise<GradientReport>, deadline, this.endedAsError('the gradient pass')]);
    } finally {
      clearTimeout(timer);
    }
  }

  startTraining(graph: Graph): Promise<TrainingStart | ScriptStop> {
    return this.ask((id) => ({ type: 'start-training', id, graph }), this.ended);
  }

  trainSteps(count: number): Promise<TrainingChunk | ScriptStop> {
    return this.ask((id) => ({ type: 'train-steps', id, count }), this.ended);
  }

  /** Checked, as they go into the trained graph: the process runs code from the file. */
  async trainedValues(): Promise<Record<string, TensorLiteral>> {
    const values = await this.ask<Record<string, AttrValue>, never>(
      (id) => ({ type: 'trained-values', id }),
      this.endedAsError('reading the trained values'),
    );
    for (const [nodeId, value] of Object.entries(values)) {
      const problem = checkTensorLiteral(value);
      if (problem !== null) throw new Error(`the trained value of ${nodeId} is not a tensor: ${problem}`);
    }
    return values as Record<string, TensorLiteral>;
  }

  async stop(): Promise<void> {
    this.end(new Error('the script runtime process was stopped'));
    this.kill();
  }

  private spawn({ command, args, cwd }: ChildCommand): Duplex {
    // No environment, no terminal and no socket: its one channel is the pipe on descriptor 3.
    const child = spawn(command, args, { cwd, env: {}, stdio: ['ignore', 'ignore', 'ignore', 'pipe'] });
    this.kill = () => child.kill('SIGKILL');
    child.on('error', (e) => this.fail(`it could not start (${e.message})`));
    child.on('exit', (code, signal) =>
      this.exited(
        signal
          ? `signal ${signal}`
          : code === UNSAFE_INTERRUPT_EXIT
            ? 'a timer a script left behind overran its deadline where it could not be stopped safely'
            : `exit code ${code}`,
      ),
    );
    const channel = child.stdio[3] as Duplex;
    channel.on('error', () => {});
    const reader = new FrameReader(MAX_REPLY_BYTES);
    channel.on('data', (chunk: Buffer) => {
      try {
        for (const value of reader.push(chunk)) this.receive(value);
      } catch (e) {
        this.fail(`it sent what is not a message (${(e as Error).message})`);
      }
    });
    // Stopped before it started: it goes at once.
    if (this.over) this.kill();
    return channel;
  }

  private refuseIfOver(): void {
    if (this.over) throw new Error('the script runtime process has stopped: it takes no more calls');
  }

  /** The answer to `request` once the process is ready, unless `ended` (the process ending) settles first. */
  private async ask<T, E>(request: (id: number) => Request, ended: Promise<E>): Promise<T | E> {
    await this.ready;
    this.refuseIfOver();
    return Promise.race([this.call(request) as Promise<T>, ended]);
  }

  /** The end of the process as the failure of a call that runs no script of its own. */
  private endedAsError(call: string): Promise<never> {
    const failure = this.ended.then((stop): never => {
      throw new Error(`${call} stopped: ${stop.nodeId} ${stop.reason}`);
    });
    // A call refused before it raced this (the process never became ready) leaves it unobserved.
    failure.catch(() => {});
    return failure;
  }

  private call(request: (id: number) => Request): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.answers.set(id, (reply) => {
        if (reply.type === 'answer') resolve(reply.value);
        else if (reply.type === 'error') reject(new Error(reply.message));
      });
      this.send(request(id));
    });
  }

  private send(request: Request): void {
    // A process that could not start has failed every call already.
    this.channel.then(
      (channel) => channel.write(encodeFrame(request)),
      () => {},
    );
  }

  private receive(value: unknown): void {
    const reply = asReply(value);
    if (!reply) return this.fail('it sent a message of no known kind');
    if (reply.type === 'event') return this.onEvent(reply.event);
    if (reply.type === 'ready' || reply.type === 'start-failed') return this.onReady(reply);
    const answer = this.answers.get(reply.id);
    this.answers.delete(reply.id);
    answer?.(reply);
  }

  private onEvent(event: HostEvent): void {
    if (event.type === 'script-started') {
      const { nodeId, timeoutMs } = event;
      this.clearScript();
      this.script = {
        nodeId,
        timers: [
          setTimeout(() => this.options.onOverdue?.(), timeoutMs),
          setTimeout(() => this.expire(nodeId, timeoutMs), timeoutMs + KILL_GRACE_MS),
        ],
      };
    } else if (event.type === 'script-finished' && this.script?.nodeId === event.nodeId) this.clearScript();
  }

  /** The script missed its deadline: whatever it is doing, killing its process stops it. */
  private expire(nodeId: string, timeoutMs: number): void {
    this.end({ nodeId, reason: `timed out after ${timeoutMs} ms` });
    this.kill();
  }

  /** The process ended on its own: the script running then ended it (out of memory, a crash). */
  private exited(how: string): void {
    if (this.script) this.end({ nodeId: this.script.nodeId, reason: `stopped its runtime process (${how})` });
    else this.end(new Error(`the script runtime process stopped (${how})`));
  }

  private fail(why: string): void {
    this.end(new Error(`the script runtime process failed: ${why}`));
    this.kill();
  }

  private clearScript(): void {
    for (const timer of this.script?.timers ?? []) clearTimeout(timer);
    this.script = null;
  }
}
