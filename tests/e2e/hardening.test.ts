/**
 * The editor against an unlucky user: a browser killed mid-edit, a runtime frame that hangs or
 * crashes outside any script, a memory budget, and a session of mutated graph files.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Frame, type Page } from 'playwright-core';
import { expect, test } from 'vitest';
import {
  appUrl,
  openApp,
  READY_TIMEOUT,
  runStatus,
  runtimeFrame,
  screenshot,
  waitForRuntimeFrame,
} from './support/browser';
import {
  canvasNode,
  canvasNodeNames,
  readValues,
  selectNode,
  setTensorAttr,
  sidePanel,
  waitFor,
  waitForValues,
  X,
} from './support/editor';
import { save } from './support/files';
import { launchKillable, type KillableBrowser } from './support/killable-browser';
import { mutants, type Mutant } from './support/mutations';
import { frameAnswers, graphFile, openGraphFile } from './support/scripts';

const DEFAULT_NODES = ['Const node two', 'Mul node 2·sin(x)', 'Placeholder node x', 'Sin node sin(x)'];
const times = (k: number) => X.map((x) => k * Math.sin(x));

/** The Const "two"'s value as its attribute field shows it. */
function twoField(page: Page) {
  return sidePanel(page)
    .getByRole('region', { name: 'Attributes', exact: true })
    .getByRole('textbox', { name: 'value', exact: true });
}

// -- a killed browser ---------------------------------------------------------------------------

/** Opens the editor in a tab of `browser`, waits for its runtime, and collects its console errors. */
async function openEditor(browser: KillableBrowser, consoleErrors: string[]): Promise<Page> {
  const page = await browser.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(`uncaught ${error.name}: ${error.message}`));
  await page.goto(appUrl('/'));
  await runStatus(page).filter({ hasText: 'Backend:' }).first().waitFor({ state: 'attached', timeout: READY_TIMEOUT });
  return page;
}

test('a browser killed outright keeps every edit older than a second, even in a stream of edits', async () => {
  const profile = await mkdtemp(join(tmpdir(), 'tensorloom-profile-'));
  const consoleErrors: string[] = [];
  let browser = await launchKillable(profile);
  try {
    let page = await openEditor(browser, consoleErrors);
    await selectNode(page, 'Const', 'two');

    // Edits with no pause long enough for a debounce alone: two = 10, 11, 12, … for 3 s, then the
    // process group dies at once. Each edit's time is when its Enter returned: no later than the edit.
    const edits: { value: number; at: number }[] = [];
    const streamEnds = Date.now() + 3_000;
    for (let value = 10; Date.now() < streamEnds; value++) {
      await setTensorAttr(page, 'value', String(value));
      edits.push({ value, at: Date.now() });
    }
    const killedAt = Date.now();
    await browser.kill();
    const older = edits.filter((e) => e.at <= killedAt - 1_000).at(-1)!;
    console.log(`[killed] ${edits.length} edits in 3 s; the last one a second before the kill: two = ${older.value}`);
    expect(edits.length).toBeGreaterThan(10);

    browser = await launchKillable(profile);
    page = await openEditor(browser, consoleErrors);
    expect(await canvasNodeNames(page)).toEqual(DEFAULT_NODES);
    await selectNode(page, 'Const', 'two');
    const restored = Number(await twoField(page).inputValue());
    console.log(`[killed] restored two = ${restored} (edits ${edits[0]!.value}…${edits.at(-1)!.value})`);
    expect(restored).toBeGreaterThanOrEqual(older.value);
    expect(restored).toBeLessThanOrEqual(edits.at(-1)!.value);

    // One edit, a little over a second, and the kill: that edit is there.
    await setTensorAttr(page, 'value', '7');
    await page.waitForTimeout(1_100);
    await browser.kill();
    browser = await launchKillable(profile);
    page = await openEditor(browser, consoleErrors);
    await selectNode(page, 'Const', 'two');
    expect(await twoField(page).inputValue()).toBe('7');
    await selectNode(page, 'Mul', '2·sin(x)');
    await waitForValues(sidePanel(page), '2·sin(x).z', times(7));
    expect(consoleErrors).toEqual([]);
  } finally {
    await browser.kill();
    await rm(profile, { recursive: true, force: true });
  }
}, 120_000);

// -- a runtime frame that hangs or crashes ------------------------------------------------------

/** Selects Mul and waits for its values: what must survive the loss of the runtime frame. */
async function showMul(page: Page): Promise<void> {
  await selectNode(page, 'Mul', '2·sin(x)');
  await waitForValues(sidePanel(page), '2·sin(x).z', times(2));
}

/**
 * After the runtime frame `lost` broke: a new frame took over and the notice says why; the graph,
 * the selection and the values are as before, and an edit runs in the new frame. Returns the time
 * the notice showed.
 */
async function expectReplaced(page: Page, lost: Frame): Promise<number> {
  const notice = await waitFor(
    () => page.getByRole('status', { name: 'Notice', exact: true }).innerText(),
    (text) => text.includes('the runtime stopped answering'),
    { timeout: 60_000, what: 'the notice to tell that the runtime was replaced' },
  );
  const replacedAt = Date.now();
  expect(notice).toMatch(
    /^the runtime stopped answering for 3\d s \(stuck in a computation, or its process crashed\) and was replaced$/,
  );
  const fresh = await waitForRuntimeFrame(page, { except: lost });
  expect(await frameAnswers(fresh, 5_000)).toBe(true);

  expect(await canvasNodeNames(page)).toEqual(DEFAULT_NODES);
  expect(await sidePanel(page).getByRole('textbox', { name: 'Node name', exact: true }).inputValue()).toBe('2·sin(x)');
  await waitForValues(sidePanel(page), '2·sin(x).z', times(2));
  // The next run is computed there too.
  await selectNode(page, 'Const', 'two');
  await setTensorAttr(page, 'value', '3');
  await selectNode(page, 'Mul', '2·sin(x)');
  await waitForValues(sidePanel(page), '2·sin(x).z', times(3));
  return replacedAt;
}

test('a runtime frame stuck in a loop outside any script is replaced; graph, selection and values survive', async () => {
  const app = await openApp();
  const { page } = app;
  try {
    await showMul(page);
    const lost = runtimeFrame(page);
    expect(await frameAnswers(lost, 2_000)).toBe(true);
    const brokenAt = Date.now();
    // Never returns: the frame spins until it is removed.
    void lost
      .evaluate(() => {
        for (;;);
      })
      .catch(() => undefined);
    expect(await frameAnswers(lost, 1_000)).toBe(false);
    const replacedAt = await expectReplaced(page, lost);
    expect(lost.isDetached()).toBe(true);
    console.log(`[hang] replaced ${replacedAt - brokenAt} ms after the frame stopped answering`);
    expect(app.consoleErrors).toEqual([]);
  } finally {
    await app.close();
  }
}, 120_000);

test('a runtime frame whose process ran out of memory is replaced; graph, selection and values survive', async () => {
  const profile = await mkdtemp(join(tmpdir(), 'tensorloom-profile-'));
  const consoleErrors: string[] = [];
  // A small JavaScript heap, so that the frame runs out of it in a second or two.
  const browser = await launchKillable(profile, ['--js-flags=--max-old-space-size=96']);
  let second: Browser | null = null;
  try {
    const page = await openEditor(browser, consoleErrors);
    await showMul(page);
    const lost = runtimeFrame(page);
    const targets = await browser.browser.newBrowserCDPSession();
    const runtimeTargets = async () =>
      (await targets.send('Target.getTargets')).targetInfos
        .filter((t) => t.type === 'iframe' && t.url.endsWith('/runtime.html'))
        .map((t) => t.targetId);
    const [lostTarget] = await runtimeTargets();
    const crashed = new Promise<boolean>((resolve) => {
      page.once('crash', () => resolve(true));
      setTimeout(() => resolve(false), 30_000);
    });
    const brokenAt = Date.now();
    void lost
      .evaluate(() => {
        const kept: unknown[] = [];
        for (;;) kept.push({ value: Math.random(), list: [1, 2, 3] });
      })
      .catch(() => undefined);
    // The frame's renderer died (it did not just hang). Playwright takes a crashed frame for a
    // crashed page and drops it: once another runtime frame is there, a second connection drives the tab.
    expect(await crashed).toBe(true);
    await waitFor(runtimeTargets, (ids) => ids.length === 1 && ids[0] !== lostTarget, {
      timeout: 60_000,
      what: 'another runtime frame',
    });
    second = await chromium.connectOverCDP(browser.endpoint);
    const tab = second
      .contexts()[0]!
      .pages()
      .find((p) => p.url() === appUrl('/'))!;
    tab.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    const replacedAt = await expectReplaced(tab, lost);
    console.log(`[out of memory] replaced ${replacedAt - brokenAt} ms after the frame started to fill its heap`);
    expect(consoleErrors).toEqual([]);
  } finally {
    await second?.close();
    await browser.kill();
    await rm(profile, { recursive: true, force: true });
  }
}, 120_000);

// -- the memory budget ---------------------------------------------------------------------------

/** What the Fill node says on the canvas ('' when nothing): read at once, as it changes with each run. */
function fillMessage(page: Page): Promise<string> {
  return canvasNode(page, 'Fill', 'fill')
    .getByRole('note')
    .first()
    .textContent({ timeout: 500 })
    .then((text) => text ?? '')
    .catch(() => '');
}

test('the memory budget refuses a node before it allocates, is kept across reloads, and can be lifted', async () => {
  const app = await openApp();
  const { page } = app;
  try {
    const budget = page.getByRole('combobox', { name: 'Memory budget', exact: true });
    expect(await budget.inputValue()).toBe('');
    expect((await budget.locator('option').allInnerTexts()).map((t) => t.trim())).toEqual([
      'Memory: default (1 GiB)',
      'Memory: 256 MiB',
      'Memory: 1 GiB',
      'Memory: 4 GiB',
    ]);
    // 9000 × 9000 float32: 324,000,000 bytes (309 MiB), under the CPU's default of 1 GiB.
    await openGraphFile(
      page,
      'fill.json',
      graphFile(
        [{ id: 'fill', op: 'Fill', name: 'fill', attrs: { dims: [9000, 9000], value: 0.5 }, position: { x: 0, y: 0 } }],
        [],
      ),
    );
    await selectNode(page, 'Fill', 'fill');
    const shape = () => sidePanel(page).getByLabel('Statistics of fill.output', { exact: true }).innerText();
    await waitFor(shape, (text) => text.includes('float32[9000, 9000]'), { what: 'fill to be computed' });

    await budget.selectOption({ label: 'Memory: 256 MiB' });
    const refused = 'Fill output float32[9000, 9000] would take 309 MiB, over the 256 MiB budget';
    await waitFor(
      () => fillMessage(page),
      (message) => message.includes(refused),
      { what: 'fill to be refused under 256 MiB' },
    );
    const shot = await screenshot(page, 'memory-budget.png');
    console.log(`[budget] screenshot: ${shot}`);

    await page.reload();
    await runStatus(page)
      .filter({ hasText: 'Backend:' })
      .first()
      .waitFor({ state: 'attached', timeout: READY_TIMEOUT });
    expect(await budget.inputValue()).toBe(String(256 * 2 ** 20));
    await waitFor(
      () => fillMessage(page),
      (message) => message.includes(refused),
      { what: 'fill to be refused again after the reload' },
    );

    await budget.selectOption({ label: 'Memory: 1 GiB' });
    await waitFor(
      () => fillMessage(page),
      (message) => message === '',
      { what: 'fill to run under 1 GiB' },
    );
    await selectNode(page, 'Fill', 'fill');
    expect(await readValues(sidePanel(page), 'fill.output').then((v) => v.slice(0, 3))).toEqual([0.5, 0.5, 0.5]);
    expect(app.consoleErrors).toEqual([]);
  } finally {
    await app.close();
  }
}, 120_000);

// -- mutated files ---------------------------------------------------------------------------------

const EXAMPLES_DIR = join(import.meta.dirname, '../../public/examples');
const MUTANTS = 200;
const MUTANT_SEED = 20_260_107;

/** Gives the editor a file: through the toolbar's file input, or dropped on the canvas. */
async function giveFile(page: Page, mutant: Mutant, how: 'input' | 'drop'): Promise<void> {
  if (how === 'input') {
    await page
      .getByLabel('Open graph file', { exact: true })
      .setInputFiles({ name: mutant.name, mimeType: 'application/json', buffer: Buffer.from(mutant.bytes) });
    return;
  }
  const dataTransfer = await page.evaluateHandle(
    ({ name, base64 }) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([bytes], name, { type: 'application/json' }));
      return transfer;
    },
    { name: mutant.name, base64: Buffer.from(mutant.bytes).toString('base64') },
  );
  const canvas = page.getByRole('application', { name: 'Graph canvas', exact: true });
  await canvas.dispatchEvent('dragover', { dataTransfer });
  await canvas.dispatchEvent('drop', { dataTransfer });
}

/**
 * What became of a file given to the editor: refused with the dialog "Cannot open <name>" (closed
 * here), or opened (other nodes on the canvas, or, where they look the same, Save names the file).
 */
async function outcomeOf(page: Page, mutant: Mutant, before: string[]): Promise<'refused' | 'opened' | 'neither'> {
  const dialog = page.getByRole('alertdialog', { name: `Cannot open ${mutant.name}`, exact: true });
  const deadline = Date.now() + 15_000;
  for (let polls = 0; Date.now() < deadline; polls++) {
    if (await dialog.count()) {
      await dialog.getByRole('button', { name: 'OK', exact: true }).click();
      await dialog.waitFor({ state: 'detached' });
      return 'refused';
    }
    if (JSON.stringify(await canvasNodeNames(page)) !== JSON.stringify(before)) return 'opened';
    if (polls % 20 === 19 && (await save(page)).name === mutant.name) return 'opened';
    await page.waitForTimeout(50);
  }
  return 'neither';
}

/** Reloads the editor; whether it starts (its run status shows the backend) within 20 s. */
async function reopens(page: Page): Promise<boolean> {
  await page.reload();
  try {
    await runStatus(page).filter({ hasText: 'Backend:' }).first().waitFor({ state: 'attached', timeout: 20_000 });
    return true;
  } catch {
    return false;
  }
}

test(`${MUTANTS} mutated graph files in one session: each is refused with a dialog or opens, and nothing throws`, async () => {
  const bases = (await readdir(EXAMPLES_DIR))
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => ({ name, text: readFileSync(join(EXAMPLES_DIR, name), 'utf8') }));
  const list = mutants(bases, MUTANTS, MUTANT_SEED);
  const app = await openApp();
  const { page } = app;
  try {
    const counts = { refused: 0, opened: 0 };
    const problems: string[] = [];
    let names = await canvasNodeNames(page);
    // The saved document, not the nodes on screen: the canvas draws only the nodes in view, a set
    // that changes while a graph opened before settles (fit to view, previews growing the nodes).
    let saved = (await save(page)).text;
    let reported = 0;
    for (const [i, mutant] of list.entries()) {
      const errors = app.consoleErrors.length;
      const described = `${mutant.name} (${mutant.how})`;
      try {
        await giveFile(page, mutant, i % 2 ? 'drop' : 'input');
        const outcome = await outcomeOf(page, mutant, names);
        if (outcome === 'neither') problems.push(`${described}: neither refused nor opened`);
        else counts[outcome]++;
        const now = (await save(page)).text;
        if (outcome === 'refused' && now !== saved) problems.push(`${described}: refused, but the graph changed`);
        saved = now;
        names = await canvasNodeNames(page);
      } catch (error) {
        // The editor is gone (an exception unmounted it): say so, and go on in a fresh one.
        problems.push(`${described}: ${(error as Error).message.split('\n')[0]}`);
        if (!(await reopens(page))) {
          problems.push(`${described}: the editor does not start again with this graph autosaved`);
          await page.evaluate(() => indexedDB.deleteDatabase('keyval-store'));
          await reopens(page);
        }
        names = await canvasNodeNames(page);
        saved = (await save(page)).text;
      }
      const thrown = app.consoleErrors.slice(errors);
      if (thrown.length) problems.push(`${described}: ${thrown.join(' | ')}`);
      if (problems.length > reported) console.log(`[mutants] ${problems.slice(reported).join('\n[mutants] ')}`);
      reported = problems.length;
    }
    console.log(`[mutants] ${counts.refused} refused, ${counts.opened} opened, ${problems.length} problems`);
    expect(problems).toEqual([]);
    expect(counts.refused + counts.opened).toBe(MUTANTS);
  } finally {
    await app.close();
  }
}, 900_000);
