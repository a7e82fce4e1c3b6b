import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { openApp, runtimeFrame } from './support/browser';
import {
  allClose,
  canvasNode,
  canvasNodeNames,
  fitView,
  openExample,
  readValues,
  selectNode,
  sidePanel,
  statusText,
  waitForStatus,
  waitForValues,
  X,
} from './support/editor';

const TWO_SIN = X.map((x) => 2 * Math.sin(x));
/**
 * WGSL's sin() may be off by 2^-11 in absolute terms (WGSL spec, "Floating Point Accuracy"), and
 * SwiftShader's is off by up to 5e-5 here: 2·sin(x) on WebGPU is compared within twice that bound.
 */
const SIN_TOLERANCE = 2 * 2 ** -11;
// Each new WebGPU kernel compiles in about a second on SwiftShader.
const GPU_TIMEOUT = 60_000;

/** Mul's values, read from a freshly drawn table (another node selected in between). */
async function mulValues(page: Page): Promise<number[]> {
  await selectNode(page, 'Sin', 'sin(x)');
  await selectNode(page, 'Mul', '2·sin(x)');
  return readValues(sidePanel(page), '2·sin(x).z', GPU_TIMEOUT);
}

/** The MLP example's hidden activations, probabilities and loss, each read from a fresh table. */
async function mlpValues(page: Page): Promise<Record<'hidden' | 'probabilities' | 'loss', number[]>> {
  const read = async (op: string, label: string, tensor: string) => {
    await selectNode(page, op, label);
    return readValues(sidePanel(page), tensor, GPU_TIMEOUT);
  };
  return {
    hidden: await read('Relu', 'hidden', 'hidden.activations'),
    probabilities: await read('Softmax', 'probabilities', 'probabilities.softmax'),
    loss: await read('Neg', 'loss', 'loss.y'),
  };
}

function backendSelect(page: Page) {
  return page.getByRole('combobox', { name: 'Backend', exact: true });
}

test('without a WebGPU adapter the app runs on the CPU and says why', async () => {
  const app = await openApp();
  const { page } = app;
  try {
    const status = await waitForStatus(page, /eager run /);
    expect(status).toMatch(/^Backend: cpu \(.*\)/);
    const reason = /^Backend: cpu \((.*?)\)/.exec(status)![1]!;
    expect(reason).toMatch(/WebGPU/);
    expect(reason).toMatch(/adapter/);

    await selectNode(page, 'Mul', '2·sin(x)');
    await waitForValues(sidePanel(page), '2·sin(x).z', TWO_SIN);
    expect(app.consoleErrors).toEqual([]);
  } finally {
    await app.close();
  }
}, 90_000);

test("with WebGPU the app runs on it, and its values equal the CPU backend's", async () => {
  const app = await openApp({ webgpu: true });
  const { page } = app;
  try {
    const status = await waitForStatus(page, /eager run /, GPU_TIMEOUT);
    expect(status).toMatch(/^Backend: webgpu/);
    // The reason is given for a fallback only.
    expect(status).not.toMatch(/^Backend: webgpu \(/);
    const gpuSin = await mulValues(page);
    expect(allClose(gpuSin, TWO_SIN, SIN_TOLERANCE), JSON.stringify(gpuSin)).toBe(true);

    // The MLP (matmuls, ReLU, softmax, log, reductions) agrees with the CPU to 1e-5.
    await openExample(page, 'MLP forward pass with a loss');
    await canvasNode(page, 'VariableV2', 'W1').waitFor();
    await fitView(page);
    await waitForStatus(page, /^Backend: webgpu.*eager run .* 17\/17 steps/, GPU_TIMEOUT);
    const gpu = await mlpValues(page);

    await backendSelect(page).selectOption({ label: 'CPU' });
    await waitForStatus(page, /^Backend: cpu \(requested\).*eager run .* 17\/17 steps/, GPU_TIMEOUT);
    const cpu = await mlpValues(page);
    for (const key of Object.keys(cpu) as (keyof typeof cpu)[])
      expect(allClose(gpu[key], cpu[key]), `${key}: webgpu ${gpu[key]} vs cpu ${cpu[key]}`).toBe(true);
    expect(cpu.loss[0]).toBeCloseTo(0.822082, 5);

    expect(app.consoleErrors).toEqual([]);
  } finally {
    await app.close();
  }
}, 180_000);

test('when the WebGPU device is lost the app moves to the CPU, keeping the graph and its values', async () => {
  const app = await openApp({ webgpu: true });
  const { page } = app;
  try {
    await waitForStatus(page, /^Backend: webgpu.*eager run /, GPU_TIMEOUT);
    const before = await mulValues(page);
    expect(allClose(before, TWO_SIN, SIN_TOLERANCE)).toBe(true);
    const nodes = await canvasNodeNames(page);

    const destroyed = await runtimeFrame(page).evaluate(() => {
      const host = (globalThis as { tensorloomHost?: { gpuDevice?: GPUDevice } }).tensorloomHost;
      if (!host?.gpuDevice) return false;
      host.gpuDevice.destroy();
      return true;
    });
    expect(destroyed).toBe(true);

    const status = await waitForStatus(page, /^Backend: cpu .*eager run /, GPU_TIMEOUT);
    expect(status).toMatch(/the WebGPU device was lost \(destroyed.*\); moved to the CPU/);
    const notice = page.getByRole('status', { name: 'Notice', exact: true });
    await notice.waitFor();
    expect(await notice.innerText()).toMatch(/^the WebGPU device was lost \(destroyed.*\); moved to the CPU$/);

    expect(await canvasNodeNames(page)).toEqual(nodes);
    const after = await mulValues(page);
    expect(allClose(after, TWO_SIN), JSON.stringify(after)).toBe(true);
    expect(allClose(after, before, SIN_TOLERANCE), `cpu ${after} vs webgpu ${before}`).toBe(true);
    expect(await statusText(page)).toMatch(/^Backend: cpu/);

    expect(app.consoleErrors).toEqual([]);
  } finally {
    await app.close();
  }
}, 180_000);
