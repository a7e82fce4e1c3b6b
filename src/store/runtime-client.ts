import { proxy, wrap, type Remote } from 'comlink';
import type { BackendChoice, BackendRequest } from '../runtime/backend';
import { frameEndpoint, HOST_READY } from '../runtime/host/frame-endpoint';
import { confineFrames } from '../runtime/host/lockdown';
import type { HostEvent, RuntimeHost } from '../runtime/host/runtime-host';

const START_TIMEOUT_MS = 60_000;

/**
 * Owns the isolated runtime host: a sandboxed iframe (opaque origin, no network) that runs every
 * tensor computation, reached over postMessage. The page never computes tensors itself.
 */
export class RuntimeClient {
  private frame: HTMLIFrameElement | null = null;
  private remote: Remote<RuntimeHost> | null = null;

  get host(): Remote<RuntimeHost> {
    if (!this.remote) throw new Error('the runtime host is not running');
    return this.remote;
  }

  /**
   * Starts a fresh host (replacing any previous one) on the requested backend. `onLost` is told if
   * the frame loads another page later: a script navigated it away (or tried, and the page's
   * `frame-src` left an error page), and this host will never answer again.
   */
  async start(
    request: BackendRequest,
    onEvent: (event: HostEvent) => void,
    onLost?: () => void,
  ): Promise<BackendChoice> {
    this.stop();
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
    await ready;
    this.remote = wrap<RuntimeHost>(frameEndpoint(frame.contentWindow!));
    return this.remote.start(request, proxy(onEvent));
  }

  stop(): void {
    this.frame?.remove();
    this.frame = null;
    this.remote = null;
  }
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
