import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Screen } from '../../../shared/accounts';
import { LANGUAGES, type Language } from '../../../shared/settings';
import { ask } from '../api/client';
import { setLanguage } from '../i18n';
import { useApp } from '../session/useSession';
import { ReadinessChip } from '../sync/ReadinessChip';
import { FailureBar } from './FailureBar';
import { FollowUpAlert } from '../follow-ups/FollowUpAlert';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <label className="language">
      <span className="label">{t('app.language')}</span>
      <select data-testid="language" value={i18n.language} onChange={(e) => setLanguage(e.target.value as Language)}>
        {LANGUAGES.map((l) => (
          <option key={l} value={l}>
            {t(`languages.${l}`)}
          </option>
        ))}
      </select>
    </label>
  );
}

export function DemoMarker() {
  const { t } = useTranslation();
  const { info } = useApp();
  if (!info.demo) return null;
  return (
    <span className="demo-marker" data-testid="demo-marker" title={t('app.demoHint')}>
      {t('app.demo')}
    </span>
  );
}

export function Layout({ screen, onScreen, children }: { screen: Screen; onScreen: (s: Screen) => void; children: ReactNode }) {
  const { t } = useTranslation();
  const { info, session, setSession } = useApp();
  const account = session.account!;
  return (
    <>
      <a className="skip" href="#main">{t('app.skipToContent')}</a>
      <header className="top">
        <div className="brand">
          <strong>{t('app.title')}</strong> <span className="office">{info.officeName}</span> <DemoMarker />
        </div>
        <nav aria-label={t('app.title')}>
          {session.screens.map((s) => (
            <button key={s} className={s === screen ? 'tab current' : 'tab'} aria-current={s === screen ? 'page' : undefined} onClick={() => onScreen(s)} data-testid={`nav-${s}`}>
              {t(`nav.${s}`)}
            </button>
          ))}
        </nav>
        <ReadinessChip />
        <div className="user">
          <span data-testid="signed-in-as">
            {account.displayName} · {t(`roles.${account.role}`)}
          </span>
          <LanguageSwitch />
          <button onClick={() => void ask('session.lock', {}).then((v) => v !== null && setSession(v))} data-testid="lock">
            {t('nav.lock')}
          </button>
          <button onClick={() => void ask('session.signOut', {}).then((v) => v !== null && setSession(v))} data-testid="sign-out">
            {t('nav.signOut')}
          </button>
        </div>
      </header>
      <FailureBar />
      <FollowUpAlert onOpen={() => onScreen('follow-ups')} />
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
