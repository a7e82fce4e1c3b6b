import type { Locator } from 'playwright-core';
import { expect, test } from 'vitest';
import { openApp } from './support/browser';
import { canvasNode, openExample, selectNode, toolbarButton, waitFor, waitForStatus } from './support/editor';
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

/** A logistic classifier over two placeholders, x (2×2) and y (2×1), beside an unconnected Dataset2D. */
function placeholderClassifier(): string {
  const value = (shape: number[], values: number[]) => ({ dtype: 'float32', shape, values });
  const edge = (source: string, sourcePort: string, target: string, targetPort: string) => ({
    id: `${source}-${target}-${targetPort}`,
    source,
    sourcePort,
    target,
    targetPort,
  });
  return JSON.stringify({
    format: 'tensorloom.graph',
    version: 2,
    name: 'placeholders',
    training: {
      loss: { node: 'loss', port: 'output' },
      steps: 40,
      optimizer: { name: 'adam', learningRate: 0.1, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 },
      regularization: { l1: 0, l2: 0 },
      accuracy: { prediction: { node: 'probability', port: 'y' }, labels: { node: 'y', port: 'output' } },
    },
    nodes: [
      {
        id: 'data',
        op: 'Dataset2D',
        name: 'points',
        attrs: { kind: 'gauss', samples: 200, noise: 0, test_fraction: 0.5, batch_size: 20, seed: 2 },
      },
      { id: 'x', op: 'Placeholder', attrs: { value: value([2, 2], [0, 0, 1, 1]) } },
      { id: 'y', op: 'Placeholder', attrs: { value: value([2, 1], [0, 1]) } },
      { id: 'W', op: 'VariableV2', attrs: { value: value([2, 1], [0.1, -0.1]), trainable: true } },
      { id: 'matmul', op: 'MatMul', attrs: {} },
      { id: 'probability', op: 'Sigmoid', attrs: {} },
      { id: 'softplus', op: 'Softplus', attrs: {} },
      { id: 'label_logit', op: 'Mul', attrs: {} },
      { id: 'xent', op: 'Sub', attrs: {} },
      { id: 'loss', op: 'Mean', attrs: { axis: null } },
    ],
    edges: [
      edge('x', 'output', 'matmul', 'a'),
      edge('W', 'ref', 'matmul', 'b'),
      edge('matmul', 'product', 'probability', 'x'),
      edge('matmul', 'product', 'softplus', 'features'),
      edge('y', 'output', 'label_logit', 'x'),
      edge('matmul', 'product', 'label_logit', 'y'),
      edge('softplus', 'activations', 'xent', 'x'),
      edge('label_logit', 'z', 'xent', 'y'),
      edge('xent', 'z', 'loss', 'input'),
    ],
  });
}

test('a graph built around placeholders trains on a dataset fed to them, as a feed_dict would, without rewiring', async () => {
  const app = await openApp();
  const { page } = app;
  try {
    // Opened once the app has started (and opened its first graph), so that nothing replaces it.
    await waitForStatus(page, /Backend:/);
    await page.getByLabel('Open graph file', { exact: true }).setInputFiles({
      name: 'placeholders.json',
      mimeType: 'application/json',
      buffer: Buffer.from(placeholderClassifier()),
    });
    await canvasNode(page, 'Dataset2D', 'points').waitFor();
    const training = trainingSection(page);
    const feedX = training.getByRole('combobox', { name: 'Feed x from', exact: true });
    await waitFor(
      () => feedX.getByRole('option').allInnerTexts(),
      (options) => options.includes('points.features'),
      { what: "the dataset's outputs offered to feed x" },
    );
    await feedX.selectOption({ label: 'points.features' });
    await training.getByRole('combobox', { name: 'Feed y from', exact: true }).selectOption({ label: 'points.labels' });
    // Only outputs of the placeholder's dtype are offered, besides its own value.
    expect(
      await training.getByRole('combobox', { name: 'Feed x from', exact: true }).getByRole('option').allInnerTexts(),
    ).toEqual(['its value', 'points.features', 'points.labels']);
    await training.getByRole('button', { name: 'Train', exact: true }).click();
    await trainingDone(training, 40);
    // Two gaussians are apart: a logistic classifier of the fed points tells most of the test split apart.
    const figures = await training.getByLabel('Training figures').innerText();
    expect(Number(/test accuracy\s+([\d.]+) %/.exec(figures)![1])).toBeGreaterThan(90);
    const setup = (JSON.parse((await save(page)).text) as { training: { feeds: unknown } }).training;
    expect(setup.feeds).toEqual([
      { placeholder: 'x', from: { node: 'data', port: 'features' } },
      { placeholder: 'y', from: { node: 'data', port: 'labels' } },
    ]);
    expect(app.consoleErrors).toEqual([]);
  } finally {
    await app.close();
  }
});
