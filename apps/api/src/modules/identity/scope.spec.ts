import { Principal, type Grant } from './principal';
import { communityScope, communityScopeFor, companyScope, eitherScope, reachable } from './scope';

const principal = (...grants: Grant[]) => new Principal(1, grants, 's');
const manager = (communities: number[]): Grant => ({ role: 'manager', communityId: communities[0], companyId: 9, communities });
const admin: Grant = { role: 'platform_admin', communities: 'all' };
const companyAdmin: Grant = { role: 'company_admin', companyId: 9, communities: [3, 4] };
const office: Grant = { role: 'community_office', areaId: 70, communities: [5, 6] };

/** What a condition lets through, tried on rows: the SQL evaluated by hand for `col IN (…)`, `col = …`, 1 = 1, 1 = 0. */
function admits(condition: { sql: string; params: Record<string, unknown> }, value: number): boolean {
  if (condition.sql === '1 = 1') return true;
  if (condition.sql === '1 = 0') return false;
  const parts = (condition.sql.startsWith('(') ? condition.sql.slice(1, -1) : condition.sql).split(' OR ');
  return parts.some((part) => {
    const list = /IN \(:\.\.\.(\w+)\)/.exec(part);
    if (list) return (condition.params[list[1]] as number[]).includes(value);
    const one = /= :(\w+)/.exec(part);
    return one ? condition.params[one[1]] === value : false;
  });
}

describe('tenancy: what a caller reaches', () => {
  it('reaches the communities of the grants that hold the policy, and nothing else', () => {
    const caller = principal(manager([1, 2]), office);
    const handle = communityScope(caller, 'tickets.handle', 't.community_id');
    expect([1, 2, 5, 7].map((c) => admits(handle, c))).toEqual([true, true, false, false]);
    // The office's grant counts for oversight, not for handling.
    const oversee = communityScope(caller, 'oversight.read', 't.community_id');
    expect([1, 5, 6].map((c) => admits(oversee, c))).toEqual([false, true, true]);
  });

  it('reaches nothing without a grant for the policy, and everything as platform admin', () => {
    expect(communityScope(principal(office), 'tickets.handle', 'c.id').sql).toBe('1 = 0');
    expect(communityScope(principal(admin), 'tickets.handle', 'c.id').sql).toBe('1 = 1');
  });

  it('narrows to a community the request names, and answers 404 for one outside the scope', () => {
    const caller = principal(manager([1, 2]));
    const one = communityScopeFor(caller, 'tickets.handle', 't.community_id', 2);
    expect([1, 2].map((c) => admits(one, c))).toEqual([false, true]);
    expect(() => communityScopeFor(caller, 'tickets.handle', 't.community_id', 3)).toThrow(expect.objectContaining({ statusCode: 404, code: 'NOT_FOUND' }));
    expect(() => communityScopeFor(principal(), 'tickets.handle', 't.community_id', 1, 'ticket')).toThrow(expect.objectContaining({ details: { resource: 'ticket' } }));
  });

  it('joins a company scope and a community scope with OR, with distinct parameters', () => {
    const caller = principal(companyAdmin);
    const either = eitherScope(companyScope(caller, 'sc.company_id'), communityScope(caller, 'contracts.read', 'sc.community_id'));
    expect(either.sql).toBe('(sc.company_id IN (:...scope_sc_company_id) OR sc.community_id IN (:...scope_sc_community_id))');
    expect(either.params).toEqual({ scope_sc_company_id: [9], scope_sc_community_id: [3, 4] });
    expect(eitherScope(companyScope(principal(), 'a'), communityScope(principal(), 'audit.read', 'b')).sql).toBe('1 = 0');
    expect(eitherScope(companyScope(principal(admin), 'a'), communityScope(principal(), 'audit.read', 'b')).sql).toBe('1 = 1');
  });

  it('filters ids already loaded the same way', () => {
    const inScope = reachable(principal(manager([1])), 'tickets.handle');
    expect([1, 2].map(inScope)).toEqual([true, false]);
    expect([1, 99].map(reachable(principal(admin), 'tickets.handle'))).toEqual([true, true]);
  });

  it('knows the area grants under a policy', () => {
    expect(principal(office, manager([1])).areaIds('oversight.read')).toEqual([70]);
    expect(principal(office).areaIds('ratings.write')).toEqual([]);
    expect(principal(admin).areaIds('ratings.write')).toBe('all');
  });
});
