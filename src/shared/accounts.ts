/** What each role may see: police only permit verification; admin settings, users and audit. */
export type Role = 'clerk' | 'supervisor' | 'police' | 'admin';

export const ROLES: readonly Role[] = ['clerk', 'supervisor', 'police', 'admin'];

export interface Account {
  id: number;
  username: string;
  displayName: string;
  role: Role;
}

/** An account as the accounts screen lists it: whether it is locked now, and whether it must set a new password. */
export interface AccountListing extends Account {
  lockedUntil: string | null;
  mustChangePassword: boolean;
}

/**
 * Whose accounts a role may unlock or reset: an administrator anyone's but their own (their own
 * password is changed, not reset), a supervisor the clerks' and police officers' at the window.
 */
export const MAY_HELP: Readonly<Record<Role, readonly Role[]>> = { admin: ROLES, supervisor: ['clerk', 'police'], clerk: [], police: [] };

export type SignInFailure = 'wrong-credentials' | 'account-locked';

/** The screens of the app; the role decides which exist for a user. */
export type Screen = 'cases' | 'permit-check' | 'register' | 'follow-ups' | 'audit' | 'accounts' | 'settings' | 'devices';

export const SCREENS_BY_ROLE: Readonly<Record<Role, readonly Screen[]>> = {
  clerk: ['cases', 'devices'],
  supervisor: ['cases', 'register', 'follow-ups', 'audit', 'accounts', 'devices'],
  police: ['permit-check'],
  admin: ['accounts', 'audit', 'settings', 'devices'],
};

export interface SessionState {
  account: Account | null;
  locked: boolean;
  /** The password was reset by someone else: the user sets a new one before anything else. */
  mustChangePassword: boolean;
  screens: Screen[];
  /** Minutes without input after which the screen locks. */
  idleLockMinutes: number;
}
