import { ApiFailure } from '../failures/failure';
import type { CallContext } from '../calls/handler-spec';
import { appendAudit } from '../audit/audit';
import { signIn } from './accounts';

/**
 * The same password check for signing in, unlocking and a supervisor's authorisation at another user's
 * screen, so wrong passwords count towards the lockout wherever they are typed.
 */
export async function checkSignIn(ctx: CallContext, username: string, password: string) {
  const result = await signIn(ctx.db, username, password, ctx.now);
  if (!result.ok) {
    if (result.reason === 'account-locked' && result.lockedUntil) {
      const minutes = Math.max(1, Math.ceil((Date.parse(result.lockedUntil) - ctx.now().getTime()) / 60_000));
      throw new ApiFailure('account-locked', `The account is locked after repeated wrong passwords, for ${minutes} more minute(s).`, undefined, { minutes, until: result.lockedUntil });
    }
    throw new ApiFailure('wrong-credentials', 'Wrong username or password.');
  }
  return result;
}

/** A supervisor's credentials typed at another user's screen: checked as a sign-in, and the role must be supervisor. */
export async function authoriseSupervisor(ctx: CallContext, creds: { username: string; password: string }): Promise<string> {
  const { account } = await checkSignIn(ctx, creds.username, creds.password);
  if (account.role !== 'supervisor') {
    appendAudit(ctx.db, { at: ctx.now().toISOString(), actor: account.username, action: 'authorisation.refused', target: 'not a supervisor' });
    throw new ApiFailure('supervisor-required', 'Only a supervisor can authorise this.');
  }
  return account.username;
}
