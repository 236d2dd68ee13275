#!/usr/bin/env node
// `npm run docs:images`: runs the end-to-end tests that take the README's pictures, writing them into
// docs/images (a normal test run writes them under test-results/images and leaves docs/ alone).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const specs = ['cases.spec.ts', 'decision.spec.ts', 'documents.spec.ts', 'permit-qr.spec.ts', 'sync.spec.ts', 'worklist.spec.ts', 'verification-steps.spec.ts', 'applicant-screen.spec.ts', 'register.spec.ts'].map((s) => join('test', 'e2e', s));
const r = spawnSync(process.execPath, [join(root, 'node_modules', '@playwright', 'test', 'cli.js'), 'test', ...specs], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, ACW_IMAGES_DIR: join(root, 'docs', 'images') },
});
process.exit(r.status ?? 1);
