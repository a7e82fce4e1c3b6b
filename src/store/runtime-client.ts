import { proxy, wrap, type Remote } from 'comlink';
import type { BackendChoice, BackendRequest } from '../runtime/backend';
import { frameEndpoint, HOST_READY } from '../runtime/host/frame-endpoint';
import { Heartbeat } from '../runtime/host/heartbeat';
import { confineFrames } from '../runtime/host/lockdown';
import type { HostEvent, RuntimeHost } from '../runtime/host/runtime-host';

const START_TIMEOUT_MS = 60_000;
/**
 * How long a host may go without answering, outside any script, before it is replaced. It doubles
 * with each such replacement: a computation that is only long gets the time to finish in the end.
 * 10 s was too short: frames that were only busy were replaced while the test suite loaded both cores.
 */
export const SILENT_MS = 30_000;
const MEMORY_BUDGET_KEY = 'tensorloom:memory-budget';

type EventListener = (event: HostEvent) => void;

/**
 * Owns the isolated runtime host: a sandboxed iframe (opaque origin, no network) that runs every
 * tensor computation, reached over postMessage. The page never computes tensors itself. A host
 * that stops answering (stuck outside a script's deadline, or its process gone) is replaced.
 */
export class RuntimeClient {
  private frame: HTMLIFrameElement | null = null;
  private remote: Remote<RuntimeHost> | null = null;
  private heartbeat: Heartbeat | null = null;
  private silentReplacements = 0;
  private starts = 0;
  private budget = readMemoryBudget();

  /** The host; while a silent one is being replaced, still that one (calls to it never answer). */
  get host(): Remote<RuntimeHost> {
    if (!this.remote) throw new Error('the runtime host is not running');
    return this.remote;
  }

  /** The most bytes one tensor of a run may take, or null for the backend's default. Kept in this browser. */
  get memoryBudget(): number | null {
    return this.budget;
  }

  async setMemoryBudget(maxBytes: number | null): Promise<void> {
    this.budget = maxBytes;
    if (maxBytes === null) localStorage.removeItem(MEMORY_BUDGET_KEY);
    else localStorage.setItem(MEMORY_BUDGET_KEY, String(maxBytes));
    await this.remote?.setMemoryBudget(maxBytes);
  }

  /**
   * Starts a fresh host (replacing any previous one) on the requested backend. `onLost` is told if
   * the frame loads another page later: a script navigated it away (or tried, and the page's
   * `frame-src` left an error page), and this host will never answer again. A host that stops
   * answering is replaced by this client, which then tells `onEvent` of a `backend-changed`. A
   * start that a newer one supersedes never settles: the newer one is what counts.
   */
  async start(request: BackendRequest, onEvent: EventListener, onLost?: () => void): Promise<BackendChoice> {
    this.removeFrame();
    const generation = ++this.starts;
    const superseded = () => generation !== this.starts;
    const frame = document.createElement('iframe');
    frame.sandbox.add('allow-scripts');
    frame.title = 'Tensorloom runtime host';
    frame.setAttribute('aria-hidden', 'true');
    frame.tabIndex = -1;
    frame.className = 'runtime-host-frame';
    frame.src = new URL(`${import.meta.env.BASE_URL}runtime.html`, window.location.href).href;
    // The runtime frame may navigate nowhere else: a script node could take its data along.
    confineFrames(frame.src);
    const ready = waitForReady(frame);
    let loads = 0;
    frame.addEventListener('load', () => {
      if (++loads > 1 && this.frame === frame) onLost?.();
    });
    document.body.append(frame);
    this.frame = frame;
    await ready.catch((e: unknown) => {
      if (!superseded()) throw e;
    });
    if (superseded()) return never();
    const remote = wrap<RuntimeHost>(frameEndpoint(frame.contentWindow!));
    this.remote = remote;
    // Scripts that began and have not finished: the runner's watchdog governs them, not the heartbeat.
    const scripts = new Set<string>();
    const events: EventListener = (event) => {
      if (event.type === 'script-started') scripts.add(event.nodeId);
      if (event.type === 'script-finished') scripts.delete(event.nodeId);
      onEvent(event);
    };
    await remote.setMemoryBudget(this.budget);
    const choice = await remote.start(request, proxy(events));
    if (superseded()) return never();
    this.heartbeat = new Heartbeat({
      ping: () => remote.ping(),
      silentMs: SILENT_MS * 2 ** this.silentReplacements,
      paused: () => scripts.size > 0 || document.visibilityState === 'hidden',
      onSilent: (silentMs) => void this.replaceSilent(silentMs, () => this.start(request, onEvent, onLost), onEvent),
    });
    this.heartbeat.start();
    return choice;
  }

  /**
   * A replaced host is, to the editor, a backend that changed under it: the runner shows why and
   * runs the graph again. The document lives in the page, so nothing of it is lost.
   */
  private async replaceSilent(
    silentMs: number,
    restart: () => Promise<BackendChoice>,
    onEvent: EventListener,
  ): Promise<void> {
    this.silentReplacements++;
    const choice = await restart();
    const seconds = Math.round(silentMs / 1000);
    const reason = `the runtime stopped answering for ${seconds} s (stuck in a computation, or its process crashed) and was replaced`;
    onEvent({ type: 'backend-changed', backend: { name: choice.name, reason } });
  }

  /** Removes the frame, and its process with it when it has one of its own. */
  private removeFrame(): void {
    this.heartbeat?.stop();
    this.heartbeat = null;
    this.frame?.remove();
    this.frame = null;
  }
}

function readMemoryBudget(): number | null {
  const bytes = Number(localStorage.getItem(MEMORY_BUDGET_KEY) ?? NaN);
  return Number.isFinite(bytes) && bytes > 0 ? bytes : null;
}

function never<T>(): Promise<T> {
  return new Promise<T>(() => {});
}

function waitForReady(frame: HTMLIFrameElement): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      window.removeEventListener('message', onMessage);
      reject(new Error(`the runtime host did not start within ${START_TIMEOUT_MS / 1000} s`));
    }, START_TIMEOUT_MS);
    function onMessage(event: MessageEvent) {
      if (event.source !== frame.contentWindow || (event.data as { type?: string })?.type !== HOST_READY) return;
      clearTimeout(timer);
      window.removeEventListener('message', onMessage);
      resolve();
    }
    window.addEventListener('message', onMessage);
  });
}
