import { expect, test } from 'vitest';
import { openApp } from './support/browser';
import { fitView, sidePanel } from './support/editor';

test('builds sin(x) · 2 from an empty canvas by dragging from the palette and wiring handles', async () => {
  const app = await openApp();
  const { page } = app;
  try {
    await page.getByRole('button', { name: 'New', exact: true }).click();
    await expect.poll(() => page.getByRole('group', { name: /node/ }).count()).toBe(0);

    const canvas = page.getByRole('application').or(page.locator('.react-flow__pane')).first();
    const palette = page.getByRole('navigation', { name: 'Op palette' });
    const drop = async (op: string, x: number, y: number) => {
      await palette.getByRole('button', { name: new RegExp(`^${op}:`) }).dragTo(canvas, { targetPosition: { x, y } });
      await page.getByRole('group', { name: new RegExp(`^${op} node`) }).waitFor();
    };
    await drop('Placeholder', 40, 80);
    await drop('Sin', 320, 80);
    await drop('Const', 320, 320);
    await drop('Mul', 560, 190);

    // Each edit re-runs the graph and re-renders its nodes: wire only once the canvas is still.
    const status = page.getByRole('status', { name: 'Run status' });
    const settled = () => expect.poll(() => status.innerText(), { timeout: 30_000 }).not.toMatch(/running…|stale/);
    const wire = async (from: string, to: string) => {
      await settled();
      await page.getByLabel(from, { exact: true }).dragTo(page.getByLabel(to, { exact: true }));
      const [source, , sourceNode] = from.replace('Output ', '').split(' ');
      const [target, , targetNode] = to.replace('Input ', '').split(' ');
      await page
        .getByLabel(`Edge from ${sourceNode}.${source} to ${targetNode}.${target}`)
        .waitFor({ state: 'attached' });
    };
    await wire('Output output of placeholder', 'Input x of sin');
    await wire('Output y of sin', 'Input x of mul');
    await wire('Output output of const', 'Input y of mul');

    const setValue = async (node: string, text: string) => {
      await page.getByRole('group', { name: new RegExp(`node ${node}$`) }).click();
      const field = page.getByRole('complementary', { name: 'Node details' }).getByLabel('value', { exact: true });
      await field.fill(text);
      await field.press('Enter');
    };
    await setValue('placeholder', '1, 2, 3');
    await setValue('const', '2');

    await page.getByRole('group', { name: /node mul$/ }).click();
    const table = page.getByRole('table', { name: 'Values of mul.z' });
    await expect
      .poll(async () => (await table.getByRole('cell').allInnerTexts()).join(' '), { timeout: 30_000 })
      .toContain('1.68294');
    const cells = (await table.getByRole('cell').allInnerTexts()).map((t) => t.trim());
    const values = cells.filter((_, i) => i % 2 === 1).map(Number);
    const expected = [1, 2, 3].map((x) => 2 * Math.sin(x));
    expect(values).toHaveLength(3);
    values.forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 4));
    expect(values.map((v) => v.toFixed(3))).toEqual(['1.683', '1.819', '0.282']);
    expect(app.consoleErrors).toEqual([]);
  } finally {
    await app.close();
  }
});

test('nodes added from the palette land on free spots, each beside the one selected: six clicks make no pile', async () => {
  const app = await openApp();
  const { page } = app;
  try {
    await page.getByRole('button', { name: 'New', exact: true }).click();
    await expect.poll(() => page.getByRole('group', { name: /node/ }).count()).toBe(0);
    const palette = page.getByRole('navigation', { name: 'Op palette' });
    const ops = ['Placeholder', 'Sin', 'Const', 'Mul', 'Exp', 'Sum'];
    for (const op of ops) {
      await palette.getByRole('button', { name: new RegExp(`^${op}:`) }).click();
      // The new node is selected (the panel shows it) and in view, whole.
      const name = sidePanel(page).getByRole('textbox', { name: 'Node name', exact: true });
      await expect.poll(() => name.getAttribute('placeholder')).toBe(op.toLowerCase());
      const node = page.getByRole('group', { name: new RegExp(`^${op} node`) });
      const inView = async () => {
        const [box, view] = await Promise.all([node.boundingBox(), page.locator('.react-flow').boundingBox()]);
        return (
          !!box &&
          !!view &&
          box.x >= view.x &&
          box.y >= view.y &&
          box.x + box.width <= view.x + view.width &&
          box.y + box.height <= view.y + view.height
        );
      };
      await expect.poll(inView).toBe(true);
    }
    await fitView(page);
    await expect.poll(() => page.getByRole('group', { name: /node/ }).count()).toBe(ops.length);
    // Once they have drawn their values too (a node grows when its value first shows).
    await expect
      .poll(() => page.getByRole('status', { name: 'Run status' }).innerText(), { timeout: 30_000 })
      .not.toMatch(/running…|stale/);
    const boxes = await page.getByRole('group', { name: /node/ }).evaluateAll((nodes) =>
      nodes.map((n) => {
        const r = n.getBoundingClientRect();
        return { x: r.x, y: r.y, width: r.width, height: r.height, name: n.getAttribute('aria-label') };
      }),
    );
    expect(boxes).toHaveLength(6);
    const apart = (a: (typeof boxes)[number], b: (typeof boxes)[number]) =>
      a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
    for (const [i, a] of boxes.entries())
      for (const b of boxes.slice(i + 1)) expect(apart(a, b), `${a.name} / ${b.name}`).toBe(true);
    expect(app.consoleErrors).toEqual([]);
  } finally {
    await app.close();
  }
});
