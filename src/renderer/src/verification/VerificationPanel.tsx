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
import { OutcomeForm, requestSignOff, SignOffButton, type OutcomeChoice } from './OutcomeForm';
import { RecordsList } from './RecordsList';
import { beijingDate } from '../shell/time';
import { allAsFiled } from './ChecklistTable';
import { CaseSummary } from './CaseSummary';
import { STEPS, StepsNav, type Step, type StepState } from './StepsNav';
import { supplementLine } from './supplement-line';

/** Where focus goes after an action: a step, or a control of one document (by its number). */
type FocusTarget = Step | { number: string; control: string } | null;

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
  step,
  queueNo,
  onSignedOff,
  qrText,
  cardReadId,
  readerMrz,
  onCaseChanged,
  onQrRemoved,
}: {
  view: CaseView;
  /** The step to open at (the worklist's item says where its work is). */
  step?: Step | null;
  /** The visit's queue number (叫号), kept with the draft and its record. */
  queueNo?: string | null;
  /** The record is signed off: the visit's queue number is done with. */
  onSignedOff?: () => void;
  qrText: string | null;
  cardReadId: number | null;
  readerMrz: { line1: string; line2: string } | null;
  onCaseChanged: () => void;
  /** The clerk took the scanned code off the verification: it is not to come back with the next change. */
  onQrRemoved?: () => void;
}) {
  const { t, i18n } = useTranslation();
  const noticeNo = view.case.noticeNo;
  const [v, setV] = useState<VerificationView | null>(null);
  const [draft, setDraft] = useState<VerificationDraft>(EMPTY);
  const [error, setError] = useState<ApiError | null>(null);
  const [signOffError, setSignOffError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [saving, setSaving] = useState<'idle' | 'pending' | 'saved'>('idle');
  const [correcting, setCorrecting] = useState<string | null>(null);
  // The core's answer to the last photo sent; on opening, the check the stored draft names.
  const [checkedPhoto, setPhoto] = useState<PhotoCheckResult | null>(null);
  const [photoTooBig, setPhotoTooBig] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  // What the last action did, said where the clerk's eyes are; and where focus goes once the view has it.
  const [confirmation, setConfirmation] = useState('');
  const focusNext = useRef<FocusTarget>(step ?? null);
  const steps = useRef(new Map<Step, HTMLElement>());
  const stepRef = (x: Step) => (el: HTMLElement | null) => {
    if (el) steps.current.set(x, el);
    else steps.current.delete(x);
  };
  /** Focuses the target's control (a step is entered at its first thing to do); `strict`: only that control, not its step. */
  const goTo = useCallback((target: FocusTarget, strict = false): boolean => {
    if (!target) return false;
    let el: HTMLElement | null;
    if (typeof target === 'string') {
      const section = steps.current.get(target === 'service' ? 'document' : target) ?? null;
      const control =
        target === 'outcome'
          ? document.querySelector<HTMLElement>('[data-testid=sign-off]')
          : section?.querySelector<HTMLElement>(target === 'service' ? '[data-testid=serve-document]' : target === 'document' ? '.primary:not(:disabled)' : 'button.primary, select, input');
      el = control ?? (strict ? null : section);
    } else {
      el = document.querySelector<HTMLElement>(`[data-number="${CSS.escape(target.number)}"] [data-testid=${target.control}]`);
    }
    if (!el) return false;
    el.scrollIntoView({ block: 'nearest' });
    el.focus();
    return true;
  }, []);
  const done = (message: string, next: FocusTarget) => {
    setConfirmation(message);
    focusNext.current = next;
  };
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
  // Once the screen shows what the last action made (the record, the case's new status, the document),
  // focus goes where the next action is; until its control is there, the focus waits.
  useEffect(() => {
    if (v && focusNext.current && goTo(focusNext.current, true)) focusNext.current = null;
  });
  // Alt+1 to Alt+5 go to the steps; Alt+A records all originals as filed.
  const allAsFiledRef = useRef<() => void>(() => undefined);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey) return;
      const n = Number(e.key);
      if (n >= 1 && n <= STEPS.length) {
        e.preventDefault();
        goTo(STEPS[n - 1]);
      } else if (e.key.toLowerCase() === 'a') {
        e.preventDefault();
        allAsFiledRef.current();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [goTo]);

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

  // Sign-off waits for a pending autosave: the form's override fields follow the saved draft's blockers.
  const signOffWhenSaved = useRef(false);
  const signOffNow = useCallback(() => {
    if (timer.current || saving === 'pending') {
      signOffWhenSaved.current = true;
      void save();
    } else requestSignOff();
  }, [saving, save]);
  useEffect(() => {
    if (signOffWhenSaved.current && saving === 'saved') {
      signOffWhenSaved.current = false;
      requestSignOff();
    }
  });

  // A notice scanned, a card read or a passport read while the case is open joins the draft.
  useEffect(() => {
    if (qrText && qrText !== latest.current.qrText) change({ ...latest.current, qrText });
  }, [qrText, change]);
  useEffect(() => {
    if (queueNo && v && queueNo !== latest.current.queueNo) change({ ...latest.current, queueNo });
  }, [queueNo, v, change]);
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
      // Said in the form, beside the field it concerns (the form takes the focus), not at the page's foot.
      return setSignOffError(r.error);
    }
    setSignOffError(null);
    setError(null);
    setCorrecting(null);
    done(t(`verify.done.signed.${choice.outcome}`), 'document');
    onSignedOff?.();
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
  // The app's own lines for the supplement notice, in both of its languages (the notice is bilingual);
  // what the clerk types instead prints as typed.
  const missing = [...new Set(v.problems.map((p) => supplementLine(i18n, p.code, p.problem, p.detail)))];

  const required = v.checklist.filter((i) => i.required);
  const recorded = new Set(draft.materials.map((m) => m.code));
  const liveDocs = v.decisions.filter((d) => !d.voided && d.type !== 'service');
  const identityBlocked = v.approvalBlockers.some((b) => b === 'identity' || b === 'qr' || b === 'mrz');
  const states: Record<Step, StepState> = {
    materials: !open ? 'done' : v.problems.length ? 'blocked' : required.every((i) => recorded.has(i.code)) ? 'done' : 'todo',
    identity: identityBlocked ? 'blocked' : v.identity.qr === 'VALID' || v.identity.card || v.identity.mrz ? 'done' : open ? 'todo' : 'none',
    outcome: open ? 'todo' : current ? 'done' : 'none',
    document: issuable || liveDocs.some((d) => !d.printed) ? 'todo' : liveDocs.length ? 'done' : 'none',
    service: liveDocs.some((d) => (d.type === 'grant' || d.type === 'refusal') && !d.servedOn) ? 'todo' : liveDocs.some((d) => d.servedOn) ? 'done' : 'none',
  };
  const currentStep = STEPS.find((x) => states[x] === 'todo' || states[x] === 'blocked') ?? 'document';

  allAsFiledRef.current = () => open && !busy && recordAllAsFiled();
  function recordAllAsFiled() {
    const materials = allAsFiled(v!.checklist, draft.materials);
    change({ ...draft, materials });
    done(t('verify.done.materials', { count: materials.length }), identityBlocked ? 'identity' : 'outcome');
  }

  const outcomeForm = open && (
    <OutcomeForm key={correcting ?? 'new'} blockers={v.approvalBlockers} suggestedSupplements={missing} correcting={correcting !== null} busy={busy} error={signOffError} onSubmit={(c) => void signOff(c)} />
  );
  return (
    <section className="verification" aria-labelledby="verify-h" data-testid="verification">
      <h2 id="verify-h" className="visually-hidden">
        {t('verify.heading')}
      </h2>
      <div className="steps-bar">
        <StepsNav states={states} current={currentStep} onGo={(x) => goTo(x)} />
        {open && <SignOffButton busy={busy} onSignOff={signOffNow} />}
        {open && draft.queueNo && (
          <span className="queue-no" data-testid="visit-queue-no">
            {t('queue.label')}: <strong>{draft.queueNo}</strong>
          </span>
        )}
        <small className="hint" data-testid="draft-state" data-state={saving} aria-live="polite">
          {saving === 'pending' ? t('verify.saving') : saving === 'saved' ? t('verify.saved') : ''}
        </small>
        <p className="confirmation ok" role="status" data-testid="confirmation">
          {confirmation}
        </p>
      </div>
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
      <div className="verify-grid">
        <aside className="verify-side">
          <CaseSummary view={view} />
          <div ref={stepRef('outcome')} tabIndex={-1} data-step="outcome">
            {outcomeForm}
          </div>
        </aside>
        <div className="verify-main">
          {open && (
            <section ref={stepRef('materials')} tabIndex={-1} data-step="materials" aria-labelledby="materials-step-h">
              <h3 id="materials-step-h">{t('verify.steps.materials')}</h3>
              <div className="row">
                <button type="button" className="primary" onClick={recordAllAsFiled} disabled={busy} data-testid="all-as-filed" title="Alt+A">
                  {t('verify.allAsFiled')}
                </button>
                <label className="row">
                  {t('verify.attendedBy')}
                  <select value={draft.attendedBy} onChange={(e) => change({ ...draft, attendedBy: e.target.value as VerificationDraft['attendedBy'] })}>
                    {(['applicant', 'employer-manager', 'agent'] as const).map((a) => (
                      <option key={a} value={a}>{t(`verify.attended.${a}`)}</option>
                    ))}
                  </select>
                </label>
              </div>
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
            </section>
          )}
          {open && (
            <section ref={stepRef('identity')} tabIndex={-1} data-step="identity">
              <IdentityCrossCheck rows={v.crossCheck} identity={v.identity} mrz={draft.mrz} disabled={busy} onMrz={(mrz) => change({ ...draft, mrz })} onRemoveQr={() => {
                change({ ...draft, qrText: null });
                onQrRemoved?.();
              }} />
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
            </section>
          )}
          <ErrorMessage error={error} />
          <RecordsList records={v.records} onCorrect={(id) => setCorrecting(id)} canCorrect={(r) => r.id === current?.id && !liveDecision(r.id) && correcting === null} />
          <div ref={stepRef('document')} tabIndex={-1} data-step="document">
            <DecisionPanel
                decisions={v.decisions}
                issuable={issuable}
                numbersLeft={v.numbersLeftByType}
                printer={v.printer}
                applicantName={view.case.applicant.name}
                onDone={(what, number) => done(t(`verify.done.${what}`, { number }), what === 'issued' ? { number, control: 'print-decision' } : what === 'printed' ? { number, control: 'serve-document' } : null)}
                onChanged={() => {
                  void load();
                  onCaseChanged();
                }}
              />
          </div>
        </div>
      </div>
    </section>
  );
}
