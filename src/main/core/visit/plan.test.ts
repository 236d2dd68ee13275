import { describe, expect, it } from 'vitest';
import type { ChecklistItem, DecisionView, VerificationRecord } from '../../../shared/verification';
import { visitPlan, type PlanInput } from './plan';

// Written from the counter's workflow (docs/verification.md), not from the code: each case names the
// step the clerk is at and what the window may issue or correct.
const item = (code: string, required = true): ChecklistItem => ({ code, required, expected: 'original_seen', basis: { zh: '', en: '' }, fields: [] });
const record = (id: string, outcome: VerificationRecord['outcome'], over: Partial<VerificationRecord> = {}) => ({ id, outcome, correctedBy: null, ...over }) as VerificationRecord;
const doc = (type: DecisionView['type'], verificationId: string, over: Partial<DecisionView> = {}) =>
  ({ id: 1, type, number: `N-${type}`, verificationId, printed: false, voided: null, servedOn: null, serves: [], prints: [], ...over }) as DecisionView;

const base: PlanInput = {
  status: 'awaiting_verification',
  records: [],
  decisions: [],
  checklist: [item('passport'), item('contract'), item('photo', false)],
  recorded: [],
  problems: [],
  identity: { qr: null, card: null, mrz: null },
  approvalBlockers: [],
};

describe('the visit plan', () => {
  it('a case at the window starts at its materials, and nothing is issuable or correctable', () => {
    const p = visitPlan(base);
    expect(p.open).toBe(true);
    expect(p.steps.states).toEqual({ materials: 'todo', identity: 'todo', outcome: 'todo', document: 'none', service: 'none' });
    expect(p.steps.current).toBe('materials');
    expect(p.issuable).toBeNull();
    expect(p.correction).toBeNull();
  });

  it('the materials are done when every required one is recorded (the optional ones need not be), and blocked by a problem', () => {
    expect(visitPlan({ ...base, recorded: ['passport', 'contract'] }).steps.states.materials).toBe('done');
    expect(visitPlan({ ...base, recorded: ['passport'] }).steps.states.materials).toBe('todo');
    const blocked = visitPlan({ ...base, recorded: ['passport', 'contract'], problems: [{ code: 'passport', field: 'expiry', problem: 'expired', detail: '' }] });
    expect(blocked.steps.states.materials).toBe('blocked');
    expect(blocked.steps.current).toBe('materials');
  });

  it('the identity is done by a valid QR, a card or an MRZ, and blocked when approval is blocked by the identity', () => {
    const all = { ...base, recorded: ['passport', 'contract'] };
    expect(visitPlan({ ...all, identity: { qr: 'VALID', card: null, mrz: null } }).steps.states.identity).toBe('done');
    expect(visitPlan({ ...all, identity: { qr: 'REVOKED', card: null, mrz: null } }).steps.states.identity).toBe('todo');
    expect(visitPlan({ ...all, identity: { qr: null, card: { cardNumber: 'X', ssn: null }, mrz: null } }).steps.current).toBe('outcome');
    const blocked = visitPlan({ ...all, identity: { qr: 'VALID', card: null, mrz: null }, approvalBlockers: ['mrz'] });
    expect(blocked.steps.states.identity).toBe('blocked');
    expect(blocked.steps.current).toBe('identity');
  });

  it('an approval signed off makes the grant issuable on the newest record; once issued and printed, the service is next', () => {
    const r = record('r1', 'approved');
    const signed = visitPlan({ ...base, status: 'verified', records: [r] });
    expect(signed.open).toBe(false);
    expect(signed.issuable).toEqual({ type: 'grant', recordId: 'r1' });
    expect(signed.steps.states).toMatchObject({ materials: 'done', outcome: 'done', document: 'todo', service: 'none' });
    expect(signed.steps.current).toBe('document');
    const issued = visitPlan({ ...base, status: 'decision_issued', records: [r], decisions: [doc('grant', 'r1', { printed: true })] });
    expect(issued.issuable).toBeNull();
    expect(issued.steps.states).toMatchObject({ document: 'done', service: 'todo' });
    expect(issued.steps.current).toBe('service');
    const served = visitPlan({ ...base, status: 'decision_issued', records: [r], decisions: [doc('grant', 'r1', { printed: true, servedOn: '2026-11-23' })] });
    expect(served.steps.states.service).toBe('done');
  });

  it('a grant is issued only once the case is verified; a voided one can be issued again', () => {
    const r = record('r1', 'approved');
    expect(visitPlan({ ...base, status: 'awaiting_verification', records: [r] }).issuable).toBeNull();
    const voided = doc('grant', 'r1', { voided: { at: 'x', by: 'sup', reason: 'typo' } });
    expect(visitPlan({ ...base, status: 'verified', records: [r], decisions: [voided] }).issuable).toEqual({ type: 'grant', recordId: 'r1' });
  });

  it('a rejection calls for one refusal per case; a request for supplements for a notice on each such record', () => {
    const rejected = record('r1', 'rejected');
    expect(visitPlan({ ...base, status: 'rejected', records: [rejected] }).issuable).toEqual({ type: 'refusal', recordId: 'r1' });
    expect(visitPlan({ ...base, status: 'rejected', records: [rejected], decisions: [doc('refusal', 'r0')] }).issuable).toBeNull();
    const first = record('s1', 'supplement', { correctedBy: null });
    const again = record('s2', 'supplement');
    expect(visitPlan({ ...base, records: [first, again], decisions: [doc('supplement', 's1')] }).issuable).toEqual({ type: 'supplement', recordId: 's2' });
  });

  it('the newest standing record is the one to correct, and not while a live decision stands on it', () => {
    const old = record('r1', 'rejected', { correctedBy: 'r2' });
    const newest = record('r2', 'approved', { correctionOf: 'r1' } as Partial<VerificationRecord>);
    expect(visitPlan({ ...base, status: 'verified', records: [old, newest] }).correction).toEqual({ recordId: 'r2', blockedBy: null });
    expect(visitPlan({ ...base, status: 'decision_issued', records: [old, newest], decisions: [doc('grant', 'r2')] }).correction).toEqual({ recordId: 'r2', blockedBy: 'live-decision' });
  });

  it('while correcting, the materials, identity and outcome are worked again; the document steps stay as they are', () => {
    const p = visitPlan({ ...base, status: 'rejected', records: [record('r1', 'rejected')], recorded: ['passport', 'contract'] });
    expect(p.steps.states.outcome).toBe('done');
    expect(p.correctingSteps.states).toMatchObject({ materials: 'done', identity: 'todo', outcome: 'todo', document: 'todo' });
    expect(p.correctingSteps.current).toBe('identity');
  });
});
