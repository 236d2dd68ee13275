import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newRoot } from '../../../test/support/trust-roots';
import { findAppRoot } from './paths';
import { loadTrustRoots, trustRootFiles } from './trust-roots';

const ROOT = findAppRoot(import.meta.dirname);
const dir = mkdtempSync(join(tmpdir(), 'acw-roots-'));
const write = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe('the trust roots a host pins', () => {
  it('are looked for in the system-wide file first, then in the shipped resources', () => {
    const files = trustRootFiles(ROOT);
    expect(files[0]).toMatch(process.platform === 'win32' ? /acceptance-window\\trust-roots\.json$/ : /^\/etc\/acceptance-window\/trust-roots\.json$/);
    expect(files[1]).toBe(join(ROOT, 'resources', 'trust-roots.json'));
  });

  it('the first file found wins: an office root placed at installation, not the shipped demo root', () => {
    const office = newRoot('EdDSA');
    const system = write('system.json', JSON.stringify([{ ...office.entry, name: 'Office root' }]));
    const { roots, file } = loadTrustRoots(ROOT, [join(dir, 'missing.json'), system, join(ROOT, 'resources', 'trust-roots.json')]);
    expect(file).toBe(system);
    expect(roots.map((r) => [r.kid, r.name, r.demo])).toEqual([[office.entry.kid, 'Office root', false]]);
    expect(loadTrustRoots(ROOT, [join(dir, 'missing.json'), join(ROOT, 'resources', 'trust-roots.json')]).roots[0].demo).toBe(true);
  });

  it('a file that is not JSON, or names no usable root, leaves the host with none: it starts, and takes no list', () => {
    expect(loadTrustRoots(ROOT, [write('broken.json', '[{')])).toMatchObject({ roots: [] });
    expect(loadTrustRoots(ROOT, [write('empty.json', '[]')])).toMatchObject({ roots: [] });
    expect(loadTrustRoots(ROOT, [join(dir, 'none.json')])).toEqual({ roots: [], file: null });
  });
});
