/**
 * Helpers for script nodes and for watching the editor stay responsive: opening a graph file,
 * trusting it, reading what a node says, editing a script body (whatever editor the panel uses)
 * and panning the canvas.
 */
import type { Frame, Locator, Page } from 'playwright-core';
import { canvasNode, sidePanel, waitFor } from './editor';

/** A node of a graph file, as tests write them. */
export interface FileNode {
  id: string;
  op: string;
  name?: string;
  attrs: Record<string, unknown>;
  position?: { x: number; y: number };
}

export interface FileEdge {
  id: string;
  source: string;
  sourcePort: string;
  target: string;
  targetPort: string;
}

/** A native graph file (format tensorloom.graph, version 2: without settings, which version 3 reads as it is). */
export function graphFile(nodes: FileNode[], edges: FileEdge[]) {
  return { format: 'tensorloom.graph', version: 2, nodes, edges };
}

/** An edge `source.sourcePort → target.targetPort`, with a readable id. */
export function edge(source: string, sourcePort: string, target: string, targetPort: string): FileEdge {
  return { id: `${source}-${target}`, source, sourcePort, target, targetPort };
}

/** A float32 Placeholder holding `values` (a vector). */
export function placeholder(id: string, values: number[], position = { x: 0, y: 0 }): FileNode {
  return {
    id,
    op: 'Placeholder',
    name: id,
    attrs: { value: { dtype: 'float32', shape: [values.length], values } },
    position,
  };
}

/** Opens a graph through the toolbar's hidden "Open graph file" input, as a user picking a file. */
export async function openGraphFile(page: Page, name: string, file: unknown): Promise<void> {
  await page.getByLabel('Open graph file', { exact: true }).setInputFiles({
    name,
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(file, null, 2)),
  });
}

/** The banner that lists an untrusted graph's scripts. */
export function trustBanner(page: Page): Locator {
  return page.getByRole('region', { name: 'Untrusted scripts', exact: true });
}

/** Clicks "Trust and run" in the banner and waits until the banner is gone. */
export async function trustAndRun(page: Page): Promise<void> {
  const banner = trustBanner(page);
  await banner.getByRole('button', { name: 'Trust and run', exact: true }).click();
  await waitFor(
    () => banner.count(),
    (n) => n === 0,
    { timeout: 10_000, what: 'the "Untrusted scripts" banner to go away' },
  );
}

/** The message a node shows on the canvas (its error, or why it did not run), or '' when none. */
export async function nodeMessage(page: Page, op: string, label: string): Promise<string> {
  const note = canvasNode(page, op, label).getByRole('note');
  return (await note.count()) ? ((await note.first().textContent()) ?? '') : '';
}

/** Waits until a node's message on the canvas contains `text`; returns the message. */
export function waitForNodeMessage(page: Page, op: string, label: string, text: string, timeout = 30_000) {
  return waitFor(
    () => nodeMessage(page, op, label),
    (message) => message.includes(text),
    { timeout, what: `${op} node ${label} to say "${text}"` },
  );
}

/**
 * The first values a node's preview on the canvas ("Value of <label>") gives as text, or '' when
 * none: a single value is written; a picture (sparkline, heatmap, image) has them as its tooltip.
 */
export async function nodePreview(page: Page, op: string, label: string): Promise<string> {
  const preview = canvasNode(page, op, label).getByRole('group', { name: `Value of ${label}`, exact: true });
  if (!(await preview.count())) return '';
  const picture = preview.getByRole('img');
  if (await picture.count()) return (await picture.first().getAttribute('title')) ?? '';
  return (await preview.first().textContent()) ?? '';
}

/** The value preview's numbers, as the node formats them (four significant digits). */
export function previewNumbers(text: string): number[] {
  const inner = /^\[(.*)\]$/.exec(text.trim())?.[1] ?? text;
  return inner
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s && s !== '…')
    .map(Number);
}

/** The code editor (CodeMirror) of the selected script node's attribute `name` (`body` or `gradient`). */
export function codeEditor(page: Page, name: string): Locator {
  return sidePanel(page).getByRole('textbox', { name, exact: true });
}

/**
 * Replaces the source in a script's code editor as a user does (select all, type) and, unless told
 * not to, commits it by leaving the editor, which applies an edit, not each keystroke.
 */
export async function setCodeAttr(page: Page, name: string, source: string, { commit = true } = {}): Promise<void> {
  const editor = codeEditor(page, name);
  await editor.click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.insertText(source);
  if (commit) await editor.blur();
}

/** React Flow's viewport transform (`translate(x, y) scale(k)`), which panning and zooming change. */
export function viewportTransform(page: Page): Promise<string> {
  return page.locator('.react-flow__viewport').evaluate((e) => (e as HTMLElement).style.transform);
}

/**
 * A point of the canvas with nothing but the pane under it (no node, edge or control), where a drag
 * pans the view; found by probing a grid over the pane, away from its edges.
 */
async function emptyPanePoint(page: Page): Promise<{ x: number; y: number }> {
  const found = await page.locator('.react-flow__pane').evaluate((pane) => {
    const box = pane.getBoundingClientRect();
    for (let fy = 0.85; fy >= 0.15; fy -= 0.05) {
      for (let fx = 0.15; fx <= 0.85; fx += 0.05) {
        const x = box.left + box.width * fx;
        const y = box.top + box.height * fy;
        if (document.elementFromPoint(x, y) === pane) return { x, y };
      }
    }
    return null;
  });
  if (!found) throw new Error('no empty point on the canvas to drag the pane from');
  return found;
}

/**
 * Drags the canvas' pane by (dx, dy) with the left mouse button, as a user pans the view. The
 * events go through Chromium's input pipeline (CDP `Input.dispatchMouseEvent`) rather than
 * `page.mouse`: Playwright's drag-and-drop emulation first evaluates a helper in every frame, so
 * `page.mouse.move` with a button held waits for a frame that is stuck in a script, which no
 * user's mouse does.
 */
export async function panCanvas(page: Page, dx: number, dy: number, steps = 8): Promise<void> {
  const from = await emptyPanePoint(page);
  const cdp = await page.context().newCDPSession(page);
  try {
    const send = (type: 'mousePressed' | 'mouseMoved' | 'mouseReleased', x: number, y: number, buttons: number) =>
      cdp.send('Input.dispatchMouseEvent', { type, x, y, button: 'left', buttons, clickCount: 1 });
    await send('mouseMoved', from.x, from.y, 0);
    await send('mousePressed', from.x, from.y, 1);
    for (let i = 1; i <= steps; i++) await send('mouseMoved', from.x + (dx * i) / steps, from.y + (dy * i) / steps, 1);
    await send('mouseReleased', from.x + dx, from.y + dy, 0);
  } finally {
    await cdp.detach();
  }
}

/** How many animation frames the page draws in `ms` milliseconds (a frozen page draws none). */
export function framesDrawnIn(page: Page, ms: number): Promise<number> {
  return page.evaluate(
    (window) =>
      new Promise<number>((resolve) => {
        let frames = 0;
        const start = performance.now();
        const tick = () => {
          frames++;
          if (performance.now() - start < window) requestAnimationFrame(tick);
          else resolve(frames);
        };
        requestAnimationFrame(tick);
      }),
    ms,
  );
}

/**
 * Whether a frame's main thread answers a trivial evaluation within `ms`: a frame stuck in a
 * script's `while (true) {}` does not.
 */
export async function frameAnswers(frame: Frame, ms = 250): Promise<boolean> {
  if (frame.isDetached()) return false;
  const answer = frame.evaluate(() => true).catch(() => false);
  const timeout = new Promise<false>((resolve) => setTimeout(() => resolve(false), ms));
  return Promise.race([answer, timeout]);
}
