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
