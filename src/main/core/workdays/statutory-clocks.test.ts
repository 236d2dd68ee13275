import { describe, expect, it } from 'vitest';
import { publishedSchedules } from './published-schedules';
import { statutoryClocks } from './statutory-clocks';
import { createWorkdayCalendar } from './working-days';

const cal = createWorkdayCalendar(publishedSchedules());
const facts = (over: Partial<Parameters<typeof statutoryClocks>[0]> = {}) => ({ records: [], decidedOn: null, servedOn: null, bringBy: null, ...over });

describe('the statutory clocks of a case, in working days', () => {
  it('none before the applicant comes', () => {
    expect(statutoryClocks(facts(), cal, '2026-10-09')).toEqual({ decision: null, service: null, supplement: null, scheduleKnown: true });
  });

  it('Art. 42 across National Day 2026: accepted on 30 September, due 3 November; 18 working days left on 9 October', () => {
    const c = statutoryClocks(facts({ records: [{ on: '2026-09-30', outcome: 'approved' }] }), cal, '2026-10-09');
    expect(c.decision).toEqual({ from: '2026-09-30', dueOn: '2026-11-03', workdaysLeft: 18, state: 'running', doneOn: null });
    expect(statutoryClocks(facts({ records: [{ on: '2026-09-30', outcome: 'approved' }] }), cal, '2026-11-05').decision).toMatchObject({ state: 'late', workdaysLeft: -2 });
  });

  it('Art. 44: decided on 12 October, to be served by 26 October; the decision clock is met', () => {
    const c = statutoryClocks(facts({ records: [{ on: '2026-09-30', outcome: 'approved' }], decidedOn: '2026-10-12' }), cal, '2026-10-12');
    expect(c.decision).toMatchObject({ state: 'met', doneOn: '2026-10-12' });
    expect(c.service).toEqual({ from: '2026-10-12', dueOn: '2026-10-26', workdaysLeft: 10, state: 'running', doneOn: null });
  });

  it('a supplement asked for on the spot: the day and the last day to bring them; the approval on return starts the decision clock', () => {
    const asked = statutoryClocks(facts({ records: [{ on: '2026-02-13', outcome: 'supplement' }], bringBy: '2026-03-01' }), cal, '2026-02-13');
    expect(asked).toMatchObject({ decision: null, supplement: { askedOn: '2026-02-13', bringBy: '2026-03-01' } });
    const back = statutoryClocks(facts({ records: [{ on: '2026-02-13', outcome: 'supplement' }, { on: '2026-02-24', outcome: 'approved' }] }), cal, '2026-02-24');
    expect(back).toMatchObject({ supplement: null, decision: { from: '2026-02-24', state: 'running' } });
  });

  it('a rejection is the decision, on its day', () => {
    expect(statutoryClocks(facts({ records: [{ on: '2026-05-06', outcome: 'rejected' }] }), cal, '2026-05-06').decision).toMatchObject({ state: 'met', doneOn: '2026-05-06' });
  });

  it('a clock that reaches a year with no known schedule says so', () => {
    expect(statutoryClocks(facts({ records: [{ on: '2026-12-20', outcome: 'approved' }] }), cal, '2026-12-21').scheduleKnown).toBe(false);
  });
});
