/**
 * The web host as a user runs it (`node out/main/web.js`), on a free port with its own store, for the
 * end-to-end tests and the benchmarks: the URL it prints, and a stop that waits for it to exit.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');

export interface RunningHost {
  /** The URL with the per-launch secret, as printed. */
  launchUrl: string;
  origin: string;
  /** The applicant display's address for a tablet, as printed, when `--display-port` was given. */
  displayUrls: string[];
  dataDir: string;
  pid: number;
  stop(): Promise<void>;
}

/** `env` adds to the host's environment (a private Secret Service's session bus, say); `args` to its command line. */
export async function startHost(dataDir = mkdtempSync(join(tmpdir(), 'acw-host-')), env: Record<string, string> = {}, args: string[] = []): Promise<RunningHost> {
  const child: ChildProcess = spawn(process.execPath, [join(ROOT, 'out/main/web.js'), '--port', '0', '--data', dataDir, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += String(d)));
  const withDisplay = args.includes('--display-port');
  const [launchUrl, displayUrls] = await new Promise<[string, string[]]>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += String(d);
      const m = /open (http:\/\/\S+)/.exec(out);
      const display = /Applicant display for a tablet: (.+)\n/.exec(out);
      if (m && (!withDisplay || display)) resolve([m[1], display ? display[1].trim().split(' ') : []]);
    });
    child.once('exit', (code) => reject(new Error(`web host exited with ${code}: ${stderr}`)));
  });
  return {
    launchUrl,
    displayUrls,
    origin: new URL(launchUrl).origin,
    dataDir,
    pid: child.pid!,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
