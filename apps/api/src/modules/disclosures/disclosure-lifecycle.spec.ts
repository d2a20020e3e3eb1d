import { DISCLOSURE_STATES, DISCLOSURE_STEPS, DISCLOSURE_TRANSITIONS, type DisclosureState, type Role } from '@wuye/contracts';
import { POLICIES } from '../identity/policies';
import { Principal } from '../identity/principal';
import { disclosureActions, refusalFrom, signOffHold } from './disclosure-lifecycle';

const ESTATE = 4;
const ROLES: Role[] = ['manager', 'staff', 'committee', 'committee_chair', 'resident', 'community_office', 'company_admin'];
const as = (role: Role, communities = [ESTATE]) => new Principal(1, [{ role, communityId: communities[0], communities }], 's');
const published = (state: DisclosureState) => state === 'published' || state === 'superseded';

describe('disclosure lifecycle: every step × state of DISCLOSURE_TRANSITIONS', () => {
  it.each(DISCLOSURE_STEPS.flatMap((step) => DISCLOSURE_STATES.map((state) => [step, state] as const)))('%s from %s', (step, state) => {
    const rule = DISCLOSURE_TRANSITIONS[step];
    const refusal = refusalFrom(state, step);
    if (rule.from.includes(state)) return expect(refusal).toBeNull();
    expect(refusal?.statusCode).toBe(409);
    // What was published is never changed: only a correction (a new version) or a question starts there.
    if (published(state) && !rule.from.some(published)) expect(refusal?.code).toBe(step === 'correct' ? 'ILLEGAL_TRANSITION' : 'DISCLOSURE_PUBLISHED');
    else expect(refusal).toMatchObject({ code: 'ILLEGAL_TRANSITION', message: rule.notFrom?.[state] ?? rule.notNow });
  });
});

describe('disclosure lifecycle: what each role may do, step × state × role', () => {
  it.each(ROLES.flatMap((role) => DISCLOSURE_STATES.map((state) => [role, state] as const)))('%s on a disclosure %s', (role, state) => {
    const { can, blocked } = disclosureActions({ state, communityId: ESTATE }, as(role));
    for (const step of DISCLOSURE_STEPS) {
      const rule = DISCLOSURE_TRANSITIONS[step];
      const holds = (POLICIES[rule.policy] as readonly Role[]).includes(role);
      expect([step, can[step]]).toEqual([step, holds && rule.from.includes(state)]);
    }
    expect(blocked).toEqual({});
  });

  it('gives nothing in an estate outside the caller’s grants', () => {
    const { can } = disclosureActions({ state: 'in_review', communityId: ESTATE }, as('committee_chair', [ESTATE + 1]));
    expect(Object.values(can).some(Boolean)).toBe(false);
  });

  it('holds the chair’s sign-off back with the reason while queries are open, and only for the chair', () => {
    const holds = { signOff: '还有 2 条质疑未回复，不能签发' };
    const chair = disclosureActions({ state: 'in_review', communityId: ESTATE }, as('committee_chair'), holds);
    expect(chair.can.signOff).toBe(false);
    expect(chair.blocked).toEqual({ signOff: '还有 2 条质疑未回复，不能签发' });
    expect(chair.can.review).toBe(true);
    expect(disclosureActions({ state: 'in_review', communityId: ESTATE }, as('committee'), holds).blocked).toEqual({});
    // Not in review: the reason is not the queries, the sign-off simply does not apply.
    expect(disclosureActions({ state: 'draft', communityId: ESTATE }, as('committee_chair'), holds).blocked).toEqual({});
  });
});

describe('sign-off: every query answered, every line approved by another member since it last changed', () => {
  const CHAIR = 9;
  const MEMBER = 8;
  const lines = [
    { id: 1, seq: 1, changedRound: 0 },
    { id: 2, seq: 2, changedRound: 1 },
  ];
  const review = (lineId: number | null, round: number, reviewerId: number, decision: 'approve' | 'query' = 'approve', answeredAt: Date | null = null) => ({ lineId, round, reviewerId, decision, answeredAt });

  it('holds while any query of any round is unanswered', () => {
    expect(signOffHold(lines, [review(null, 2, MEMBER), review(1, 1, MEMBER, 'query')], CHAIR)).toEqual({ code: 'OPEN_QUERIES', message: '还有 1 条质疑未回复，不能签发' });
    expect(signOffHold(lines, [review(null, 2, MEMBER), review(1, 1, MEMBER, 'query', new Date())], CHAIR)).toBeNull();
  });

  it('counts an approval only by someone else, and only after the line last changed', () => {
    // Line 2 changed in round 1: round 1's approvals were of the old line.
    expect(signOffHold(lines, [review(null, 1, MEMBER)], CHAIR)).toEqual({ code: 'LINES_NOT_APPROVED', message: '第 2 项还没有其他委员审核通过，不能签发' });
    expect(signOffHold(lines, [review(null, 1, MEMBER), review(2, 2, MEMBER)], CHAIR)).toBeNull();
    // The signer's own approvals never count.
    expect(signOffHold(lines, [review(null, 2, CHAIR)], CHAIR)?.message).toContain('第 1、2 项');
  });
});
