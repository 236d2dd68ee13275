import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLogger } from '../core/log/logger';
import { readTrustRoots, type TrustRoot } from '../core/trust/signed-list';

const log = createLogger('trust-roots');

/**
 * Where this installation's trust roots are pinned (permit-qr.md §3a), first found wins: the
 * system-wide file an office's IT places at installation (`/etc/acceptance-window/trust-roots.json`,
 * `%ProgramData%\acceptance-window\trust-roots.json`), which a user of the counter PC cannot write,
 * then the file shipped in resources (the demo root). Never the network, never the store.
 */
export function trustRootFiles(appRoot: string): string[] {
  const system =
    process.platform === 'win32'
      ? join(process.env.ProgramData ?? 'C:\\ProgramData', 'acceptance-window', 'trust-roots.json')
      : join('/etc', 'acceptance-window', 'trust-roots.json');
  return [system, join(appRoot, 'resources', 'trust-roots.json')];
}

/**
 * The pinned roots. A file that cannot be read or holds no usable root leaves the app with none: every
 * list it receives is then refused and the list in force stays, which the trust status says; the app
 * still starts, so the counter can verify against the list it has.
 */
export function loadTrustRoots(appRoot: string, files = trustRootFiles(appRoot)): { roots: TrustRoot[]; file: string | null } {
  const file = files.find((f) => existsSync(f)) ?? null;
  if (!file) {
    log.error('no trust roots file', { tried: files.join(', ') });
    return { roots: [], file: null };
  }
  try {
    const { roots, leftOut } = readTrustRoots(JSON.parse(readFileSync(file, 'utf8')));
    for (const l of leftOut) log.warn('trust root left out', { file, index: l.index, detail: l.detail });
    if (roots.some((r) => r.demo)) log.warn('the demo trust root is pinned', { file });
    return { roots, file };
  } catch (err) {
    log.error('trust roots unusable', { file, error: (err as Error).message });
    return { roots: [], file };
  }
}
