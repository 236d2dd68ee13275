import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // Shared types cross every host, so they may not depend on one.
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['node:*', 'electron', 'react', 'react-dom', 'better-sqlite3*'] }],
    },
  },
  {
    // The core runs unchanged in the web host and in Electron.
    files: ['src/main/core/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['electron', 'react', 'react-dom'] }] },
  },
);
