import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';
import ts from 'typescript';

const tfjs = ['@tensorflow/*'];
const react = ['react', 'react-dom', 'react/*', 'react-dom/*', '@xyflow/*', 'zustand', 'zustand/*'];
const restrict = (patterns, options = {}) => ({
  'no-restricted-imports': [
    'error',
    { patterns: patterns.map((p) => ({ group: [p.group].flat(), message: p.message, ...options, ...p.options })) },
  ],
});

/**
 * `record[text]` where the key is any string and the record a plain object with a string index: a
 * node id, port or attribute name such as `constructor` then finds what Object.prototype holds,
 * and `__proto__` replaces the prototype. Such lookups go through a Map or src/graph/own.ts.
 */
const ownKeys = {
  meta: {
    type: 'problem',
    messages: {
      ownKeys:
        '{{record}}[…] by any string: a key such as "constructor" or "__proto__" reaches Object.prototype. Use a Map, or own()/setOwn() from src/graph/own.ts.',
    },
    schema: [],
  },
  create(context) {
    const services = context.sourceCode.parserServices;
    const checker = services.program.getTypeChecker();
    const typeOf = (node) => checker.getTypeAtLocation(services.esTreeNodeToTSNodeMap.get(node));
    const anyString = (type) =>
      type.isUnion()
        ? type.types.some(anyString)
        : (type.flags & (ts.TypeFlags.String | ts.TypeFlags.TemplateLiteral | ts.TypeFlags.Any)) !== 0;
    return {
      'MemberExpression[computed=true]'(node) {
        if (!anyString(typeOf(node.property))) return;
        const record = checker.getApparentType(typeOf(node.object));
        if (checker.isArrayLikeType(record) || !checker.getIndexInfoOfType(record, ts.IndexKind.String)) return;
        context.report({ node, messageId: 'ownKeys', data: { record: context.sourceCode.getText(node.object) } });
      },
    };
  },
};

export default tseslint.config(
  { ignores: ['dist', 'dist-cli', 'dist-e2e*', 'node_modules'] },
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
  // Lookups keyed by text from files and users (issue 10). Type-aware, so only where it is enforced.
  {
    files: ['src/graph/**/*.ts', 'src/io/**/*.ts', 'src/store/**/*.ts', 'src/runtime/**/*.ts', 'src/cli/**/*.ts'],
    ignores: ['src/store/autosave.ts', 'src/store/runtime-client.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { tensorloom: { rules: { 'own-keys': ownKeys } } },
    rules: {
      'tensorloom/own-keys': 'error',
      'no-restricted-syntax': [
        'error',
        {
          selector: "BinaryExpression[operator='in'][left.type!='Literal']",
          message: '`key in record` also finds what Object.prototype holds: use Object.hasOwn(record, key) or a Map.',
        },
      ],
    },
  },
);
