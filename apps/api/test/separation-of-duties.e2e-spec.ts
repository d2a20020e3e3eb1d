import { shanghaiDate } from '@wuye/contracts';
import { HouseBinding } from '../src/modules/identity/house-binding.entity';
import { Invitation } from '../src/modules/identity/invitation.entity';
import { RoleAssignment } from '../src/modules/identity/role-assignment.entity';
import { ServiceContract } from '../src/modules/org/service-contract.entity';
import { useTestApp } from './support/app';
import { createCommunity, createCompany, createContract, createEstate, createUser, Estate, roleIn } from './support/fixtures';

type Auth = { Authorization: string };

/**
 * 职责分离 (identity side): nobody holds a property-side role (staff, manager, admin of the company serving the
 * estate) and a committee role (committee, committee_chair) in the same estate; nobody decides their own request.
 */
describe('separation of duties', () => {
  const t = useTestApp();
  let estate: Estate;
  let companyAdmin: Auth;
  let office: Auth;
  beforeEach(async () => {
    estate = await createEstate(t.db);
    companyAdmin = await t.signInAs(roleIn(estate).companyAdmin);
    office = await t.signInAs(roleIn(estate).office);
  });

  const person = async (roles: Parameters<typeof createUser>[1] = []) => {
    const created = await createUser(t.db, roles);
    return { ...created, auth: await t.signIn(created.devKey) };
  };
  const invite = async (issuer: Auth, body: object) => (await t.http().post('/api/v1/invitations').set(issuer).send(body).expect(201)).body as { id: number; code: string };
  const rolesOf = async (userId: number) => (await t.db.getRepository(RoleAssignment).findBy({ userId })).map((r) => `${r.role}:${r.communityId ?? r.companyId}`).sort();

  it('refuses a committee member an invitation to the property side of the same estate; the check says so before accepting', async () => {
    const member = await person([{ role: 'committee', communityId: estate.community.id }]);
    const code = (await invite(companyAdmin, { role: 'staff', communityId: estate.community.id, title: '维修工' })).code;

    const check = await t.http().post('/api/v1/invitations/check').set(member.auth).send({ code }).expect(200);
    expect(check.body).toMatchObject({ role: 'staff', scopeName: estate.community.name, can: { accept: false } });
    expect(check.body.blocked.accept).toContain(`${estate.community.name}的业委会委员`);

    const refused = await t.http().post('/api/v1/invitations/accept').set(member.auth).send({ code }).expect(409);
    expect(refused.body).toMatchObject({ code: 'DUTIES_CONFLICT', message: check.body.blocked.accept });
    // Nothing changed: no role, and the code is still unused for someone else.
    expect(await rolesOf(member.user.id)).toEqual([`committee:${estate.community.id}`]);
    expect((await t.db.getRepository(Invitation).findOneByOrFail({ code })).acceptedAt).toBeNull();
    const other = await person();
    expect((await t.http().post('/api/v1/invitations/check').set(other.auth).send({ code }).expect(200)).body).toMatchObject({ can: { accept: true }, blocked: {} });
    await t.http().post('/api/v1/invitations/accept').set(other.auth).send({ code }).expect(200);
  });

  it('refuses staff, managers and the serving company’s admin a committee invitation in that estate', async () => {
    const staff = await person([{ role: 'staff', communityId: estate.community.id, companyId: estate.company.id }]);
    const manager = await person([{ role: 'manager', communityId: estate.community.id, companyId: estate.company.id }]);
    const admin = await person([{ role: 'company_admin', companyId: estate.company.id }]);
    for (const [who, role] of [
      [staff, 'committee'],
      [manager, 'committee_chair'],
      [admin, 'committee'],
    ] as const) {
      const { code } = await invite(office, { role, communityId: estate.community.id });
      const check = await t.http().post('/api/v1/invitations/check').set(who.auth).send({ code }).expect(200);
      expect(check.body.can.accept).toBe(false);
      const refused = await t.http().post('/api/v1/invitations/accept').set(who.auth).send({ code }).expect(409);
      expect(refused.body.code).toBe('DUTIES_CONFLICT');
      expect((await rolesOf(who.user.id)).some((r) => r.startsWith('committee'))).toBe(false);
    }
  });

  it('refuses a committee member an invitation to administer the company serving their estate', async () => {
    const member = await person([{ role: 'committee_chair', communityId: estate.community.id }]);
    const platform = await t.signInAs({ role: 'platform_admin' });
    const { code } = await invite(platform, { role: 'company_admin', companyId: estate.company.id });
    expect((await t.http().post('/api/v1/invitations/accept').set(member.auth).send({ code }).expect(409)).body.code).toBe('DUTIES_CONFLICT');
    expect(await rolesOf(member.user.id)).toEqual([`committee_chair:${estate.community.id}`]);
  });

  it('two invitations accepted at the same moment never seat one person on both sides', async () => {
    for (let round = 0; round < 4; round++) {
      const newcomer = await person();
      const staffCode = (await invite(companyAdmin, { role: 'staff', communityId: estate.community.id, title: '保安' })).code;
      const committeeCode = (await invite(office, { role: 'committee', communityId: estate.community.id })).code;
      const answers = await Promise.all([staffCode, committeeCode].map((code) => t.http().post('/api/v1/invitations/accept').set(newcomer.auth).send({ code })));
      expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
      expect(answers.find((a) => a.status === 409)?.body.code).toBe('DUTIES_CONFLICT');
      expect(await rolesOf(newcomer.user.id)).toHaveLength(1);
    }
  });

  it('refuses a company admin making a committee member of the estate its manager', async () => {
    // An employee of the company at another estate it serves, who sits on this estate's committee.
    const elsewhere = { community: await createCommunity(t.db, estate.office) };
    await createContract(t.db, elsewhere.community, estate.company);
    const member = await person([
      { role: 'staff', communityId: elsewhere.community.id, companyId: estate.company.id },
      { role: 'committee', communityId: estate.community.id },
    ]);
    const refused = await t.http().post('/api/v1/role-assignments').set(companyAdmin).send({ userId: member.user.id, role: 'manager', communityId: estate.community.id }).expect(409);
    expect(refused.body.code).toBe('DUTIES_CONFLICT');
    expect(refused.body.message).toContain(member.user.displayName);
    expect(await rolesOf(member.user.id)).not.toContain(`manager:${estate.community.id}`);
    // The same promotion in the estate where they are not on the committee is fine.
    await t.http().post('/api/v1/role-assignments').set(companyAdmin).send({ userId: member.user.id, role: 'manager', communityId: elsewhere.community.id }).expect(201);
  });

  it('refuses a service contract that would seat a committee member of the estate on its property side, and changes nothing', async () => {
    const admin = (await person([{ role: 'platform_admin' }])).auth;
    const incoming = await createCompany(t.db);
    const today = shanghaiDate();
    await t.http().post(`/api/v1/contracts/${estate.contract.id}/end`).set(admin).send({ reason: 'reselected' }).expect(200);
    const start = () => t.http().post('/api/v1/contracts').set(admin).send({ communityId: estate.community.id, companyId: incoming.id, startsOn: today, serviceGrade: '二级' });
    // A committee member who administers the incoming company, and another who is already its staff in the estate.
    const chairAdmin = await person([{ role: 'committee', communityId: estate.community.id }, { role: 'company_admin', companyId: incoming.id }]);
    const memberStaff = await person([{ role: 'committee', communityId: estate.community.id }, { role: 'staff', communityId: estate.community.id, companyId: incoming.id }]);
    const refused = (await start().expect(409)).body;
    expect(refused).toMatchObject({ code: 'DUTIES_CONFLICT', message: expect.stringContaining(`${chairAdmin.user.displayName}是本小区的业委会委员`) });
    expect(await t.db.getRepository(ServiceContract).countBy({ communityId: estate.community.id, companyId: incoming.id })).toBe(0);
    // Once one steps down from the committee, the other still stands in the way; once both have, the contract starts.
    await t.db.getRepository(RoleAssignment).update({ userId: chairAdmin.user.id, role: 'committee' }, { revokedAt: new Date() });
    expect((await start().expect(409)).body.message).toContain(memberStaff.user.displayName);
    await t.db.getRepository(RoleAssignment).update({ userId: memberStaff.user.id, role: 'committee' }, { revokedAt: new Date() });
    await start().expect(201);
  });

  it('allows a person both sides in different estates', async () => {
    const other = await createEstate(t.db);
    const member = await person([{ role: 'committee', communityId: other.community.id }]);
    const { code } = await invite(companyAdmin, { role: 'manager', communityId: estate.community.id });
    await t.http().post('/api/v1/invitations/accept').set(member.auth).send({ code }).expect(200);
    expect(await rolesOf(member.user.id)).toEqual([`committee:${other.community.id}`, `manager:${estate.community.id}`].sort());
  });

  it('lists the pairs that exist for the estate’s office, the serving company’s admin and platform admins, each role revocable by its own issuer', async () => {
    // Pairs from before the rule (written straight into the table), in this estate and in another one.
    const both = await person([
      { role: 'manager', communityId: estate.community.id, companyId: estate.company.id },
      { role: 'committee', communityId: estate.community.id },
    ]);
    const other = await createEstate(t.db);
    const elsewhere = await person([
      { role: 'staff', communityId: other.community.id, companyId: other.company.id },
      { role: 'committee_chair', communityId: other.community.id },
    ]);
    const clean = await person([{ role: 'committee', communityId: estate.community.id }]);

    const byOffice = await t.http().get('/api/v1/role-assignments/conflicts').set(office).expect(200);
    expect(byOffice.body.items).toEqual([
      expect.objectContaining({
        user: expect.objectContaining({ id: both.user.id }),
        communityId: estate.community.id,
        communityName: estate.community.name,
        property: [expect.objectContaining({ role: 'manager', can: { revoke: false } })],
        committee: [expect.objectContaining({ role: 'committee', can: { revoke: true } })],
      }),
    ]);
    const byCompany = await t.http().get('/api/v1/role-assignments/conflicts').set(companyAdmin).expect(200);
    expect(byCompany.body.items).toEqual([expect.objectContaining({ property: [expect.objectContaining({ can: { revoke: true } })], committee: [expect.objectContaining({ can: { revoke: false } })] })]);
    const platform = await t.signInAs({ role: 'platform_admin' });
    const all = await t.http().get('/api/v1/role-assignments/conflicts?limit=100').set(platform).expect(200);
    const users = all.body.items.map((p: { user: { id: number } }) => p.user.id);
    expect(users).toEqual(expect.arrayContaining([both.user.id, elsewhere.user.id]));
    expect(users).not.toContain(clean.user.id);
    // Paged by estate and person: one at a time reaches the same pairs.
    const first = await t.http().get('/api/v1/role-assignments/conflicts?limit=1').set(platform).expect(200);
    expect(first.body.items).toHaveLength(1);
    const second = await t.http().get(`/api/v1/role-assignments/conflicts?limit=1&cursor=${first.body.nextCursor}`).set(platform).expect(200);
    expect(second.body.items[0].communityId).toBeGreaterThanOrEqual(first.body.items[0].communityId);

    // The office revokes the committee seat; the pair is gone.
    await t.http().post(`/api/v1/role-assignments/${byOffice.body.items[0].committee[0].id}/revoke`).set(office).expect(200);
    expect((await t.http().get('/api/v1/role-assignments/conflicts').set(office).expect(200)).body.items).toEqual([]);
    // Residents and staff have no such list.
    await t.http().get('/api/v1/role-assignments/conflicts').set(both.auth).expect(403);
  });

  it('never lets a reviewer decide their own binding request: refused, and the queue says why before they try', async () => {
    const manager = await person([{ role: 'manager', communityId: estate.community.id, companyId: estate.company.id }]);
    const committee = await person([{ role: 'committee', communityId: estate.community.id }]);
    const own = await t.http().post('/api/v1/bindings').set(manager.auth).send({ houseId: estate.houses[1].id, relation: 'owner' }).expect(201);

    const queue = await t.http().get(`/api/v1/communities/${estate.community.id}/bindings?state=pending`).set(manager.auth).expect(200);
    const mine = queue.body.items.find((b: { id: number }) => b.id === own.body.id);
    expect(mine).toMatchObject({ can: { approve: false, reject: false }, blocked: { approve: expect.stringContaining('您自己提交的申请') } });
    for (const action of ['approve', 'reject']) {
      const refused = await t.http().post(`/api/v1/bindings/${own.body.id}/${action}`).set(manager.auth).send({ reason: '自己驳回' }).expect(403);
      expect(refused.body.code).toBe('OWN_REQUEST');
    }
    expect((await t.db.getRepository(HouseBinding).findOneByOrFail({ id: own.body.id })).state).toBe('pending');

    // Another reviewer of the estate decides it.
    const seen = await t.http().get(`/api/v1/communities/${estate.community.id}/bindings?state=pending`).set(committee.auth).expect(200);
    expect(seen.body.items.find((b: { id: number }) => b.id === own.body.id)).toMatchObject({ can: { approve: true, reject: true }, blocked: {} });
    await t.http().post(`/api/v1/bindings/${own.body.id}/approve`).set(committee.auth).expect(200);
  });
});
