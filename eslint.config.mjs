// Lint: typescript-eslint recommended, plus the architecture rule that keeps the core pure.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['dist/**', 'media/webview/**', 'out/**', 'node_modules/**', 'test/host/node_modules/**', 'data/**', '*.vsix', 'test/artifacts/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-constant-condition': ['error', { checkLoops: false }],
      eqeqeq: ['error', 'always'],
      curly: 'error',
    },
  },
  {
    // src/core is the one engine the CLI, the extension, the benchmark and the tests share:
    // no VS Code API and no file system in it.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'vscode', message: 'src/core must stay pure: the VS Code API belongs in src/extension.' },
            { name: 'fs', message: 'src/core must stay pure: file access belongs in src/node (or the front ends).' },
            { name: 'fs/promises', message: 'src/core must stay pure: file access belongs in src/node.' },
            { name: 'child_process', message: 'src/core must stay pure.' },
            { name: 'node:fs', message: 'src/core must stay pure: file access belongs in src/node (or the front ends).' },
            { name: 'node:fs/promises', message: 'src/core must stay pure: file access belongs in src/node.' },
            { name: 'node:child_process', message: 'src/core must stay pure.' },
          ],
          patterns: [{ group: ['**/extension/**', '**/cli/**', '**/node/**', '**/webview/**'], message: 'src/core may not depend on the layers above it.' }],
        },
      ],
      // require() would slip past no-restricted-imports.
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.name='require'][arguments.0.value=/^(vscode|(node:)?(fs|fs\\u002Fpromises|child_process))$/]",
          message: 'src/core must stay pure: no vscode, fs or child_process, not even through require().',
        },
      ],
    },
  },
  {
    files: ['src/cli/**/*.ts', 'src/node/**/*.ts', 'src/webview/**/*.ts', 'src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'Only src/extension and the integration tests may use the VS Code API.' }] }],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    languageOptions: { globals: { require: 'readonly', module: 'writable', process: 'readonly', console: 'readonly', __dirname: 'readonly', Buffer: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', URL: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
