import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module script without types
import { layerViolations } from './check-layers.mjs';

type Violation = { rule: string; from: string; to: string };
const made: string[] = [];
afterEach(() => made.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A small tree under the project's own rules: each file's text as given. */
function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'acw-layers-'));
  made.push(root);
  copyFileSync(join(import.meta.dirname, '..', '.dependency-cruiser.cjs'), join(root, '.dependency-cruiser.cjs'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

// A leaf, two record owners (documents reads verification's records), and a read model above them.
const layered = {
  'src/main/core/store/meta.ts': 'export const key = 1;\n',
  'src/main/core/verification/records.ts': "import { key } from '../store/meta';\nexport const record = key;\n",
  'src/main/core/documents/decisions.ts': "import { record } from '../verification/records';\nexport const decision = record;\n",
  'src/main/core/worklists/worklist.ts': "import { decision } from '../documents/decisions';\nexport const work = decision;\n",
};
const rules = async (files: Record<string, string>) => ((await layerViolations(tree(files))) as Violation[]).map((v) => v.rule);

describe('the core layer rules (npm run lint:deps)', () => {
  it('pass a tree whose folders import only downwards', async () => {
    expect(await rules(layered)).toEqual([]);
  });

  it('find two folders that import each other, by a type import alone', async () => {
    const found = await rules({ ...layered, 'src/main/core/verification/view.ts': "import type { decision } from '../documents/decisions';\nexport type V = typeof decision;\n" });
    expect(found).toContain('no-folder-cycle');
  });

  it('find a folder cycle that goes round three folders', async () => {
    const found = await rules({
      ...layered,
      'src/main/core/cases/cases.ts': "import { decision } from '../documents/decisions';\nexport const c = decision;\n",
      'src/main/core/verification/rules.ts': "import { c } from '../cases/cases';\nexport const r = c;\n",
    });
    expect(found).toContain('no-folder-cycle');
  });

  it('find a leaf that imports a capability, and a record owner that imports a read model', async () => {
    const leaf = await rules({ ...layered, 'src/main/core/store/open.ts': "import { record } from '../verification/records';\nexport const o = record;\n" });
    expect(leaf).toContain('tier-leaves');
    const owner = await rules({ ...layered, 'src/main/core/documents/due.ts': "import { work } from '../worklists/worklist';\nexport const d = work;\n" });
    expect(owner).toContain('tier-records');
  });

  it('find a new folder that names no tier', async () => {
    expect(await rules({ ...layered, 'src/main/core/brand-new/thing.ts': "import { key } from '../store/meta';\nexport const t = key;\n" })).toContain('tier-unknown');
  });

  it('find the reference server importing the app', async () => {
    const found = await rules({ ...layered, 'src/shared/cases.ts': 'export const s = 1;\n', 'src/upstream/server.ts': "import { s } from '../shared/cases';\nexport const u = s;\n" });
    expect(found).toContain('upstream-stands-alone');
  });

  it('hold for this repository as it is', async () => {
    expect(await layerViolations(join(import.meta.dirname, '..'))).toEqual([]);
  });
});
