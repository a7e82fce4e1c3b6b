import type { TF } from '../ops/define-op';

export const BACKENDS = ['webgpu', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKENDS)[number];
export type BackendRequest = BackendName | 'auto';

export interface BackendChoice {
  readonly name: BackendName;
  /** Why this backend is active; for a fallback, what was missing. */
  readonly reason: string;
}

interface GpuNavigator {
  gpu?: { requestAdapter(): Promise<{ info?: { vendor?: string; architecture?: string } } | null> };
}

/**
 * Picks the backend explicitly: WebGPU where an adapter exists, otherwise the CPU backend.
 * Left alone, tfjs would fall back to WebGL on its own and say nothing.
 */
export async function selectBackend(tf: TF, request: BackendRequest = 'auto'): Promise<BackendChoice> {
  if (request === 'cpu') return use(tf, 'cpu', 'requested');
  if (request === 'wasm') {
    const wasm = await tryWasm(tf);
    return wasm ?? use(tf, 'cpu', 'the WASM backend failed to initialize');
  }
  const webgpu = await tryWebGpu(tf);
  if (typeof webgpu !== 'string') return webgpu;
  return use(tf, 'cpu', webgpu);
}

/** Returns the active WebGPU choice, or the reason it is unavailable. */
async function tryWebGpu(tf: TF): Promise<BackendChoice | string> {
  const gpu = (globalThis.navigator as GpuNavigator | undefined)?.gpu;
  if (!gpu) return 'WebGPU is not available here (no navigator.gpu)';
  let adapter: Awaited<ReturnType<NonNullable<GpuNavigator['gpu']>['requestAdapter']>>;
  try {
    adapter = await gpu.requestAdapter();
  } catch (e) {
    return `requesting a WebGPU adapter failed: ${(e as Error).message}`;
  }
  if (!adapter) return 'WebGPU is present but offers no adapter (requestAdapter() returned null)';
  await import('@tensorflow/tfjs-backend-webgpu');
  if (!(await tf.setBackend('webgpu'))) return 'the WebGPU backend failed to initialize';
  await tf.ready();
  const info = adapter.info;
  const detail = info ? [info.vendor, info.architecture].filter(Boolean).join(' ') : '';
  return { name: 'webgpu', reason: detail ? `WebGPU adapter: ${detail}` : 'WebGPU adapter available' };
}

async function tryWasm(tf: TF): Promise<BackendChoice | null> {
  try {
    await import('@tensorflow/tfjs-backend-wasm');
    if (!(await tf.setBackend('wasm'))) return null;
    await tf.ready();
    return { name: 'wasm', reason: 'requested' };
  } catch {
    return null;
  }
}

async function use(tf: TF, name: BackendName, reason: string): Promise<BackendChoice> {
  if (!(await tf.setBackend(name))) throw new Error(`the ${name} backend failed to initialize`);
  await tf.ready();
  return { name, reason };
}
