import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vitest/config';

/**
 * The runtime host page runs in a sandboxed iframe whose CSP forbids connections, so in dev it
 * must not carry Vite's HMR client (a websocket) or React's refresh preamble (an inline script).
 */
function runtimeHostPage(): Plugin {
  return {
    name: 'tensorloom:runtime-host-page',
    apply: 'serve',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        if (!ctx.path.endsWith('/runtime.html')) return html;
        return html
          .replace(/<script type="module" src="\/@vite\/client"><\/script>\s*/g, '')
          .replace(/<script type="module">[^<]*@react-refresh[\s\S]*?<\/script>\s*/g, '');
      },
    },
  };
}

// The sandboxed runtime iframe has the opaque origin "null"; its module scripts are fetched with CORS.
const cors = { origin: 'null' };

export default defineConfig({
  plugins: [react(), runtimeHostPage()],
  server: { cors },
  preview: { cors },
  build: {
    target: 'es2022',
    rolldownOptions: { input: { main: 'index.html', runtime: 'runtime.html' } },
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'node',
          include: ['tests/**/*.test.ts'],
          exclude: ['tests/e2e/**'],
          globalSetup: ['tests/cli/global-setup.ts'],
          testTimeout: 60_000,
          // Two cores: one fork per core keeps the tfjs CPU suites from starving each other.
          pool: 'forks',
          maxWorkers: 2,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: ['tests/e2e/global-setup.ts'],
          // One browser at a time: SwiftShader WebGPU and the build share two cores.
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 240_000,
        },
      },
    ],
  },
});
