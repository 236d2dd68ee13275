import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import en from '../../../renderer/src/i18n/en.json';
import zh from '../../../renderer/src/i18n/zh-CN.json';
import { AUDIT_ACTIONS, auditActionKey } from '../../../shared/audit-actions';

const lookup = (messages: unknown, key: string) => key.split('.').reduce<unknown>((m, k) => (m as Record<string, unknown> | undefined)?.[k], messages);

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.ts$/.test(name) && !/\.test\.ts$/.test(name) ? [path] : [];
  });
}

describe('audit actions in words', () => {
  it('names every listed action in both languages', () => {
    for (const code of AUDIT_ACTIONS) {
      expect(lookup(en, auditActionKey(code)), `en ${code}`).toEqual(expect.any(String));
      expect(lookup(zh, auditActionKey(code)), `zh-CN ${code}`).toEqual(expect.any(String));
    }
  });

  it("lists every action the core's code writes as a literal", () => {
    // The literal codes given to appendAudit (and to its callers' `action:` fields) across the main process.
    const written = new Set<string>();
    for (const file of sources(join(__dirname, '../..'))) {
      for (const m of readFileSync(file, 'utf8').matchAll(/action: (?:[^,}\n]*\? )?'([a-z][a-z0-9.-]*)'(?: : '([a-z][a-z0-9.-]*)')?/g)) {
        for (const code of [m[1], m[2]]) if (code && code.includes('.') || code === 'signin' || code === 'signout') written.add(code);
      }
    }
    expect(written.size).toBeGreaterThan(20);
    for (const code of written) expect(AUDIT_ACTIONS, code).toContain(code);
  });
});
