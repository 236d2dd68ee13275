import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseView } from '../../../shared/cases';
import type { ApiError } from '../../../shared/errors';
import { CATEGORY_A_DECISIONS, PHOTO_BASE64_MAX, type PhotoCheckResult, type VerificationDraft, type VerificationView } from '../../../shared/verification';
import { call } from '../api/client';
import { ErrorMessage } from '../shell/ErrorMessage';
import { ChecklistTable } from './ChecklistTable';
import { DecisionPanel } from './DecisionPanel';
import { IdentityCrossCheck } from './IdentityCrossCheck';
import { OutcomeForm, type OutcomeChoice } from './OutcomeForm';
import { RecordsList } from './RecordsList';
import { beijingDate } from '../shell/time';

const EMPTY: VerificationDraft = { materials: [], qrText: null, cardReadId: null, mrz: null, photoCheckId: null, attendedBy: 'applicant', note: '' };
const SAVE_AFTER_MS = 500;

async function fileBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/**
 * The on-site verification of one case: the checklist, the identity cross-check, the outcome and the
 * decision. What the clerk enters is saved as they go (a crash, a lock or a closed window loses
 * nothing), and each save comes back with the machine's findings.
 */
export function VerificationPanel({
  view,
  qrText,
  cardReadId,
  readerMrz,
  onCaseChanged,
}: {
  view: CaseView;
  qrText: string | null;
  cardReadId: number | null;
  readerMrz: { line1: string; line2: string } | null;
  onCaseChanged: () => void;
}) {
  const { t } = useTranslation();
  const noticeNo = view.case.noticeNo;
  const [v, setV] = useState<VerificationView | null>(null);
  const [draft, setDraft] = useState<VerificationDraft>(EMPTY);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [saving, setSaving] = useState<'idle' | 'pending' | 'saved'>('idle');
  const [correcting, setCorrecting] = useState<string | null>(null);
  // The core's answer to the last photo sent; on opening, the check the stored draft names.
  const [checkedPhoto, setPhoto] = useState<PhotoCheckResult | null>(null);
  const [photoTooBig, setPhotoTooBig] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const latest = useRef(draft);
  latest.current = draft;

  const load = useCallback(async () => {
    const r = await call('verification.get', { noticeNo });
    if (!r.ok) return setError(r.error);
    setV(r.value);
    // What a device gave while the draft loaded (the scan that opened the case) wins over the stored draft.
    setDraft((d) => {
      const stored = r.value.draft ?? EMPTY;
      const merged = { ...stored, qrText: d.qrText ?? stored.qrText, cardReadId: d.cardReadId ?? stored.cardReadId, mrz: d.mrz ?? stored.mrz };
      latest.current = merged;
      return merged;
    });
  }, [noticeNo]);
  useEffect(() => void load(), [load]);

  const save = useCallback(async () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const r = await call('verification.saveDraft', { noticeNo, draft: latest.current });
    if (!r.ok) return setError(r.error);
    setError(null);
    setSaving('saved');
    // Keep what the clerk typed meanwhile; take the findings.
    setV((old) => (old ? { ...r.value, draft: latest.current } : r.value));
  }, [noticeNo]);

  const change = useCallback(
    (d: VerificationDraft) => {
      setDraft(d);
      latest.current = d;
      setSaving('pending');
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => void save(), SAVE_AFTER_MS);
    },
    [save],
  );

  // A notice scanned, a card read or a passport read while the case is open joins the draft.
  useEffect(() => {
    if (qrText && qrText !== latest.current.qrText) change({ ...latest.current, qrText });
  }, [qrText, change]);
  useEffect(() => {
    if (cardReadId !== null && cardReadId !== latest.current.cardReadId) change({ ...latest.current, cardReadId });
  }, [cardReadId, change]);
  useEffect(() => {
    if (readerMrz) change({ ...latest.current, mrz: readerMrz });
  }, [readerMrz, change]);
  // An edit still waiting for its autosave when the panel goes away (Back, another case) is saved, not dropped.
  useEffect(
    () => () => {
      if (!timer.current) return;
      clearTimeout(timer.current);
      timer.current = null;
      void call('verification.saveDraft', { noticeNo, draft: latest.current });
    },
    [noticeNo],
  );

  const photo = [checkedPhoto, v?.photo ?? null].find((p) => p !== null && p.id === draft.photoCheckId) ?? null;

  async function checkPhoto(file: File | undefined) {
    if (!file) return;
    setPhotoTooBig(null);
    // A file far too large to send is said to be so here; the core checks every file it is sent.
    if (Math.ceil(file.size / 3) * 4 > PHOTO_BASE64_MAX) return setPhotoTooBig((file.size / 1024 / 1024).toFixed(1));
    const r = await call('verification.checkPhoto', { noticeNo, base64: await fileBase64(file) });
    if (!r.ok) return setError(r.error);
    setPhoto(r.value);
    change({ ...latest.current, photoCheckId: r.value.id });
  }

  async function signOff(choice: OutcomeChoice) {
    if (!v) return;
    setBusy(true);
    await save();
    const r = await call('verification.signOff', {
      noticeNo,
      caseVersion: view.case.version,
      outcome: choice.outcome,
      draft: latest.current,
      reasons: choice.reasons,
      supplements: choice.supplements,
      ...(choice.override ? { override: choice.override } : {}),
      ...(correcting ? { correctionOf: correcting } : {}),
    });
    setBusy(false);
    if (!r.ok) {
      // The case changed meanwhile (a sync brought a new version): show it as it is now; the draft stays.
      if (r.error.code === 'conflict') onCaseChanged();
      return setError(r.error);
    }
    setError(null);
    setCorrecting(null);
    await load();
    onCaseChanged();
  }

  if (!v) return <ErrorMessage error={error} />;
  const liveDecision = (recordId: string) => v.decisions.some((d) => d.verificationId === recordId && !d.voided);
  const current = v.records.filter((r) => !r.correctedBy).at(-1) ?? null;
  const open = view.case.status === 'awaiting_verification' || correcting !== null;
  // The document the newest record calls for, while none stands on it (a refusal once per case).
  const liveOf = (type: string, recordId?: string) => v.decisions.some((d) => d.type === type && !d.voided && (!recordId || d.verificationId === recordId));
  const issuable =
    current && current.outcome === 'approved' && view.case.status === 'verified' && !liveOf('grant')
      ? { type: 'grant' as const, recordId: current.id }
      : current && current.outcome === 'rejected' && !liveOf('refusal')
        ? { type: 'refusal' as const, recordId: current.id }
        : current && current.outcome === 'supplement' && !liveOf('supplement', current.id)
          ? { type: 'supplement' as const, recordId: current.id }
          : null;
  // What to bring, and what is wrong with it: the clerk edits these lines, which the supplement notice prints.
  const missing = [...new Set(v.problems.map((p) => `${t(`material.${p.code}`, { defaultValue: p.code })}: ${t(`verify.supplementWhy.${p.problem}`, { defaultValue: p.detail || p.problem })}`))];

  return (
    <section className="verification" aria-labelledby="verify-h" data-testid="verification">
      <h2 id="verify-h">
        {t('verify.heading')}{' '}
        <small className="hint" data-testid="draft-state" data-state={saving}>
          {saving === 'pending' ? t('verify.saving') : saving === 'saved' ? t('verify.saved') : ''}
        </small>
      </h2>
      {open && v.numbersLeft === 0 && (
        <p className="warn-banner" role="alert" data-testid="no-numbers">
          {t('verify.noNumbers')}
        </p>
      )}
      {open && draft.returningFrom && (
        <p className="warn-banner" role="status" data-testid="returning">
          {t('verify.returning', { date: beijingDate(v.records.find((r) => r.id === draft.returningFrom)?.at ?? new Date().toISOString()) })}
        </p>
      )}
      {open && (
        <>
          <label>
            {t('verify.attendedBy')}
            <select value={draft.attendedBy} onChange={(e) => change({ ...draft, attendedBy: e.target.value as VerificationDraft['attendedBy'] })}>
              {(['applicant', 'employer-manager', 'agent'] as const).map((a) => (
                <option key={a} value={a}>{t(`verify.attended.${a}`)}</option>
              ))}
            </select>
          </label>
          <ChecklistTable items={v.checklist} entries={draft.materials} problems={v.problems} disabled={busy} onChange={(materials) => change({ ...draft, materials })} />
          <label>
            {t('verify.photoFile')}
            <input type="file" accept="image/jpeg" data-testid="photo-file" onChange={(e) => void checkPhoto(e.target.files?.[0])} />
          </label>
          {photoTooBig !== null && (
            <p className="bad" role="alert" data-testid="photo-too-big">{t('verify.photoTooBig', { mb: photoTooBig })}</p>
          )}
          {photoTooBig === null && photo && (
            <p className={photo.ok ? 'ok' : 'bad'} data-testid="photo-result" data-ok={photo.ok}>
              {photo.ok ? t('verify.photoOk') : `${t('verify.photoBad')}: ${photo.problems.map((p) => t(`verify.photoProblem.${p}`, { defaultValue: p })).join(' · ')}`}
            </p>
          )}
          <IdentityCrossCheck rows={v.crossCheck} identity={v.identity} mrz={draft.mrz} disabled={busy} onMrz={(mrz) => change({ ...draft, mrz })} />
          {view.case.category === 'A' && (
            <label>
              {t('verify.categoryA.label')}
              <select
                value={draft.categoryA ?? ''}
                onChange={(e) => change({ ...draft, categoryA: (e.target.value || null) as VerificationDraft['categoryA'] })}
                data-testid="category-a-decision"
                required
              >
                <option value="">{t('verify.categoryA.choose')}</option>
                {CATEGORY_A_DECISIONS.map((d) => (
                  <option key={d} value={d}>{t(`verify.categoryA.${d}`)}</option>
                ))}
              </select>
            </label>
          )}
          <label>
            {t('verify.note')}
            <textarea rows={2} value={draft.note} onChange={(e) => change({ ...draft, note: e.target.value })} data-testid="verify-note" />
          </label>
          <OutcomeForm key={correcting ?? 'new'} blockers={v.approvalBlockers} suggestedSupplements={missing} correcting={correcting !== null} busy={busy} onSubmit={(c) => void signOff(c)} />
        </>
      )}
      <ErrorMessage error={error} />
      <RecordsList records={v.records} onCorrect={(id) => setCorrecting(id)} canCorrect={(r) => r.id === current?.id && !liveDecision(r.id) && correcting === null} />
      <DecisionPanel
        decisions={v.decisions}
        issuable={issuable}
        numbersLeft={v.numbersLeftByType}
        printer={v.printer}
        applicantName={view.case.applicant.name}
        onChanged={() => {
          void load();
          onCaseChanged();
        }}
      />
    </section>
  );
}
