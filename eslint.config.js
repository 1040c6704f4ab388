import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // build.mjs hands these built-ins to the bundles as plain modules (no
    // esbuild interop copy), which only a default import can use.
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "ImportDeclaration[source.value=/^node:(fs|path|os)$/] > :matches(ImportSpecifier, ImportNamespaceSpecifier)",
          message: "import node:fs, node:path and node:os by default import only (`import fs from 'node:fs'`): see plainBuiltins in build.mjs",
        },
      ],
    },
  },
);
