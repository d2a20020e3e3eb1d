import { Principal, type Grant } from './principal';
import { areaCovers, communityScope, communityScopeFor, companyScope, eitherScope, reachable, underArea, underAreas } from './scope';

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

  it('reaches the communities of any of several policies, each once', () => {
    const chairAndOffice = principal({ role: 'committee_chair', communityId: 1, communities: [1] }, { role: 'committee', communityId: 2, communities: [2] }, office);
    const insiders = communityScope(chairAndOffice, ['votes.paper', 'votes.approve'], 'v.communityId');
    expect([1, 2, 5, 6, 7].map((c) => admits(insiders, c))).toEqual([true, true, true, true, false]);
    expect(insiders.params).toEqual({ scope_v_communityId: [1, 2, 5, 6] });
    expect(communityScope(principal(manager([1])), ['votes.paper', 'votes.approve'], 'v.communityId').sql).toBe('1 = 0');
    expect(communityScope(principal(admin, office), ['votes.approve', 'tickets.handle'], 't.community_id').sql).toBe('1 = 1');
  });

  it('filters ids already loaded the same way', () => {
    const inScope = reachable(principal(manager([1])), 'tickets.handle');
    expect([1, 2].map(inScope)).toEqual([true, false]);
    expect([1, 99].map(reachable(principal(admin), 'tickets.handle'))).toEqual([true, true]);
  });

  it('filters an area subtree as areaCovers decides it, one prefix per area', () => {
    // The LIKE 'prefix%' patterns evaluated by hand.
    const likes = (c: { sql: string; params: Record<string, unknown> }, path: string) =>
      c.sql !== '1 = 0' && [...c.sql.matchAll(/LIKE :(\w+)/g)].some(([, name]) => path.startsWith(String(c.params[name]).replace(/%$/, '')));
    const paths = ['/1/', '/1/4/', '/1/4/9/', '/1/5/', '/2/4/'];
    const county = underArea('c.areaPath', '/1/4/');
    expect(county.sql).toBe('c.areaPath LIKE :under_c_areaPath0');
    expect(paths.map((p) => likes(county, p))).toEqual(paths.map((p) => areaCovers({ path: '/1/4/' }, p)));
    expect(paths.map((p) => likes(county, p))).toEqual([false, true, true, false, false]);
    const two = underAreas('a.path', ['/1/5/', '/2/']);
    expect(paths.map((p) => likes(two, p))).toEqual([false, false, false, true, true]);
    expect(underAreas('a.path', []).sql).toBe('1 = 0');
  });

  it('knows the area grants under a policy', () => {
    expect(principal(office, manager([1])).areaIds('oversight.read')).toEqual([70]);
    expect(principal(office).areaIds('ratings.write')).toEqual([]);
    expect(principal(admin).areaIds('ratings.write')).toBe('all');
  });
});

describe('where the caller stands in an estate', () => {
  const staff: Grant = { role: 'staff', communityId: 1, companyId: 9, communities: [1] };
  const resident: Grant = { role: 'resident', communityId: 2, communities: [2] };

  it('counts grants that reach the estate now, never a platform admin’s reach of everything', () => {
    expect(principal(admin).holdsIn(['platform_admin', 'manager'], 1)).toBe(false);
    expect(principal(manager([1])).holdsIn(['manager'], 1)).toBe(true);
    expect(principal(manager([1])).holdsIn(['manager'], 2)).toBe(false);
    expect([1, 2].map((c) => principal(resident).residesIn(c))).toEqual([false, true]);
  });

  it('names the sides it stands on, and through a policy’s roles only when asked', () => {
    const both = principal(staff, office, { role: 'committee', communityId: 5, communities: [5] });
    expect(both.sidesIn(1)).toEqual(['property']);
    expect(both.sidesIn(5)).toEqual(['committee', 'office']);
    // Staff may not post: the manager's side posts, the office's here.
    expect(principal(staff, office).sidesIn(1, 'announcements.post')).toEqual([]);
    expect(principal(manager([5]), office).sidesIn(5, 'announcements.post')).toEqual(['property', 'office']);
    expect(principal(admin).sidesIn(1)).toEqual([]);
  });

  it('acts for a company only as that company’s own role in the estate', () => {
    const caller = principal(manager([1]));
    expect(caller.mayForCompany('rectifications.reply', 1, 9)).toBe(true);
    expect(caller.mayForCompany('rectifications.reply', 1, 8)).toBe(false);
    expect(caller.mayForCompany('rectifications.reply', 2, 9)).toBe(false);
    expect(principal(companyAdmin).mayForCompany('rectifications.reply', 3, 9)).toBe(false);
    expect(principal(admin).mayForCompany('rectifications.reply', 1, 9)).toBe(false);
  });
});
