import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { APPLICANT_LANGUAGES, GRADES, LOW_GRADE_REASONS, RTL_LANGUAGES, needsReason, type ApplicantLanguage, type ApplicantView } from '../../../shared/applicant';
import { call, onCoreEvent, onReconnect } from '../api/client';
import { applicantI18n, languageFor, WORDS } from './words';

type Visit = Extract<ApplicantView, { state: 'visit' }>;

/** How long the thanks stay before the screen clears itself for the next applicant. */
const THANKS_MS = 8000;

/**
 * The applicant's screen: paired once with the code from the clerk's screen, then it shows the visit
 * the clerk has open, in the applicant's language, as the clerk works; then the service evaluation;
 * and nothing of anyone once the visit ends. It holds no data of its own: each change is asked again
 * from the core, which answers only for this display's clerk.
 */
export function ApplicantScreen() {
  return (
    <I18nextProvider i18n={applicantI18n}>
      <Display />
    </I18nextProvider>
  );
}

function Display() {
  const { t, i18n } = useTranslation();
  const [view, setView] = useState<ApplicantView | null>(null);
  const [paired, setPaired] = useState(false);
  const [language, setLanguageState] = useState<ApplicantLanguage>('zh-CN');
  const [thanked, setThanked] = useState(false);
  const visitId = useRef<string | null>(null);

  const setLanguage = useCallback(
    (l: ApplicantLanguage) => {
      setLanguageState(l);
      void i18n.changeLanguage(l);
    },
    [i18n],
  );

  const show = useCallback(
    (v: ApplicantView) => {
      setView(v);
      const id = v.state === 'visit' ? v.visitId : null;
      // A new visit starts in a language its holder likely reads; the applicant can change it.
      if (id && id !== visitId.current) {
        setLanguage(languageFor(v.state === 'visit' ? v.nationality : null));
        setThanked(false);
      }
      if (!id) setThanked(false);
      visitId.current = id;
    },
    [setLanguage],
  );

  // No longer paired (the app restarted, the connection was made anew): ask for a code again.
  const unpair = useCallback(() => {
    setPaired(false);
    setView(null);
    visitId.current = null;
  }, []);

  const refresh = useCallback(async () => {
    const r = await call('applicant.view', {});
    if (r.ok) show(r.value);
    else unpair();
  }, [show, unpair]);

  useEffect(() => {
    const off = onCoreEvent((e) => e.type === 'applicant.changed' && void refresh());
    const offReconnect = onReconnect(unpair);
    return () => {
      off();
      offReconnect();
    };
  }, [refresh, unpair]);

  // After the thanks, the screen clears itself, even if the clerk has not ended the visit yet.
  useEffect(() => {
    if (!thanked) return;
    const timer = setTimeout(() => setView((v) => (v?.state === 'visit' ? { state: 'idle', office: v.office, windowNo: v.windowNo } : v)), THANKS_MS);
    return () => clearTimeout(timer);
  }, [thanked]);

  const rtl = RTL_LANGUAGES.includes(language);
  return (
    <main className="applicant" id="main" lang={language} dir={rtl ? 'rtl' : 'ltr'} data-testid="applicant-screen" data-state={!paired ? 'pairing' : (view?.state ?? 'idle')}>
      <nav className="applicant-languages" aria-label={t('language')}>
        {APPLICANT_LANGUAGES.map((l) => (
          <button key={l} lang={l} type="button" aria-pressed={l === language} onClick={() => setLanguage(l)} data-testid={`applicant-lang-${l}`}>
            {WORDS[l].languageName}
          </button>
        ))}
      </nav>
      {!paired ? (
        <Pairing
          onPaired={(v) => {
            setPaired(true);
            show(v);
          }}
        />
      ) : view?.state === 'visit' ? (
        <VisitView view={view} thanked={thanked} onEvaluated={(v) => (show(v), setThanked(true))} />
      ) : (
        <section className="applicant-idle" aria-labelledby="applicant-h">
          <h1 id="applicant-h">{t('welcome')}</h1>
          {view && <p className="applicant-window">{view.office} · {t('title', { windowNo: view.windowNo })}</p>}
          <p>{t('waiting')}</p>
        </section>
      )}
    </main>
  );
}

function Pairing({ onPaired }: { onPaired: (v: ApplicantView) => void }) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [wrong, setWrong] = useState<'wrongCode' | 'tooManyCodes' | null>(null);
  async function submit(e: FormEvent) {
    e.preventDefault();
    const r = await call('applicant.join', { code: code.replace(/\D/g, '') });
    setCode('');
    setWrong(r.ok ? null : r.error.code === 'too-many-attempts' ? 'tooManyCodes' : 'wrongCode');
    if (r.ok) onPaired(r.value);
  }
  return (
    <form className="card applicant-pair" onSubmit={submit} aria-labelledby="pair-h">
      <h1 id="pair-h">{t('pairHeading')}</h1>
      <p>{t('pairHint')}</p>
      <label>
        {t('code')}
        <input value={code} onChange={(e) => setCode(e.target.value)} inputMode="numeric" autoComplete="off" maxLength={7} autoFocus data-testid="pair-code" aria-invalid={wrong ? true : undefined} aria-describedby={wrong ? 'pair-wrong' : undefined} />
      </label>
      {wrong && (
        <p className="error" role="alert" id="pair-wrong" data-testid="pair-wrong">
          {t(wrong)}
        </p>
      )}
      <button type="submit" className="primary" data-testid="pair-connect">
        {t('connect')}
      </button>
    </form>
  );
}

function VisitView({ view, thanked, onEvaluated }: { view: Visit; thanked: boolean; onEvaluated: (v: ApplicantView) => void }) {
  const { t } = useTranslation();
  return (
    <section className="applicant-visit" aria-labelledby="visit-h">
      <p className="applicant-window">
        {t('title', { windowNo: view.windowNo })}
        {view.queueNo && <> · <span data-testid="applicant-queue">{t('queueNo', { queueNo: view.queueNo })}</span></>}
      </p>
      <h1 id="visit-h" data-testid="applicant-holder">
        {view.holder}
        {view.holderZh && <span lang="zh-CN"> {view.holderZh}</span>}
      </h1>
      <p>
        {t('notice')}: <span className="mono">{view.noticeNo}</span> · {t('category', { category: view.category })}
      </p>
      <h2>{t('checking')}</h2>
      <ul className="applicant-materials" data-testid="applicant-materials">
        {view.materials
          .filter((m) => m.state !== 'not-needed')
          .map((m) => (
            <li key={m.code} data-code={m.code} data-state={m.state} className={`material-${m.state}`}>
              <span>{t(`material.${m.code}`, { defaultValue: t('material.other') })}</span> <strong>{t(`state.${m.state}`)}</strong>
            </li>
          ))}
      </ul>
      {view.outcome && (
        <div className={`applicant-outcome outcome-${view.outcome}`} role="status" data-testid="applicant-outcome" data-outcome={view.outcome}>
          <p>{t(`outcome.${view.outcome}`)}</p>
          {view.outcome === 'supplement' && (
            <ul data-testid="applicant-bring-back">
              {view.bringBack.map((code) => (
                <li key={code}>{t(`material.${code}`, { defaultValue: t('material.other') })}</li>
              ))}
              {/* The clerk's lines name the same originals in the clerk's languages: shown only when no
                  checklist original is missing, for what the clerk asked that the checklist does not hold. */}
              {view.bringBack.length === 0 &&
                view.supplementNotes.map((n, i) => (
                  <li key={`note-${i}`}>{n}</li>
                ))}
            </ul>
          )}
        </div>
      )}
      {thanked || view.evaluation === 'done' ? (
        <p className="applicant-thanks ok" role="status" data-testid="applicant-thanks">
          {t('thanks')}
        </p>
      ) : (
        view.evaluation === 'asked' && <Evaluation visitId={view.visitId} onEvaluated={onEvaluated} />
      )}
    </section>
  );
}

function Evaluation({ visitId, onEvaluated }: { visitId: string; onEvaluated: (v: ApplicantView) => void }) {
  const { t } = useTranslation();
  const [grade, setGrade] = useState<number | null>(null);
  const [ticked, setTicked] = useState<string[]>([]);
  const [other, setOther] = useState('');
  const [problem, setProblem] = useState<'reason' | 'error' | null>(null);
  const reasons = [...ticked, ...(other.trim() ? [other.trim()] : [])];
  // Asked while the checklist fills the screen: the question comes into view, at the top, on a 768 px tablet too.
  const form = useRef<HTMLFormElement>(null);
  // A block, not an arrow's value: Chromium's scrollIntoView now returns a promise, which React would call as a cleanup.
  useEffect(() => {
    form.current?.scrollIntoView({ block: 'start' });
  }, []);
  async function send(e: FormEvent) {
    e.preventDefault();
    if (grade === null) return;
    if (needsReason(grade) && reasons.length === 0) return setProblem('reason');
    const r = await call('applicant.evaluate', { visitId, grade, reasons: needsReason(grade) ? reasons : [] });
    if (r.ok) onEvaluated(r.value);
    else setProblem('error');
  }
  return (
    <form className="card applicant-evaluation" onSubmit={send} data-testid="evaluation" ref={form}>
      <fieldset>
        <legend>
          <h2>{t('evaluate')}</h2>
        </legend>
        <div className="grades" role="radiogroup" aria-label={t('evaluate')}>
          {GRADES.map((g) => (
            <button key={g} type="button" role="radio" aria-checked={grade === g} className={`grade grade-${g}`} onClick={() => (setGrade(g), setProblem(null))} data-testid={`grade-${g}`}>
              {t(`grade.${g}`)}
            </button>
          ))}
        </div>
      </fieldset>
      {grade !== null && needsReason(grade) && (
        <fieldset data-testid="reasons" aria-describedby={problem === 'reason' ? 'reason-needed' : undefined}>
          <legend>{t('reasonNeeded')}</legend>
          {LOW_GRADE_REASONS.map((r) => (
            <label key={r} className="check">
              <input type="checkbox" checked={ticked.includes(r)} onChange={(e) => setTicked(e.target.checked ? [...ticked, r] : ticked.filter((x) => x !== r))} data-testid={`reason-${r}`} />
              {t(`reason.${r}`)}
            </label>
          ))}
          <label>
            {t('otherReason')}
            <textarea value={other} maxLength={500} rows={2} onChange={(e) => setOther(e.target.value)} data-testid="reason-other" />
          </label>
        </fieldset>
      )}
      {problem && (
        <p className="error" role="alert" id="reason-needed" data-testid="evaluation-problem">
          {t(problem === 'reason' ? 'reasonNeeded' : 'error')}
        </p>
      )}
      <button type="submit" className="primary" disabled={grade === null} data-testid="evaluation-send">
        {t('send')}
      </button>
    </form>
  );
}
