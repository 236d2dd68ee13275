import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';

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
    // Shared libraries run in the renderer's worker and in Node alike.
    files: ['src/lib/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['node:*', 'electron', 'react', 'react-dom', 'better-sqlite3*'] }] },
  },
  {
    // The reference server is the other side of the contract, written from upstream-api.md: it shares
    // no schema, type or helper with the app, or the sync tests would agree with a misreading by construction.
    files: ['src/upstream/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/main/**', '**/shared/**', '**/lib/**', '**/renderer/**', '**/scripts/**'], message: 'src/upstream imports nothing of the app: write it from the spec.' }] }],
    },
  },
  {
    // Plain scripts run in Node.
    files: ['scripts/**/*.mjs'],
    languageOptions: { globals: globals.node },
  },
  {
    // The dependency-cruiser configuration is CommonJS (its loader requires it).
    files: ['**/*.cjs'],
    languageOptions: { globals: globals.node, sourceType: 'commonjs' },
  },
  {
    // Playwright reads a fixture's dependencies from its destructured first argument, even when empty.
    files: ['test/e2e/**/*.ts'],
    rules: { 'no-empty-pattern': 'off' },
  },
  {
    // Hooks called in order, and effects that name what they read: a missing dependency is a stale
    // value shown to the clerk. (The React Compiler's stricter rules are for the renderer's redesign.)
    files: ['src/renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    // The renderer is a sandboxed page: it reaches the core only through the typed API client.
    files: ['src/renderer/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['node:*', 'electron', 'better-sqlite3*', '**/main/**'] }] },
  },
  {
    // The core runs unchanged in the web host and in Electron, and reaches devices, printers and
    // processes only through the ports the host hands it (the adapters live in src/main/platform).
    files: ['src/main/core/**/*.ts'],
    ignores: ['src/main/core/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: ['electron', 'react', 'react-dom', 'serialport', '@serialport/*', 'node-hid', '@pokusew/pcsclite', 'pcsclite', 'pdf-to-printer', 'ipp', '**/platform/**'],
          paths: [
            { name: 'node:child_process', message: 'The core starts no process: a platform adapter does, behind a port.' },
            { name: 'child_process', message: 'The core starts no process: a platform adapter does, behind a port.' },
          ],
        },
      ],
    },
  },
  {
    // Tests of the core may use the platform's adapters (and the real stacks behind them); still no
    // Electron, and the processes they need are started by helpers in test/support.
    files: ['src/main/core/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: ['electron', 'react', 'react-dom'],
          paths: [
            { name: 'node:child_process', message: 'Start the process from a helper in test/support.' },
            { name: 'child_process', message: 'Start the process from a helper in test/support.' },
          ],
        },
      ],
    },
  },
);
