import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSecretService, type RunningSecretService } from '../../../../test/support/secret-service';
import { createCore } from '../../core/api/core';
import { openDemoTestStore } from '../../core/store/test-store';
import { loadOrCreateStoreKey, openSecrets, StoreKeyMissingError } from './index';
import { openOsKeyStore } from './os-key-store';
import { openElectronSecrets, type SafeStorageLike } from './safe-storage';

const folder = () => mkdtempSync(join(tmpdir(), 'acw-secrets-data-'));
const KEY_HEX = 'ab'.repeat(32);

describe('secrets with a real Secret Service (a private session bus with GNOME Keyring)', () => {
  let service: RunningSecretService;
  const saved = process.env.DBUS_SESSION_BUS_ADDRESS;
  beforeAll(async () => {
    service = await startSecretService();
    process.env.DBUS_SESSION_BUS_ADDRESS = service.address;
  });
  afterAll(async () => {
    if (saved === undefined) delete process.env.DBUS_SESSION_BUS_ADDRESS;
    else process.env.DBUS_SESSION_BUS_ADDRESS = saved;
    await service?.stop();
  });

  it('keeps the secrets in the key ring, nothing in the data folder, and gives them back after a restart', () => {
    const dir = folder();
    const secrets = openSecrets(dir);
    expect(secrets.where).toEqual({ kind: 'os-key-store', name: 'Secret Service', fallbackReason: null });
    const key = loadOrCreateStoreKey(secrets, join(dir, 'store.db'));
    secrets.set('upstream-token', 'token-DEMO-1');
    expect(readdirSync(dir)).toEqual([]);
    const again = openSecrets(dir);
    expect(loadOrCreateStoreKey(again, join(dir, 'store.db')).equals(key)).toBe(true);
    expect(again.get('upstream-token')).toBe('token-DEMO-1');
    // Another installation's folder has entries of its own.
    expect(openSecrets(folder()).get('upstream-token')).toBeNull();
  });

  it("moves an existing installation's key file into the key ring, checked there before the file goes", () => {
    const dir = folder();
    writeFileSync(join(dir, 'store.key'), KEY_HEX, { mode: 0o600 });
    const secrets = openSecrets(dir);
    expect(secrets.get('store-key')).toBe(KEY_HEX);
    expect(existsSync(join(dir, 'store.key'))).toBe(false);
  });

  it('opened read only (the command line), it reads the key store and the files, and moves nothing', () => {
    const dir = folder();
    writeFileSync(join(dir, 'audit.key'), KEY_HEX, { mode: 0o600 });
    const reader = openSecrets(dir, { readOnly: true });
    expect(reader.where.kind).toBe('os-key-store');
    expect(reader.get('audit-key')).toBe(KEY_HEX);
    expect(existsSync(join(dir, 'audit.key'))).toBe(true);
    expect(() => reader.set('audit-key', 'x')).toThrow(/read only/);
  });

  it("the core says where its secrets are, and keeps the store's token there, moving one the store held", async () => {
    const db = await openDemoTestStore();
    db.prepare("INSERT INTO store_meta (key, value) VALUES ('sync.token', 'old-token-in-the-store')").run();
    const secrets = openSecrets(folder());
    const core = createCore({ db, version: 't', secrets });
    expect(secrets.get('upstream-token')).toBe('old-token-in-the-store');
    expect(db.prepare("SELECT COUNT(*) FROM store_meta WHERE key = 'sync.token'").pluck().get()).toBe(0);
    const admin = core.openSession();
    await core.call(admin, 'session.signIn', { username: 'admin', password: 'admin-demo' });
    expect(await core.call(admin, 'devices.health', {})).toMatchObject({ ok: true, value: { secrets: { kind: 'os-key-store', name: 'Secret Service' } } });
    await core.call(admin, 'sync.setToken', { token: 'new-token-0123' });
    expect(secrets.get('upstream-token')).toBe('new-token-0123');
    expect(JSON.stringify(db.prepare('SELECT * FROM store_meta').all())).not.toContain('new-token-0123');
  });
});

describe('with no key store', () => {
  const noBus = { osKeyStore: (dir: string) => openOsKeyStore(dir, 'linux') };
  it('falls back to 0600 files in the data folder, and says why', () => {
    const saved = process.env.DBUS_SESSION_BUS_ADDRESS;
    process.env.DBUS_SESSION_BUS_ADDRESS = 'unix:path=/nonexistent/bus';
    try {
      const dir = folder();
      const secrets = openSecrets(dir, noBus);
      expect(secrets.where).toMatchObject({ kind: 'file', name: dir, fallbackReason: expect.stringContaining('Secret Service cannot be used') });
      loadOrCreateStoreKey(secrets, join(dir, 'store.db'));
      secrets.set('audit-key', 'cd'.repeat(32));
      for (const f of ['store.key', 'audit.key']) expect(statSync(join(dir, f)).mode & 0o777).toBe(0o600);
      expect(readFileSync(join(dir, 'audit.key'), 'utf8')).toBe('cd'.repeat(32));
    } finally {
      if (saved === undefined) delete process.env.DBUS_SESSION_BUS_ADDRESS;
      else process.env.DBUS_SESSION_BUS_ADDRESS = saved;
    }
  });

  it('ACW_SECRETS=file chooses the files', () => {
    expect(openSecrets(folder(), { env: { ACW_SECRETS: 'file' } }).where).toMatchObject({ kind: 'file', fallbackReason: 'chosen by ACW_SECRETS=file' });
  });

  it('never makes a new key for a store that exists: a lost key is said, not papered over', () => {
    const dir = folder();
    writeFileSync(join(dir, 'store.db'), 'x');
    const secrets = openSecrets(dir, { env: { ACW_SECRETS: 'file' } });
    expect(() => loadOrCreateStoreKey(secrets, join(dir, 'store.db'))).toThrow(StoreKeyMissingError);
    expect(existsSync(join(dir, 'store.key'))).toBe(false);
  });
});

describe("Electron's safeStorage", () => {
  // Electron cannot run here: its safeStorage is stood in for, with the backends Chromium reports.
  const fake = (backend: string, available = true): SafeStorageLike => ({
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => backend,
    encryptString: (s) => Buffer.from(`enc:${s}`),
    decryptString: (b) => b.toString().replace(/^enc:/, ''),
  });
  const none = () => ({ port: null, reason: 'Secret Service cannot be used: no bus' }) as const;

  it('basic_text counts as no protection: the fallback files, said plainly', () => {
    const secrets = openElectronSecrets(folder(), fake('basic_text'), { platform: 'linux', osKeyStore: none });
    expect(secrets.where).toMatchObject({ kind: 'file', fallbackReason: expect.stringContaining('basic_text, a fixed password that protects nothing') });
  });

  it('a real backend (gnome_libsecret, DPAPI) is used when the OS key store cannot be', () => {
    expect(openElectronSecrets(folder(), fake('gnome_libsecret'), { platform: 'linux', osKeyStore: none }).where).toEqual({ kind: 'safe-storage', name: 'gnome_libsecret', fallbackReason: null });
    expect(openElectronSecrets(folder(), fake('', true), { platform: 'win32', osKeyStore: none }).where).toMatchObject({ kind: 'safe-storage', name: 'DPAPI' });
  });

  it('a store key that safeStorage held in store.key.enc moves to the fallback file when the backend is basic_text', () => {
    const dir = folder();
    writeFileSync(join(dir, 'store.key.enc'), `enc:${KEY_HEX}`);
    const secrets = openElectronSecrets(dir, fake('basic_text'), { platform: 'linux', osKeyStore: none });
    expect(secrets.get('store-key')).toBe(KEY_HEX);
    expect(existsSync(join(dir, 'store.key.enc'))).toBe(false);
  });
});
