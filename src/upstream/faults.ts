/**
 * Faults the reference server can be told to inject (only when started with `--test-controls`), so
 * tests can check that the app lives with what the contract says it must: a refused or reset
 * connection, a slow answer, 503 with Retry-After, a 500, malformed JSON, a body cut off mid-way, and
 * 410 for a cursor, and any other HTTP status (`status`, with its `statusCode`). Each fault applies to the next `times` requests whose path contains `path`,
 * after letting `after` of them through (to strike in the middle of a pull).
 */
export type FaultMode = 'refuse' | 'delay' | '503' | '500' | 'malformed' | 'cut' | 'stale-cursor' | 'status';
export const FAULT_MODES: readonly FaultMode[] = ['refuse', 'delay', '503', '500', 'malformed', 'cut', 'stale-cursor', 'status'];

export interface Fault {
  mode: FaultMode;
  times: number;
  path: string;
  delayMs: number;
  retryAfterSeconds: number;
  after: number;
  statusCode: number;
}

export function createFaults() {
  let queue: Fault[] = [];
  return {
    add(f: Partial<Fault> & { mode: FaultMode }) {
      queue.push({ times: 1, path: '/v1/', delayMs: 2000, retryAfterSeconds: 1, after: 0, statusCode: 400, ...f });
    },
    clear() {
      queue = [];
    },
    /** The fault for this request, used up by one. */
    take(path: string): Fault | null {
      const f = queue.find((q) => q.times > 0 && path.includes(q.path));
      if (!f) return null;
      if (f.after > 0) {
        f.after--;
        return null;
      }
      f.times--;
      queue = queue.filter((q) => q.times > 0);
      return f;
    },
  };
}
