/**
 * The real PC/SC daemon for the card tests: started here (as the tests' user, which must be root on
 * CI) when it is not already running, with vsmartcard's vpcd driver giving two virtual readers.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';

const SOCKET = '/run/pcscd/pcscd.comm';
let started: ChildProcess | null = null;

function running(): boolean {
  try {
    execFileSync('pgrep', ['-x', 'pcscd'], { stdio: 'ignore' });
    return existsSync(SOCKET);
  } catch {
    return false;
  }
}

export async function startPcscd(): Promise<void> {
  if (running()) return;
  if (!existsSync('/usr/sbin/pcscd')) throw new Error('pcscd is not installed: install the Debian packages pcscd and vsmartcard-vpcd');
  started = spawn('/usr/sbin/pcscd', ['-f'], { stdio: 'ignore', detached: false });
  // Whatever happens to the test, a daemon it started does not outlive it.
  const child = started;
  process.once('exit', () => child.exitCode === null && child.kill('SIGKILL'));
  const end = Date.now() + 5000;
  while (!existsSync(SOCKET)) {
    if (Date.now() > end) throw new Error('pcscd did not start');
    await new Promise((r) => setTimeout(r, 50));
  }
  await new Promise((r) => setTimeout(r, 300));
}

export async function stopPcscd(): Promise<void> {
  if (started && started.exitCode === null) {
    const done = new Promise((r) => started!.once('exit', r));
    started.kill('SIGTERM');
    await done;
  } else if (running()) {
    execFileSync('pkill', ['-x', 'pcscd']);
    const end = Date.now() + 5000;
    while (running() && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
  }
  started = null;
}

/** Stops the daemon if this process started it (a test's afterAll); one the machine was running is left alone. */
export async function releasePcscd(): Promise<void> {
  if (started) await stopPcscd();
}
