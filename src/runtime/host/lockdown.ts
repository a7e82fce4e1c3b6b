/**
 * What the sandbox and the runtime page's CSP leave open to a script node, and how it is closed.
 * Measured in Chromium: `connect-src 'none'` stops fetch, XHR, beacons and sockets, and the opaque
 * origin keeps the editor's storage out of reach, but a body could still
 * - navigate its own frame (`location.href = 'https://anywhere/?' + data`): the sandbox lets a
 *   frame navigate itself and no CSP of its own governs that, so its data could reach any server;
 * - load a script or prefetch a URL of the app's own origin (`import(url)`, `<script src>`,
 *   `<link rel=modulepreload>` or `rel=prefetch`), which `script-src 'self'` lets through (the
 *   frame needs it for its own code), and so carry data to the server in the URL.
 */

const FRAMES_MARK = 'tensorloomFrames';

/**
 * In the editor page: lets its frames load the runtime host page and nothing else. The embedding
 * page's `frame-src` governs every navigation of its frames, whoever starts it. Added once; a
 * document's policies can only be tightened, never removed.
 */
export function confineFrames(runtimeUrl: string, doc: Document = document): void {
  if ([...doc.head.querySelectorAll('meta')].some((m) => Object.hasOwn(m.dataset, FRAMES_MARK))) return;
  const url = new URL(runtimeUrl);
  const meta = doc.createElement('meta');
  meta.httpEquiv = 'Content-Security-Policy';
  meta.content = `frame-src ${url.origin}${url.pathname}`;
  meta.dataset[FRAMES_MARK] = '';
  doc.head.append(meta);
}

/**
 * In the runtime frame, once the host has loaded all of its own code (its backend's included):
 * adds a CSP that loads nothing more from any origin. Script bodies still compile
 * (`'unsafe-eval'`); images from data: and blob: URLs and blob: workers stay allowed, as before.
 */
export function refuseScriptLoads(doc: Document = document): void {
  const meta = doc.createElement('meta');
  meta.httpEquiv = 'Content-Security-Policy';
  meta.content =
    "default-src 'none'; script-src 'unsafe-eval' 'wasm-unsafe-eval'; img-src data: blob:; worker-src blob:";
  doc.head.append(meta);
}
