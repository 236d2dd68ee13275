/**
 * The web host's resident memory once started and idle: `node out/main/web.js` on a fresh store
 * (the demo office created), one browser-like WebSocket session signed in, then idle. Linux only
 * (reads /proc). Run with `npm run bench -- memory`.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { startHost } from '../support/web-host';

const ROOT = join(import.meta.dirname, '..', '..');

function rssMiB(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function oneRun(): Promise<{ started: number; idle: number }> {
  const host = await startHost();
  try {
    const started = rssMiB(host.pid);
    const res = await fetch(host.launchUrl, { redirect: 'manual' });
    const cookie = res.headers.get('set-cookie')!.split(';')[0];
    const ws = new WebSocket(`${host.origin.replace('http', 'ws')}/api`, { headers: { cookie, origin: host.origin } });
    await new Promise((r) => ws.once('open', r));
    ws.send(JSON.stringify({ id: 1, method: 'session.signIn', params: { username: 'clerk', password: 'clerk-demo' } }));
    await new Promise((r) => ws.once('message', r));
    ws.send(JSON.stringify({ id: 2, method: 'cases.search', params: { query: 'smith' } }));
    await new Promise((r) => ws.once('message', r));
    await sleep(5000);
    const idle = rssMiB(host.pid);
    ws.close();
    return { started, idle };
  } finally {
    await host.stop();
    rmSync(host.dataDir, { recursive: true, force: true });
  }
}

export async function benchWebMemory(): Promise<void> {
  if (process.platform !== 'linux') {
    console.log('memory: skipped (reads /proc; Linux only)');
    return;
  }
  // Always the current code: a stale build would measure something else.
  execFileSync(process.execPath, [join(ROOT, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], { cwd: ROOT, stdio: 'ignore' });
  const runs = [];
  for (let i = 0; i < 3; i++) runs.push(await oneRun());
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  console.log(
    `memory: web host resident memory, median of ${runs.length} starts: ${median(runs.map((r) => r.started)).toFixed(1)} MiB once started, ` +
      `${median(runs.map((r) => r.idle)).toFixed(1)} MiB idle after a signed-in session (target: under 250 MB); ` +
      `machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`,
  );
}
