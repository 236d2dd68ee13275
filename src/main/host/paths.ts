import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/**
 * The project's root as seen from a built file (out/main/*.js) or a source file run by tsx
 * (src/main/**): the first folder upwards that holds resources/demo.
 */
export function findAppRoot(from: string): string {
  let dir = resolve(from);
  for (;;) {
    if (existsSync(join(dir, 'resources', 'demo', 'trust-list.json'))) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error(`resources/demo not found above ${from}`);
    dir = up;
  }
}

/** Where the web host keeps its store and key file unless told otherwise (per-user, survives restarts). */
export function defaultDataDir(): string {
  if (process.env.ACW_DATA_DIR) return process.env.ACW_DATA_DIR;
  if (process.platform === 'win32' && process.env.APPDATA) return join(process.env.APPDATA, 'acceptance-window');
  return join(process.env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'acceptance-window');
}
