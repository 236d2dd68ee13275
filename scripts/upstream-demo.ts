/**
 * `npm run upstream -- [options]`: the reference upstream server seeded with the app's demo office's
 * cases (written to a file beside its database), with the options given passed on as they are.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeDemoSeed } from './demo-seed';

const args = process.argv.slice(2);
const cases = args.includes('--cases') ? [] : ['--cases', writeDemoSeed(mkdtempSync(join(tmpdir(), 'acw-upstream-seed-')))];
const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, '..', 'src', 'upstream', 'index.ts'), ...cases, ...args], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 1));
