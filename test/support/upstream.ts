/**
 * The reference upstream server as the tests run it: its own process on a free loopback port with its
 * own database file, test controls on, stopped and started again on the same file when a test needs
 * the server to go away mid-way.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { writeDemoSeed } from '../../scripts/demo-seed';
import { Agent, fetch } from 'undici';
import type { UpstreamStats } from '../../src/upstream/server';

const ROOT = join(import.meta.dirname, '..', '..');

export interface RunningUpstream {
  url: string;
  tokens: Record<string, string>;
  dbPath: string;
  stats(): Promise<UpstreamStats>;
  fault(f: { mode: string; times?: number; path?: string; delayMs?: number; retryAfterSeconds?: number; after?: number; statusCode?: number }): Promise<void>;
  control(path: string, body?: unknown): Promise<unknown>;
  /** SIGTERM, waiting for the exit. */
  stop(): Promise<void>;
  /** SIGKILL: the server is gone at once, mid-answer. */
  kill(): Promise<void>;
}

export interface UpstreamStart {
  dbPath?: string;
  port?: number;
  bulk?: number;
  /** A bare list the server signs, or an envelope it serves as it is. */
  trustListPath?: string;
  /** The PEM key the server signs its lists with (the demo root's by default). */
  trustRootKeyPath?: string;
  /** The lists served bare, unsigned. */
  unsignedLists?: boolean;
  /** The DEMO office's cases, a JSON array of Cases (the app's demo office's by default). */
  casesPath?: string;
  /** HTTPS with this certificate and key; the tests' own calls trust `ca`. */
  tls?: { certFile: string; keyFile: string; ca: string };
}

export async function startUpstream(opts: UpstreamStart = {}): Promise<RunningUpstream> {
  const dbPath = opts.dbPath ?? join(mkdtempSync(join(tmpdir(), 'acw-up-')), 'upstream.db');
  // The server imports nothing of the app: the demo office's cases reach it as data, in the contract's form.
  const casesPath = opts.casesPath ?? writeDemoSeed(dirname(dbPath));
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'src/upstream/index.ts'), '--port', String(opts.port ?? 0), '--db', dbPath, '--cases', casesPath, '--bulk', String(opts.bulk ?? 0), '--test-controls',
      ...(opts.trustListPath ? ['--trust-list', opts.trustListPath] : []),
      ...(opts.trustRootKeyPath ? ['--trust-root-key', opts.trustRootKeyPath] : []),
      ...(opts.unsignedLists ? ['--unsigned-lists'] : []),
      ...(opts.tls ? ['--tls-cert', opts.tls.certFile, '--tls-key', opts.tls.keyFile] : []),
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += String(d)));
  const { url, tokens } = await new Promise<{ url: string; tokens: Record<string, string> }>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += String(d);
      const url = /listening on (https?:\/\/\S+)/.exec(out)?.[1];
      const tokens = Object.fromEntries([...out.matchAll(/^TOKEN (\S+) (\S+)$/gm)].map((m) => [m[1], m[2]]));
      if (url && Object.keys(tokens).length === 6) resolve({ url, tokens });
    });
    child.once('exit', (code) => reject(new Error(`upstream exited with ${code}: ${stderr}`)));
  });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const dispatcher = opts.tls ? new Agent({ connect: { ca: opts.tls.ca } }) : undefined;
  const post = async (path: string, body?: unknown) => (await fetch(`${url}${path}`, { method: 'POST', body: JSON.stringify(body ?? {}), dispatcher })).json();
  return {
    url,
    tokens,
    dbPath,
    stats: async () => (await (await fetch(`${url}/_test/stats`, { dispatcher })).json()) as UpstreamStats,
    fault: async (f) => void (await post('/_test/faults', f)),
    control: post,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
    kill: async () => {
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}
