import type { Locator, Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { openApp } from './support/browser';
import { canvasNode, openExample, selectNode, sidePanel, waitFor, waitForValues } from './support/editor';
import { codeEditor, nodePreview, setCodeAttr } from './support/scripts';

const scriptProblems = (page: Page, attr = 'body') =>
  sidePanel(page).getByRole('list', { name: `Problems in ${attr}`, exact: true });

/** The stretches a code editor underlines as errors, once there are any. */
async function underlined(page: Page, attr: string): Promise<Locator> {
  const marks = codeEditor(page, attr).locator('.cm-lintRange-error');
  await marks.first().waitFor({ timeout: 10_000 });
  return marks;
}

async function openCustomOp(page: Page): Promise<void> {
  await openExample(page, 'Seed: a custom op, x · 2');
  await canvasNode(page, 'ArrayScript', 'MyCustomOp').waitFor();
  await selectNode(page, 'ArrayScript', 'MyCustomOp');
  await codeEditor(page, 'body').waitFor();
}

test('a body written in the code editor runs, with an output declared beside it', async () => {
  const app = await openApp();
  const { page } = app;
  try {
    await openCustomOp(page);
    expect(await codeEditor(page, 'body').getAttribute('contenteditable')).toBe('true');
    // TypeScript highlighting: the keyword `const` of the seed's body gets its own token style.
    const tokens = await codeEditor(page, 'body').locator('span').allInnerTexts();
    expect(tokens).toContain('const');

    const outputs = sidePanel(page).getByRole('group', { name: 'Outputs', exact: true });
    await outputs.getByRole('button', { name: 'Add output' }).click();
    const second = outputs.getByRole('textbox', { name: 'Outputs 2 name', exact: true });
    await second.fill('total');
    await second.press('Tab');

    await setCodeAttr(
      page,
      'body',
      [
        'const scale: number = 3;',
        'const y = x.map((v) => v * scale);',
        'return { y, total: [y.reduce((a, b) => a + b, 0)] };',
      ].join('\n'),
      { commit: false },
    );
    // Ctrl+Enter applies the edit (and runs) without leaving the editor.
    await page.keyboard.press('Control+Enter');
    // x = [1, 2, 3]: y = 3x = [3, 6, 9], total = [18].
    await waitForValues(page, 'MyCustomOp.y', [3, 6, 9]);
    await waitForValues(page, 'MyCustomOp.total', [18]);
    expect(await scriptProblems(page).count()).toBe(0);
    expect(app.consoleErrors).toEqual([]);
  } finally {
    await app.close();
  }
});

test('a throwing body shows its error at its line, on the node and underlined in the editor', async () => {
  const app = await openApp();
  const { page } = app;
  try {
    await openCustomOp(page);
    await setCodeAttr(
      page,
      'body',
      [
        'const out = new Float32Array(x.length);',
        'if (x[0] < 5)',
        "  throw new Error('x[0] is too small');",
        'return out;',
      ].join('\n'),
    );
    const node = canvasNode(page, 'ArrayScript', 'MyCustomOp');
    await waitFor(
      () => node.innerText(),
      (text) => text.includes('x[0] is too small (line 3, column 9)'),
      { what: 'the node to show the error at line 3' },
    );
    const problems = await waitFor(
      () => scriptProblems(page).innerText(),
      (text) => text.includes('x[0] is too small'),
      { what: 'the editor to list the problem' },
    );
    expect(problems).toMatch(/line 3:9/);
    // The underline sits on line 3 of the editor, over the word the error points at.
    // CodeMirror draws the underline a frame after the list shows the problem.
    const underline = await underlined(page, 'body');
    expect(await underline.innerText()).toBe('new');
    const lineOf = await underline.evaluate((el) => {
      const line = el.closest('.cm-line')!;
      return [...line.parentElement!.children].indexOf(line) + 1;
    });
    expect(lineOf).toBe(3);
    expect(app.consoleErrors).toEqual([]);
  } finally {
    await app.close();
  }
});

test('a syntax error is underlined while typing, and nothing is applied until it is committed', async () => {
  const app = await openApp();
  const { page } = app;
  try {
    await openCustomOp(page);
    await waitForValues(page, 'MyCustomOp.y', [2, 4, 6]);
    await setCodeAttr(page, 'body', 'const k = 2;\nreturn x.map((v) => v * );', { commit: false });
    const problems = await waitFor(
      () => scriptProblems(page).innerText(),
      (text) => text.includes('syntax error'),
      { what: 'the editor to list the syntax error' },
    );
    expect(problems).toMatch(/line 2:/);
    expect(await (await underlined(page, 'body')).count()).toBe(1);
    // Not committed: the node still shows the values of the body it had.
    expect(await nodePreview(page, 'ArrayScript', 'MyCustomOp')).toContain('[2, 4, 6]');
    expect(app.consoleErrors).toEqual([]);
  } finally {
    await app.close();
  }
});

test('a failing gradient body is underlined at its own line once gradients are asked for', async () => {
  const app = await openApp();
  const { page } = app;
  try {
    await openExample(page, 'Seed: py_function with a custom gradient');
    await canvasNode(page, 'TensorScript', 'my_python_op').waitFor();
    await page.getByRole('combobox', { name: 'Loss target' }).selectOption('loss');
    await selectNode(page, 'TensorScript', 'my_python_op');
    await setCodeAttr(page, 'gradient', 'const k = 2;\nreturn tf.mul(dy, scale);');
    // "scale" starts at column 19 of line 2.
    const problems = await waitFor(
      () => scriptProblems(page, 'gradient').innerText(),
      (text) => text.includes('scale is not defined'),
      { what: 'the gradient editor to list the error' },
    );
    expect(problems).toMatch(/line 2:19/);
    expect(await (await underlined(page, 'gradient')).innerText()).toBe('scale');
    expect(await scriptProblems(page, 'body').count()).toBe(0);
    expect(app.consoleErrors).toEqual([]);
  } finally {
    await app.close();
  }
});

test("the code editor completes a body's own variables and, after tf., tfjs's functions", async () => {
  const app = await openApp();
  const { page } = app;
  try {
    await openExample(page, 'Seed: py_function with a custom gradient');
    await canvasNode(page, 'TensorScript', 'my_python_op').waitFor();
    await selectNode(page, 'TensorScript', 'my_python_op');
    const options = page.getByRole('listbox').getByRole('option');
    const offered = (label: string) =>
      waitFor(
        () => options.allInnerTexts(),
        (texts) => texts.some((t) => t.trim().startsWith(label)),
        { what: `the completions to offer ${label}` },
      );

    await codeEditor(page, 'body').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('\nconst m = tf.matM');
    await offered('matMul');
    // CodeMirror ignores Enter on a completion list opened less than 75 ms ago (a typing user's Enter).
    await page.waitForTimeout(150);
    await page.keyboard.press('Enter');
    expect(await codeEditor(page, 'body').innerText()).toContain('const m = tf.matMul');

    // The gradient body sees dy, the inputs, output and tf.
    await codeEditor(page, 'gradient').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('\nconst g = d');
    await offered('dy');
    await page.keyboard.press('Escape');
    expect(app.consoleErrors).toEqual([]);
  } finally {
    await app.close();
  }
});
