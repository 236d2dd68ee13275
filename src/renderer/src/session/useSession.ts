import { createContext, useContext } from 'react';
import type { SessionState } from '../../../shared/accounts';
import type { AppInfo } from '../../../shared/settings';

export interface AppContextValue {
  info: AppInfo;
  session: SessionState;
  setSession: (s: SessionState) => void;
}

export const AppContext = createContext<AppContextValue | null>(null);

export function useApp(): AppContextValue {
  const v = useContext(AppContext);
  if (!v) throw new Error('useApp outside AppContext');
  return v;
}
