import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { SAMPLE_PERMIT } from '../core/permit-qr/test-signer';
import { runCli } from '../../../test/support/cli';
import { openAppStore } from '../core/boot';
import { demoCases } from '../core/demo/demo-cases';
import { loadOrCreateAuditKey, loadOrCreateStoreKey, openSecrets } from '../platform/secrets';
import { openStore } from '../core/store/store';
import { sealHeadIfMoved } from '../core/audit/head-seal';
import { createHeadFile } from '../platform/audit-head/head-file';
import { newRoot, signed } from '../../../test/support/trust-roots';
import { pageImage, random, sampleMrz } from '../../../test/support/mrz-pages';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const TRUST = join(ROOT, 'resources', 'demo', 'trust-list.json');
const cli = runCli;

describe('command line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'acw-cli-'));
  const permitFile = join(dir, 'permit.json');
  writeFileSync(permitFile, JSON.stringify(SAMPLE_PERMIT));
  const png = join(dir, 'permit.png');

  it('make-qr signs with the demo key; verify --image reads it back as VALID, and as EXPIRED after its end', async () => {
    const made = await cli('make-qr', '--permit', permitFile, '--out', png);
    expect(made.code).toBe(0);
    expect(JSON.parse(made.stdout).text).toMatch(/^WPN1:/);
    const ok = await cli('verify', '--trust-list', TRUST, '--image', png, '--at', '2026-12-20T10:00:00+08:00');
    expect(JSON.parse(ok.stdout)).toEqual({ verdict: 'VALID', permit: SAMPLE_PERMIT });
    const late = await cli('verify', '--trust-list', TRUST, '--image', png, '--at', '2027-01-06T00:00:01+08:00');
    expect(JSON.parse(late.stdout).verdict).toBe('EXPIRED');
  }, 30_000);

  it('verify --trust-list leaves out a signer of an algorithm it does not know, says so on stderr, and verifies with the rest', async () => {
    await cli('make-qr', '--permit', permitFile, '--out', png);
    const demo = JSON.parse(readFileSync(TRUST, 'utf8'));
    const withNewAlgorithm = join(dir, 'trust-new-alg.json');
    const unknown = { kid: 'AQIDBAUGBwg=', alg: 'ML-DSA-44', issuer: 'CN-440000', publicKey: Buffer.alloc(1312, 1).toString('base64'), validFrom: '2026-01-01', validTo: '2030-12-31' };
    writeFileSync(withNewAlgorithm, JSON.stringify({ ...demo, signers: [unknown, ...demo.signers] }));
    const r = await cli('verify', '--trust-list', withNewAlgorithm, '--image', png, '--at', '2026-12-20T10:00:00+08:00');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ verdict: 'VALID', permit: SAMPLE_PERMIT });
    expect(r.stderr).toContain('ML-DSA-44');
    // Only signers it cannot use: the list is refused, with the reason, as wrong usage.
    const onlyUnknown = join(dir, 'trust-only-new-alg.json');
    writeFileSync(onlyUnknown, JSON.stringify({ ...demo, signers: [unknown] }));
    const refused = await cli('verify', '--trust-list', onlyUnknown, '--text', 'WPN1:GGW');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('none of its 1 signers can be used');
  }, 30_000);

  it('verify --trust-list takes an envelope checked against --trust-root (either algorithm), and exits 2 with the reason when it does not verify', async () => {
    await cli('make-qr', '--permit', permitFile, '--out', png);
    const demo = JSON.parse(readFileSync(TRUST, 'utf8'));
    const roots = join(ROOT, 'resources', 'trust-roots.json');
    const file = (name: string, content: unknown) => {
      const path = join(dir, name);
      writeFileSync(path, JSON.stringify(content));
      return path;
    };
    const at = ['--image', png, '--at', '2026-12-20T10:00:00+08:00'];
    const envelope = signed(demo);
    expect(JSON.parse((await cli('verify', '--trust-list', file('signed.json', envelope), '--trust-root', roots, ...at)).stdout)).toEqual({ verdict: 'VALID', permit: SAMPLE_PERMIT });
    // An office whose root is Ed25519, with the revocations signed too.
    const ed = newRoot('EdDSA');
    const edRoots = file('ed-roots.json', [ed.entry]);
    const revoked = file('revoked.json', signed({ version: 2, revoked: [SAMPLE_PERMIT.pn] }, ed.privateKey));
    const r = await cli('verify', '--trust-list', file('ed-signed.json', signed(demo, ed.privateKey)), '--trust-root', edRoots, '--revocations', revoked, ...at);
    expect(JSON.parse(r.stdout).verdict).toBe('REVOKED');
    const tampered = { ...envelope, payload: Buffer.from(JSON.stringify({ ...demo, version: 9 })).toString('base64') };
    for (const [name, list, rootsFile, said] of [
      ['another root', signed(demo, newRoot().privateKey), roots, 'unknown-root'],
      ['tampered', tampered, roots, 'bad-signature'],
      ['an envelope and no root', envelope, null, '--trust-root'],
      ['the wrong roots', envelope, edRoots, 'unknown-root'],
    ] as const) {
      const out = await cli('verify', '--trust-list', file('refused.json', list), ...(rootsFile ? ['--trust-root', rootsFile] : []), '--text', 'WPN1:GGW');
      expect([name, out.code, out.stdout]).toEqual([name, 2, '']);
      expect(out.stderr).toContain(said);
    }
    // A bare list is the operator's word, with or without roots; stderr says it was not signed.
    const bare = await cli('verify', '--trust-list', TRUST, '--trust-root', roots, ...at);
    expect(JSON.parse(bare.stdout).verdict).toBe('VALID');
    expect(bare.stderr).toContain('not signed');
  }, 60_000);

  it('verify --text prints only the fields that apply and exits 0 whatever the verdict', async () => {
    expect(JSON.parse((await cli('verify', '--trust-list', TRUST, '--text', 'WPN1:GGW')).stdout)).toEqual({ verdict: 'MALFORMED', stage: 'base45' });
    expect(JSON.parse((await cli('verify', '--trust-list', TRUST, '--text', '110108202600001000')).stdout)).toEqual({
      verdict: 'REFERENCE',
      reference: '110108202600001000',
    });
  }, 30_000);

  it('scan prints one line per image, null where there is no QR code', async () => {
    const blank = new PNG({ width: 40, height: 40 });
    blank.data.fill(255);
    const blankFile = join(dir, 'blank.png');
    writeFileSync(blankFile, PNG.sync.write(blank));
    const r = await cli('scan', png, blankFile);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ file: png, text: expect.stringMatching(/^WPN1:/), ms: expect.any(Number) });
    expect(lines[1]).toMatchObject({ file: blankFile, text: null });
  }, 30_000);

  it('mrz read prints the zone read from a JPEG or PNG page as its last line, no-mrz for a page without one, and exits 0', async () => {
    const sample = sampleMrz(random(404), 'MRV-A');
    const jpeg = join(dir, 'visa.jpg');
    writeFileSync(jpeg, await pageImage(sample, { kind: 'camera', seed: 404 }));
    const read = await cli('mrz', 'read', jpeg);
    expect(read.code).toBe(0);
    const verdict = JSON.parse(read.stdout.trim().split('\n').at(-1)!);
    expect(verdict).toMatchObject({ ok: true, format: 'MRV-A', lines: sample.lines, problems: [] });
    expect(Object.keys(verdict.fields).sort()).toEqual(['birthDate', 'documentCode', 'documentNumber', 'expiryDate', 'givenNames', 'issuingState', 'nationality', 'optionalData', 'sex', 'surname']);
    const blank = join(dir, 'blank.png');
    await sharp({ create: { width: 800, height: 600, channels: 3, background: '#fff' } }).png().toFile(blank);
    const none = await cli('mrz', 'read', blank);
    expect([none.code, JSON.parse(none.stdout)]).toEqual([0, { ok: false, format: null, lines: [], fields: null, problems: ['no-mrz'] }]);
    expect((await cli('mrz', 'read')).code).toBe(2);
    expect((await cli('mrz', 'read', join(dir, 'absent.jpg'))).code).toBe(2);
  }, 30_000);

  it('check mrz, uscc and photo print {ok, problems} and exit 0 whatever the result', async () => {
    const l1 = 'P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<';
    const ok = await cli('check', 'mrz', l1, 'L898902C36UTO7408122F1204159ZE184226B<<<<<10');
    expect(ok).toMatchObject({ code: 0 });
    expect(JSON.parse(ok.stdout)).toEqual({ ok: true, problems: [] });
    const bad = await cli('check', 'mrz', l1, 'L898902C37UTO7408122F1204159ZE184226B<<<<<10');
    expect(JSON.parse(bad.stdout)).toEqual({ ok: false, problems: ['check-digit:document-number', 'check-digit:composite'] });
    expect(JSON.parse((await cli('check', 'uscc', '91110108MA01TPQX65')).stdout)).toEqual({ ok: true, problems: [] });
    expect(JSON.parse((await cli('check', 'uscc', '91110108MA01TPQX66')).stdout)).toEqual({ ok: false, problems: ['check-character'] });
    expect(JSON.parse((await cli('check', 'photo', png)).stdout)).toEqual({ ok: false, problems: ['not-jpeg'] });
    // A JPEG cut off in the middle of its picture is a photo problem: exit 0, no stack trace.
    const jpeg = await sharp({ create: { width: 390, height: 520, channels: 3, background: '#fafafa' } }).jpeg({ quality: 100 }).toBuffer();
    const truncated = join(dir, 'truncated.jpg');
    writeFileSync(truncated, jpeg.subarray(0, Math.floor(jpeg.length * 0.6)));
    const cut = await cli('check', 'photo', truncated);
    expect(cut).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(cut.stdout)).toEqual({ ok: false, problems: ['file-too-small', 'damaged'] });
  }, 30_000);

  it('audit verify names the first altered entry in a web host store, and exits 1', async () => {
    const data = mkdtempSync(join(tmpdir(), 'acw-audit-'));
    const secrets = openSecrets(data);
    const db = await openAppStore({ dbPath: join(data, 'store.db'), key: loadOrCreateStoreKey(secrets, join(data, 'store.db')), auditKey: loadOrCreateAuditKey(secrets), resourcesDir: join(ROOT, 'resources') });
    // As the web host does after each call: the head sealed in its file apart from the store.
    sealHeadIfMoved(db, createHeadFile(join(data, 'audit-head.json')));
    db.close();
    expect(await cli('audit', 'verify', '--data', data)).toMatchObject({ code: 0 });
    const tamper = (sql: string) => {
      const t = openStore(join(data, 'store.db'), loadOrCreateStoreKey(openSecrets(data), join(data, 'store.db')));
      // Someone with the key and a SQLite shell: the append-only triggers are dropped first.
      t.exec('DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete;');
      t.exec(sql);
      t.close();
    };
    // The last entry deleted: shorter than the sealed head; put back as it was, intact again.
    const t = openStore(join(data, 'store.db'), loadOrCreateStoreKey(openSecrets(data), join(data, 'store.db')));
    const last = t.prepare('SELECT * FROM audit_log ORDER BY seq DESC LIMIT 1').get() as Record<string, unknown>;
    t.close();
    tamper(`DELETE FROM audit_log WHERE seq = ${last.seq}`);
    const cut = await cli('audit', 'verify', '--data', data);
    expect([cut.code, JSON.parse(cut.stdout).firstBroken]).toEqual([1, { seq: last.seq, problem: 'cut', against: 'sealed-head' }]);
    const back = openStore(join(data, 'store.db'), loadOrCreateStoreKey(openSecrets(data), join(data, 'store.db')));
    back.prepare(`INSERT INTO audit_log (${Object.keys(last).join(', ')}) VALUES (${Object.keys(last).map(() => '?').join(', ')})`).run(...Object.values(last));
    back.close();
    expect(await cli('audit', 'verify', '--data', data)).toMatchObject({ code: 0 });
    tamper("UPDATE audit_log SET actor = 'mallory' WHERE seq = 3");
    const altered = await cli('audit', 'verify', '--data', data);
    expect(altered.code).toBe(1);
    expect(JSON.parse(altered.stdout)).toMatchObject({ intact: false, firstBroken: { seq: 3, problem: 'altered' } });
  }, 30_000);

  it('workdays add and count across Spring Festival 2026 and into 2027, whose schedule a file can give', async () => {
    expect(JSON.parse((await cli('workdays', 'add', '2026-02-13', '2')).stdout)).toEqual({ date: '2026-02-24', scheduleKnown: true });
    expect(JSON.parse((await cli('workdays', 'count', '2026-02-13', '2026-02-28')).stdout)).toEqual({ workdays: 6, scheduleKnown: true });
    expect(JSON.parse((await cli('workdays', 'add', '2026-12-31', '1')).stdout)).toEqual({ date: '2027-01-01', scheduleKnown: false });
    const schedule = join(dir, 'calendar-2027.json');
    writeFileSync(schedule, JSON.stringify({ year: 2027, holidays: ['2027-01-01'], workdays: [] }));
    expect(JSON.parse((await cli('workdays', 'add', '2026-12-31', '1', '--schedule', schedule)).stdout)).toEqual({ date: '2027-01-04', scheduleKnown: true });
    for (const args of [['workdays', 'add', '2026-02-30', '1'], ['workdays', 'add', '2026-02-01', '-1'], ['workdays', 'count', '2026-02-13', '2026-02-01'], ['workdays', 'add', '2026-02-01']]) {
      const r = await cli(...args);
      expect([args, r.code, r.stdout]).toEqual([args, 2, '']);
    }
  }, 30_000);

  it('document render writes each document from an upstream Case and prints its SHA-256 and page count, as poppler reads them', async () => {
    const c = { ...demoCases('2026-12-02').find((x) => x.category === 'B')!, updatedAt: '2026-12-02T01:00:00Z' };
    const caseFile = join(dir, 'case.json');
    writeFileSync(caseFile, JSON.stringify(c));
    const runs: [string, string[], string[]][] = [
      ['grant', ['--number', 'TEST-G-1'], ['准予行政许可决定书', 'TEST-G-1', c.permitNo]],
      ['refusal', ['--reason', '合同岗位与许可不符 Contract position differs', '--reason', 'Second reason'], ['不予行政许可决定书', '1. 合同岗位与许可不符 Contract position differs', '2. Second reason', '示人社外不许字〔2026〕第000001号']],
      ['supplement', ['--missing', '护照原件 Passport original', '--date', '2026-12-03'], ['补正材料通知书', '1. 护照原件 Passport original', '2026年12月3日']],
      ['service', ['--serves', '示人社外不许字〔2026〕第000001号', '--recipient', '王五', '--agent-id', 'P1234567', '--power-of-attorney', 'POA-7'], ['送达回证', '不予行政许可决定书', '王五', 'POA-7']],
    ];
    for (const [type, extra, says] of runs) {
      const out = join(dir, `${type}.pdf`);
      const r = await cli('document', 'render', type, '--case', caseFile, '--out', out, '--date', '2026-12-02', ...extra);
      expect([type, r.code, r.stderr]).toEqual([type, 0, '']);
      const printed = JSON.parse(r.stdout) as { ok: boolean; sha256: string; pages: number };
      expect(printed).toEqual({ ok: true, sha256: createHash('sha256').update(readFileSync(out)).digest('hex'), pages: Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [out], { encoding: 'utf8' }))![1]) });
      const text = execFileSync('pdftotext', [out, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
      for (const s of says) expect([type, text]).toEqual([type, expect.stringContaining(s.replace(/\s+/g, ''))]);
    }
    // A commitment (no medical report yet: no date, no issuer) is a Case like any other.
    const commitmentFile = join(dir, 'commitment-case.json');
    writeFileSync(commitmentFile, JSON.stringify({ ...c, medical: { kind: 'commitment', issuedOn: null, issuer: null } }));
    const commitment = await cli('document', 'render', 'grant', '--case', commitmentFile, '--out', join(dir, 'commitment.pdf'), '--date', '2026-12-02', '--number', 'TEST-G-2');
    expect([commitment.code, commitment.stderr]).toEqual([0, '']);
    const bad = join(dir, 'bad-case.json');
    writeFileSync(bad, JSON.stringify({ ...c, applicant: { name: 'X' } }));
    for (const args of [
      ['document', 'render', 'refusal', '--case', caseFile, '--out', join(dir, 'x.pdf')],
      ['document', 'render', 'supplement', '--case', caseFile, '--out', join(dir, 'x.pdf')],
      ['document', 'render', 'service', '--case', caseFile, '--out', join(dir, 'x.pdf')],
      ['document', 'render', 'grant', '--case', bad, '--out', join(dir, 'x.pdf')],
      ['document', 'render', 'grant', '--case', caseFile, '--out', join(dir, 'x.pdf'), '--date', '2026-02-30'],
      ['document', 'render', 'permit', '--case', caseFile, '--out', join(dir, 'x.pdf')],
      ['document', 'render', 'grant', '--case', caseFile],
    ]) {
      const r = await cli(...args);
      expect([args, r.code, r.stdout]).toEqual([args, 2, '']);
    }
  }, 60_000);

  it('exits 2 on wrong usage, with the usage on stderr', async () => {
    for (const args of [['verify', '--text', 'x'], ['verify', '--trust-list', TRUST], ['verify', '--trust-list', TRUST, '--text', 'x', '--at', 'yesterday'], ['bogus'], ['verify', '--trust-list', '/no/such/file', '--text', 'x'], ['check', 'mrz', 'only-one-line'], ['check', 'photo', '/no/such.jpg'], ['audit', 'verify', '--data', '/no/such/dir'], ['audit']]) {
      const r = await cli(...args);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('usage:');
    }
  }, 30_000);
});
