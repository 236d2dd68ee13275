/**
 * A real Secret Service for a test: a private D-Bus session bus (dbus-daemon) with GNOME Keyring's
 * daemon on it, its login keyring unlocked, its files in a folder of its own. The bus address is what
 * a desktop session would put in DBUS_SESSION_BUS_ADDRESS.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RunningSecretService {
  address: string;
  env: Record<string, string>;
  stop(): Promise<void>;
}

const exited = (c: ChildProcess) => new Promise<void>((r) => (c.exitCode !== null || c.signalCode !== null ? r() : c.once('exit', () => r())));

export async function startSecretService(): Promise<RunningSecretService> {
  const home = mkdtempSync(join(tmpdir(), 'acw-secrets-'));
  const runtime = join(home, 'run');
  mkdirSync(runtime, { mode: 0o700 });
  const bus = spawn('dbus-daemon', ['--session', '--nofork', '--nopidfile', '--print-address=1'], { stdio: ['ignore', 'pipe', 'ignore'] });
  const address = await new Promise<string>((resolve, reject) => {
    let out = '';
    bus.stdout!.on('data', (d) => {
      out += String(d);
      if (out.includes('\n')) resolve(out.split('\n')[0].trim());
    });
    bus.once('exit', (code) => reject(new Error(`dbus-daemon exited with ${code}`)));
  });
  const env = { DBUS_SESSION_BUS_ADDRESS: address, XDG_RUNTIME_DIR: runtime, XDG_DATA_HOME: join(home, 'data'), HOME: home };
  const keyring = spawn('gnome-keyring-daemon', ['--foreground', '--unlock', '--components=secrets'], { env: { ...process.env, ...env }, stdio: ['pipe', 'ignore', 'ignore'] });
  keyring.stdin!.end('test-keyring-password');
  // Ready once the daemon owns org.freedesktop.secrets on the bus.
  for (let i = 0; ; i++) {
    const owned = await new Promise<boolean>((resolve) => {
      const q = spawn('dbus-send', ['--session', '--dest=org.freedesktop.DBus', '--print-reply', '/org/freedesktop/DBus', 'org.freedesktop.DBus.NameHasOwner', 'string:org.freedesktop.secrets'], {
        env: { ...process.env, ...env },
        stdio: ['ignore', 'pipe', 'ignore'],
      });
      let out = '';
      q.stdout!.on('data', (d) => (out += String(d)));
      q.once('exit', () => resolve(/boolean true/.test(out)));
    });
    if (owned) break;
    if (i > 100 || keyring.exitCode !== null) throw new Error('gnome-keyring-daemon did not come up on the private bus');
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    address,
    env,
    stop: async () => {
      keyring.kill('SIGTERM');
      bus.kill('SIGTERM');
      await Promise.all([exited(keyring), exited(bus)]);
    },
  };
}
