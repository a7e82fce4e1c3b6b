import type { Locator } from 'playwright-core';
import { expect, test } from 'vitest';
import { openApp } from './support/browser';
import { openExample, selectNode, toolbarButton, waitFor, waitForStatus } from './support/editor';
import { trainingDone, trainingSection } from './support/training';
import { save } from './support/files';

/** Types into a number field of the setup and commits it with Enter. */
async function commit(field: Locator, text: string): Promise<void> {
  await field.fill(text);
  await field.press('Enter');
}

test('the training setup edits the optimizer settings, L2 and a length in epochs as undoable edits, lists the trainable variables, refuses a bad β1, and trains for the epochs', async () => {
  const app = await openApp();
  const { page } = app;
  try {
    await openExample(page, 'Playground: train a classifier');
    await waitForStatus(page, /Backend:/);
    await selectNode(page, 'Mean', 'loss');
    const training = trainingSection(page);
    const field = (name: string) => training.getByRole('spinbutton', { name, exact: true });
    const optimizer = training.getByRole('combobox', { name: 'Optimizer', exact: true });
    const savedSetup = async () => (JSON.parse((await save(page)).text) as { training: unknown }).training;
    const original = await savedSetup();

    // The example's weights and biases, three layers of them, in the graph's order.
    const variables = training.getByRole('list', { name: 'Trainable variables', exact: true });
    expect(await variables.getByRole('listitem').allInnerTexts()).toEqual([
      'W1 float32[2, 8]',
      'b1 float32[8]',
      'W2 float32[8, 8]',
      'b2 float32[8]',
      'W3 float32[8, 1]',
      'b3 float32[1]',
    ]);

    // Adam's β1 is a fraction: 2 is put back, with a message saying why, and nothing is edited.
    await commit(field('β1'), '2');
    const refusal = training.getByRole('alert');
    await refusal.waitFor();
    expect(await refusal.innerText()).toBe('β1 must be a number from 0 to 1, not 2: kept 0.9.');
    expect(await field('β1').inputValue()).toBe('0.9');
    expect(await savedSetup()).toEqual(original);

    await optimizer.selectOption('momentum');
    await commit(field('Momentum'), '0.5');
    const nesterov = training.getByRole('checkbox', { name: 'Nesterov', exact: true });
    // By keyboard: each edit reruns the graph, and the panel's values above may move the box under a click.
    await nesterov.press('Space');
    await commit(field('L2 regularization'), '0.001');
    const unit = training.getByRole('combobox', { name: 'Training length unit', exact: true });
    await unit.selectOption('epochs');
    await commit(field('Training epochs'), '2');
    const edited = {
      ...(original as object),
      optimizer: { name: 'momentum', learningRate: 0.03, momentum: 0.5, useNesterov: true },
      regularization: { l1: 0, l2: 0.001 },
      epochs: 2,
    };
    expect(await savedSetup()).toEqual(edited);

    // Each field was one edit: Undo takes them back one by one, newest first.
    const undone: [what: string, read: () => Promise<unknown>, expected: unknown][] = [
      ['the length back to 1 epoch', () => field('Training epochs').inputValue(), '1'],
      ['the length back in steps', () => field('Training steps').inputValue(), '300'],
      ['L2 back to 0', () => field('L2 regularization').inputValue(), '0'],
      ['Nesterov off', () => nesterov.isChecked(), false],
      ['Momentum back to 0.9', () => field('Momentum').inputValue(), '0.9'],
      ['Adam back', () => optimizer.inputValue(), 'adam'],
    ];
    for (const [what, read, expected] of undone) {
      await toolbarButton(page, 'Undo').click();
      await waitFor(read, (value) => value === expected, { what });
    }
    expect(await savedSetup()).toEqual(original);
    for (let i = 0; i < undone.length; i++) await toolbarButton(page, 'Redo').click();
    await waitFor(
      () => field('Training epochs').inputValue(),
      (value) => value === '2',
      { what: 'Redo to bring back 2 epochs' },
    );
    expect(await savedSetup()).toEqual(edited);
    await waitForStatus(page, /Backend:/);

    // 250 training points in batches of 10: 25 steps an epoch, 50 for two.
    await training.getByRole('button', { name: 'Train', exact: true }).click();
    expect(await trainingDone(training, 50)).toMatch(/^Step 50 of 50 · .*done$/);
    const progress = training.getByRole('progressbar', { name: 'Training progress', exact: true });
    expect([await progress.getAttribute('value'), await progress.getAttribute('max')]).toEqual(['50', '50']);
    expect(app.consoleErrors).toEqual([]);
  } finally {
    await app.close();
  }
});

test('without a dataset or a trainable variable upstream of the loss, the setup offers steps only and says nothing will train', async () => {
  const app = await openApp();
  const { page } = app;
  try {
    await openExample(page, 'Seed: py_function with a custom gradient');
    await waitForStatus(page, /Backend:/);
    const training = trainingSection(page);
    await training.getByRole('button', { name: 'Set up training', exact: true }).click();
    const epochs = training
      .getByRole('combobox', { name: 'Training length unit', exact: true })
      .getByRole('option', { name: 'epochs (needs a dataset node)', exact: true });
    expect(await epochs.isDisabled()).toBe(true);
    expect(await training.getByRole('note').innerText()).toBe(
      'No trainable variable reaches loss.output: add a VariableV2 with trainable set upstream of it.',
    );
    expect(await training.getByRole('list', { name: 'Trainable variables', exact: true }).count()).toBe(0);
    expect(app.consoleErrors).toEqual([]);
  } finally {
    await app.close();
  }
});
