import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Screen, SessionState } from '../../shared/accounts';
import type { ApiError } from '../../shared/errors';
import type { AppInfo } from '../../shared/settings';
import { AccountsScreen } from './admin/AccountsScreen';
import { AuditScreen } from './admin/AuditScreen';
import { RegisterScreen } from './register/RegisterScreen';
import { FollowUpsScreen } from './follow-ups/FollowUpsScreen';
import { SettingsScreen } from './admin/SettingsScreen';
import { DevicesScreen } from './admin/DevicesScreen';
import { ask, call, onReconnect } from './api/client';
import { CasesScreen } from './cases/CasesScreen';
import { savedLanguage, setLanguage } from './i18n';
import { PermitCheckScreen } from './permit-check/PermitCheckScreen';
import { ChangePassword } from './session/ChangePassword';
import { LockScreen } from './session/LockScreen';
import { SignIn } from './session/SignIn';
import { useIdleLock } from './session/useIdleLock';
import { AppContext } from './session/useSession';
import { DemoMarker, LanguageSwitch, Layout } from './shell/Layout';
import { ErrorMessage } from './shell/ErrorMessage';

const SCREENS: Record<Screen, () => React.JSX.Element> = {
  cases: CasesScreen,
  'permit-check': PermitCheckScreen,
  register: RegisterScreen,
  'follow-ups': FollowUpsScreen,
  audit: AuditScreen,
  accounts: AccountsScreen,
  settings: SettingsScreen,
  devices: DevicesScreen,
};

export function App() {
  const { t } = useTranslation();
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [session, setSessionState] = useState<SessionState | null>(null);
  const [screen, setScreen] = useState<Screen | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  const setSession = useCallback((s: SessionState) => {
    setSessionState(s);
    // A screen the role does not have is never shown, whatever was open before.
    setScreen((current) => (current && s.screens.includes(current) ? current : (s.screens[0] ?? null)));
  }, []);

  useEffect(() => {
    void (async () => {
      const i = await call('app.info', {});
      if (!i.ok) return setError(i.error);
      setInfo(i.value);
      if (!savedLanguage()) setLanguage(i.value.defaultLanguage);
      const s = await call('session.state', {});
      if (s.ok) setSession(s.value);
      else setError(s.error);
    })();
    return onReconnect(() => void ask('session.state', {}).then((v) => v !== null && setSession(v)));
  }, [setSession]);

  const idleSession = session ?? { account: null, locked: false, mustChangePassword: false, screens: [], idleLockMinutes: 5 };
  useIdleLock(idleSession, setSession);

  if (error) return <main className="centered"><ErrorMessage error={error} /></main>;
  if (!info || !session) return <main className="centered">{t('common.loading')}</main>;

  const context = { info, session, setSession };
  if (!session.account) {
    return (
      <AppContext.Provider value={context}>
        <header className="top">
          <div className="brand"><strong>{t('app.title')}</strong> <span className="office">{info.officeName}</span> <DemoMarker /></div>
          <div className="user"><LanguageSwitch /></div>
        </header>
        <SignIn info={info} onSignedIn={setSession} />
      </AppContext.Provider>
    );
  }
  const lockHeader = (
    <header className="top">
      <div className="brand"><strong>{t('app.title')}</strong> <DemoMarker /></div>
      <div className="user"><LanguageSwitch /></div>
    </header>
  );
  // Signed in, but nothing of the work shows until the user's own password is set.
  if (session.mustChangePassword) {
    return (
      <AppContext.Provider value={context}>
        {lockHeader}
        <ChangePassword session={session} setSession={setSession} />
      </AppContext.Provider>
    );
  }
  const Current = screen ? SCREENS[screen] : null;
  // The lock covers the screens without closing them: the open case, its draft and the visit are there
  // again on unlock. Behind it nothing shows and nothing takes the focus or a click (hidden and inert).
  return (
    <AppContext.Provider value={context}>
      <div className={session.locked ? 'behind-lock' : undefined} inert={session.locked}>
        <Layout screen={screen ?? session.screens[0]} onScreen={setScreen}>
          {Current && <Current />}
        </Layout>
      </div>
      {session.locked && (
        <div className="lock-overlay">
          {lockHeader}
          <LockScreen session={session} setSession={setSession} />
        </div>
      )}
    </AppContext.Provider>
  );
}
