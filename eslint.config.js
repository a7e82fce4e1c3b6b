import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const tfjs = ['@tensorflow/*'];
const react = ['react', 'react-dom', 'react/*', 'react-dom/*', '@xyflow/*', 'zustand', 'zustand/*'];
const restrict = (patterns, options = {}) => ({
  'no-restricted-imports': [
    'error',
    { patterns: patterns.map((p) => ({ group: [p.group].flat(), message: p.message, ...options, ...p.options })) },
  ],
});

export default tseslint.config(
  { ignores: ['dist', 'dist-cli', 'dist-e2e', 'node_modules'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  { files: ['src/ui/**'], ...reactHooks.configs.flat.recommended },
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', ignoreRestSiblings: true }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  // The layering of DESIGN.md: graph ← ops ← runtime ← store ← ui; layout sits on graph, beside ops.
  {
    files: ['src/graph/**'],
    rules: restrict([
      { group: tfjs, message: 'src/graph is pure: no tfjs.' },
      { group: react, message: 'src/graph is pure: no React.' },
      {
        group: ['**/ops/**', '**/runtime/**', '**/io/**', '**/store/**', '**/ui/**'],
        message: 'src/graph is the bottom layer.',
      },
    ]),
  },
  {
    files: ['src/ops/**'],
    rules: restrict([
      {
        group: tfjs,
        message: 'Ops take `tf` as an argument: only `import type` from tfjs.',
        options: { allowTypeImports: true },
      },
      { group: react, message: 'Nothing below src/ui imports React.' },
      { group: ['**/runtime/**', '**/io/**', '**/store/**', '**/ui/**'], message: 'src/ops sits on src/graph only.' },
    ]),
  },
  {
    files: ['src/layout/**'],
    rules: restrict([
      { group: tfjs, message: 'src/layout is pure: no tfjs.' },
      { group: react, message: 'Nothing below src/ui imports React.' },
      {
        group: ['**/ops/**', '**/runtime/**', '**/io/**', '**/store/**', '**/ui/**'],
        message: 'src/layout sits on src/graph only: it takes node boxes, not ops.',
      },
    ]),
  },
  {
    files: ['src/runtime/**', 'src/io/**', 'src/cli/**'],
    rules: restrict([
      { group: react, message: 'Nothing below src/ui imports React.' },
      { group: ['**/store/**', '**/ui/**'], message: 'The runtime knows nothing of the store or the UI.' },
    ]),
  },
  {
    files: ['src/store/**'],
    rules: restrict([
      {
        group: ['react', 'react-dom', 'react/*', 'react-dom/*', '@xyflow/*'],
        message: 'Stores are vanilla: no React.',
      },
      { group: ['**/ui/**'], message: 'The store knows nothing of the UI.' },
    ]),
  },
  {
    files: ['src/ui/**'],
    rules: restrict([{ group: tfjs, message: 'The UI never computes tensors.' }]),
  },
);
