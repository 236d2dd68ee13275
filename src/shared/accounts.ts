/** What each role may see: police only permit verification; admin settings, users and audit. */
export type Role = 'clerk' | 'supervisor' | 'police' | 'admin';

export const ROLES: readonly Role[] = ['clerk', 'supervisor', 'police', 'admin'];

export interface Account {
  id: number;
  username: string;
  displayName: string;
  role: Role;
}

export type SignInFailure = 'wrong-credentials' | 'account-locked';

/** The screens of the app; the role decides which exist for a user. */
export type Screen = 'cases' | 'permit-check' | 'register' | 'audit' | 'accounts' | 'settings' | 'devices';

export const SCREENS_BY_ROLE: Readonly<Record<Role, readonly Screen[]>> = {
  clerk: ['cases', 'devices'],
  supervisor: ['cases', 'register', 'audit', 'devices'],
  police: ['permit-check'],
  admin: ['accounts', 'audit', 'settings', 'devices'],
};

export interface SessionState {
  account: Account | null;
  locked: boolean;
  screens: Screen[];
  /** Minutes without input after which the screen locks. */
  idleLockMinutes: number;
}
