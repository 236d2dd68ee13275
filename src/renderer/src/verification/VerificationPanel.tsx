import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseView } from '../../../shared/cases';
import type { ApiError } from '../../../shared/errors';
import { type Step, type VerificationDraft, type VerificationView } from '../../../shared/verification';
import { ask, call } from '../api/client';
import { ErrorMessage } from '../shell/ErrorMessage';
import { DecisionPanel } from './DecisionPanel';
import { OutcomeForm, requestSignOff, SignOffButton, type OutcomeChoice } from './OutcomeForm';
import { RecordsList } from './RecordsList';
import { CaseImages } from './CaseImages';
import { useApp } from '../session/useSession';
import { beijingDate } from '../shell/time';
import { allAsFiled } from './ChecklistTable';
import { CaseSummary } from './CaseSummary';
import { StepsNav } from './StepsNav';
import { useStepFocus, useStepKeys, type FocusTarget } from './step-focus';
import { MaterialsStep } from './MaterialsStep';
import { IdentityStep } from './IdentityStep';
import { supplementLine } from './supplement-line';
import { ElsewhereBanner } from './ElsewhereBanner';

const EMPTY: VerificationDraft = { materials: [], qrText: null, cardReadId: null, mrz: null, photoCheckId: null, attendedBy: 'applicant', note: '' };
const SAVE_AFTER_MS = 500;

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
  const role = useApp().session.account?.role;
  const noticeNo = view.case.noticeNo;
  const [v, setV] = useState<VerificationView | null>(null);
  const [draft, setDraft] = useState<VerificationDraft>(EMPTY);
  const [error, setError] = useState<ApiError | null>(null);
  const [signOffError, setSignOffError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [saving, setSaving] = useState<'idle' | 'pending' | 'saved'>('idle');
  const [correcting, setCorrecting] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  // What the last action did, said where the clerk's eyes are; and where focus goes once the view has it.
  const [confirmation, setConfirmation] = useState('');
  const focusNext = useRef<FocusTarget>(step ?? null);
  const { stepRef, goTo } = useStepFocus();
  const done = (message: string, next: FocusTarget) => {
    setConfirmation(message);
    focusNext.current = next;
  };
  const latest = useRef(draft);
  latest.current = draft;

  // Whether the stored draft was read once: the first read takes it, whatever a device gave meanwhile.
  const loaded = useRef(false);
  const load = useCallback(async () => {
    const r = await call('verification.get', { noticeNo });
    if (!r.ok) return setError(r.error);
    setV(r.value);
    // What a device gave while the draft loaded (the scan that opened the case) wins over the stored draft.
    const reload = loaded.current;
    loaded.current = true;
    setDraft((d) => {
      // On a reload (the case changed), an edit still waiting for its save is newer than the stored draft: it stays.
      if (reload && timer.current) return d;
      const stored = r.value.draft ?? EMPTY;
      const merged = { ...stored, qrText: d.qrText ?? stored.qrText, cardReadId: d.cardReadId ?? stored.cardReadId, mrz: d.mrz ?? stored.mrz };
      latest.current = merged;
      return merged;
    });
  }, [noticeNo]);
  // Again when the case changed (a sync, a decision, the case as it is after the lock).
  const caseVersion = view.case.version;
  useEffect(() => void load(), [load, caseVersion]);
  // Once the screen shows what the last action made (the record, the case's new status, the document),
  // focus goes where the next action is; until its control is there, the focus waits.
  useEffect(() => {
    if (v && focusNext.current && goTo(focusNext.current, true)) focusNext.current = null;
  });
  // Alt+1 to Alt+5 go to the steps; Alt+A records all originals as filed.
  const allAsFiledRef = useRef<() => void>(() => undefined);
  useStepKeys(goTo, allAsFiledRef);

  // Saves are numbered: the findings shown are those of the newest save, whichever answer comes last.
  const saves = useRef(0);
  const save = useCallback(async () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const n = ++saves.current;
    const r = await call('verification.saveDraft', { noticeNo, draft: latest.current });
    if (n !== saves.current) return;
    if (!r.ok) return setError(r.error);
    setError(null);
    setSaving('saved');
    // Keep what the clerk typed meanwhile; take the findings.
    setV((old) => (old ? { ...r.value, draft: latest.current } : r.value));
  }, [noticeNo]);

  /** An edit waiting for its autosave is saved now (before a capture, which the core adds to the draft). */
  const flush = useCallback(async () => {
    if (timer.current) await save();
  }, [save]);
  /** The core's view after a capture or a drop: its draft holds what a page's MRZ filled in. */
  const tookImage = useCallback((next: VerificationView) => {
    setV(next);
    const d = next.draft ?? latest.current;
    latest.current = d;
    setDraft(d);
  }, []);

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
      void ask('verification.saveDraft', { noticeNo, draft: latest.current });
    },
    [noticeNo],
  );

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
  // The core decides what the visit allows (VerificationView.plan); correcting is the clerk's choice here.
  const { plan } = v;
  const open = plan.open || correcting !== null;
  const { states, current: currentStep } = correcting !== null ? plan.correctingSteps : plan.steps;
  const issuable = plan.issuable;
  // The app's own lines for the supplement notice, in both of its languages (the notice is bilingual);
  // what the clerk types instead prints as typed.
  const missing = [...new Set(v.problems.map((p) => supplementLine(i18n, p.code, p.problem, p.detail)))];
  const identityBlocked = states.identity === 'blocked';

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
      <ElsewhereBanner noticeNo={noticeNo} version={view.case.version} canFill={open && draft.materials.length === 0} onFilled={tookImage} />
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
            <MaterialsStep
              sectionRef={stepRef('materials')}
              noticeNo={noticeNo}
              checklist={v.checklist}
              problems={v.problems}
              storedPhoto={v.photo}
              draft={draft}
              busy={busy}
              onChange={change}
              onAllAsFiled={recordAllAsFiled}
              onError={setError}
              capture={{ images: v.images, modes: v.captureModes, camera: v.documentCamera, beforeCapture: flush, onView: tookImage }}
            />
          )}
          {open && (
            <IdentityStep
              sectionRef={stepRef('identity')}
              noticeNo={noticeNo}
              chip={v.chip}
              passportImage={v.images.find((i) => i.material === 'passport')}
              category={view.case.category} crossCheck={v.crossCheck} identity={v.identity} draft={draft} busy={busy} onChange={change} onQrRemoved={onQrRemoved} />
          )}
          <ErrorMessage error={error} />
          {role === 'supervisor' && <CaseImages noticeNo={noticeNo} records={v.records} />}
          <RecordsList records={v.records} onCorrect={(id) => setCorrecting(id)} canCorrect={(r) => correcting === null && plan.correction?.recordId === r.id && plan.correction.blockedBy === null} />
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
