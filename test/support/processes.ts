/** Child processes the core's tests need, started here so the core's own folder starts none. */
import { spawn } from 'node:child_process';
import { join } from 'node:path';

/**
 * Runs sign-and-die.ts on the store: it signs one record off and is killed the moment the record is
 * committed. Resolves with the signal that ended it and what it wrote.
 */
export async function signAndDie(dbPath: string, keyHex: string, auditKeyHex: string): Promise<{ signal: NodeJS.Signals | null; out: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'sign-and-die.ts'), dbPath, keyHex, auditKeyHex], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d) => (out += String(d)));
  const signal = await new Promise<NodeJS.Signals | null>((r) => child.once('exit', (_code, sig) => r(sig)));
  return { signal, out };
}
