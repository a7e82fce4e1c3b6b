/** Chromium's flags for this machine (see STACK.md): no sandbox, and no traffic to a closed network. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Gives `navigator.gpu.requestAdapter()` a SwiftShader adapter (without it the adapter is null). */
export const WEBGPU_ARGS = ['--enable-unsafe-webgpu'];

/** Debian's Chromium, or the one CHROMIUM_PATH names. */
export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH || '/usr/bin/chromium';
}
