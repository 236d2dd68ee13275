/**
 * A real pseudo-terminal pair from socat, as a serial device and its far end: `near` is opened by the
 * app, `far` by the test, the emulator or the benchmark. Killing `proc` is unplugging the device.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export interface PtyPair {
  near: string;
  far: string;
  proc: ChildProcess;
}

export async function socatPair(dir: string, names: [string, string] = ['near', 'far']): Promise<PtyPair> {
  const near = join(dir, names[0]);
  const far = join(dir, names[1]);
  const proc = spawn('socat', [`pty,raw,echo=0,link=${near}`, `pty,raw,echo=0,link=${far}`], { stdio: 'ignore' });
  const end = Date.now() + 5000;
  while (!existsSync(near) || !existsSync(far)) {
    if (Date.now() > end) throw new Error('socat did not make the pseudo-terminals (is the Debian package socat installed?)');
    await new Promise((r) => setTimeout(r, 20));
  }
  return { near, far, proc };
}
