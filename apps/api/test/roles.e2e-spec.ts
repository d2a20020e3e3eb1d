import { Invitation } from '../src/modules/identity/invitation.entity';
import { useTestApp } from './support/app';
import { createEstate, createResident, createUser, Estate, roleIn } from './support/fixtures';

describe('roles: invitations, assignments, the audit log', () => {
  const t = useTestApp();
  let estate: Estate;
  let companyAdmin: { Authorization: string };
  beforeEach(async () => {
    estate = await createEstate(t.db);
    companyAdmin = await t.signInAs(roleIn(estate).companyAdmin);
  });

  const someone = async () => {
    const created = await createUser(t.db, []);
    return { ...created, auth: await t.signIn(created.devKey) };
  };

  it('a company admin invites a repairman; he redeems the code and works at that estate', async () => {
    const invite = await t.http().post('/api/v1/invitations').set(companyAdmin).send({ role: 'staff', communityId: estate.community.id, title: '维修工' }).expect(201);
    expect(invite.body).toMatchObject({ role: 'staff', scopeName: estate.community.name, companyId: estate.company.id, title: '维修工', acceptedAt: null });
    expect(invite.body.code).toMatch(/^[A-Z2-9]{8}$/);

    const worker = await someone();
    const accepted = await t.http().post('/api/v1/invitations/accept').set(worker.auth).send({ code: invite.body.code.toLowerCase() }).expect(200);
    expect(accepted.body).toMatchObject({ role: 'staff', communityId: estate.community.id, title: '维修工', effective: true });
    const me = await t.http().get('/api/v1/me').set(worker.auth).expect(200);
    expect(me.body.roles).toEqual([expect.objectContaining({ role: 'staff', communityId: estate.community.id, companyId: estate.company.id, title: '维修工' })]);

    const second = await someone();
    const reused = await t.http().post('/api/v1/invitations/accept').set(second.auth).send({ code: invite.body.code }).expect(409);
    expect(reused.body.code).toBe('INVITATION_USED');

    const staffList = await t.http().get(`/api/v1/role-assignments?companyId=${estate.company.id}`).set(companyAdmin).expect(200);
    expect(staffList.body.items.map((r: { user: { id: number } }) => r.user.id)).toContain(worker.user.id);
  });

  it('promotes an employee to manager, and revokes roles', async () => {
    const worker = await someone();
    const code = (await t.http().post('/api/v1/invitations').set(companyAdmin).send({ role: 'staff', communityId: estate.community.id }).expect(201)).body.code;
    await t.http().post('/api/v1/invitations/accept').set(worker.auth).send({ code }).expect(200);
    const promoted = await t.http().post('/api/v1/role-assignments').set(companyAdmin).send({ userId: worker.user.id, role: 'manager', communityId: estate.community.id }).expect(201);
    expect(promoted.body.role).toBe('manager');
    await t.http().get(`/api/v1/communities/${estate.community.id}/bindings`).set(worker.auth).expect(200);

    // Someone who is not the company's: refused as unknown.
    const stranger = await someone();
    await t.http().post('/api/v1/role-assignments').set(companyAdmin).send({ userId: stranger.user.id, role: 'manager', communityId: estate.community.id }).expect(404);

    await t.http().post(`/api/v1/role-assignments/${promoted.body.id}/revoke`).set(companyAdmin).expect(200);
    await t.http().get(`/api/v1/communities/${estate.community.id}/bindings`).set(worker.auth).expect(403);
  });

  it('refuses what the issuer may not grant, and expired or unknown codes', async () => {
    const other = await createEstate(t.db);
    await t.http().post('/api/v1/invitations').set(companyAdmin).send({ role: 'staff', communityId: other.community.id }).expect(404);
    await t.http().post('/api/v1/invitations').set(companyAdmin).send({ role: 'company_admin', companyId: estate.company.id }).expect(403);
    await t.http().post('/api/v1/invitations').set(companyAdmin).send({ role: 'staff' }).expect(422);
    const resident = await createResident(t.db, estate.houses[0]);
    await t.http().post('/api/v1/invitations').set(await t.signIn(resident.devKey)).send({ role: 'staff', communityId: estate.community.id }).expect(403);

    const invite = await t.http().post('/api/v1/invitations').set(companyAdmin).send({ role: 'staff', communityId: estate.community.id }).expect(201);
    await t.db.getRepository(Invitation).update(invite.body.id, { expiresAt: new Date(Date.now() - 1000) });
    const worker = await someone();
    expect((await t.http().post('/api/v1/invitations/accept').set(worker.auth).send({ code: invite.body.code }).expect(410)).body.code).toBe('INVITATION_EXPIRED');
    expect((await t.http().post('/api/v1/invitations/accept').set(worker.auth).send({ code: 'ZZZZZZZZ' }).expect(404)).body.code).toBe('INVITATION_INVALID');
  });

  it('lets the community office seat the owners’ committee of its estates only', async () => {
    const office = await t.signInAs(roleIn(estate).office);
    const invite = await t.http().post('/api/v1/invitations').set(office).send({ role: 'committee_chair', communityId: estate.community.id }).expect(201);
    const chair = await someone();
    await t.http().post('/api/v1/invitations/accept').set(chair.auth).send({ code: invite.body.code }).expect(200);
    expect((await t.http().get('/api/v1/me').set(chair.auth).expect(200)).body.roles[0]).toMatchObject({ role: 'committee_chair', communityId: estate.community.id });
    const elsewhere = await createEstate(t.db);
    await t.http().post('/api/v1/invitations').set(office).send({ role: 'committee', communityId: elsewhere.community.id }).expect(404);
  });

  it('a staff invitation dies with the contract', async () => {
    const invite = await t.http().post('/api/v1/invitations').set(companyAdmin).send({ role: 'manager', communityId: estate.community.id }).expect(201);
    const admin = await t.signInAs({ role: 'platform_admin' });
    await t.http().post(`/api/v1/contracts/${estate.contract.id}/end`).set(admin).send({ reason: 'terminated' }).expect(200);
    const worker = await someone();
    expect((await t.http().post('/api/v1/invitations/accept').set(worker.auth).send({ code: invite.body.code }).expect(409)).body.code).toBe('INVITATION_STALE');
  });

  it('shows a company admin the audit of its own company only; platform admins all of it', async () => {
    const other = await createEstate(t.db);
    const otherAdmin = await t.signInAs(roleIn(other).companyAdmin);
    // The request id reaches the audit entry of a write, though its body is read before the route runs.
    const mine = await t.http().post('/api/v1/invitations').set(companyAdmin).set('X-Request-Id', 'trace-invite-1').send({ role: 'staff', communityId: estate.community.id }).expect(201);
    const theirs = await t.http().post('/api/v1/invitations').set(otherAdmin).send({ role: 'staff', communityId: other.community.id }).expect(201);

    const log = await t.http().get('/api/v1/audit?entityType=invitation&limit=100').set(companyAdmin).expect(200);
    const ids = log.body.items.map((e: { entityId: number }) => e.entityId);
    expect(ids).toContain(mine.body.id);
    expect(ids).not.toContain(theirs.body.id);
    expect(log.body.items[0]).toMatchObject({ action: 'invitation.create', actor: { displayName: expect.any(String) } });
    expect(log.body.items.find((e: { entityId: number }) => e.entityId === mine.body.id).requestId).toBe('trace-invite-1');

    const admin = await t.signInAs({ role: 'platform_admin' });
    const all = await t.http().get('/api/v1/audit?entityType=invitation&limit=100').set(admin).expect(200);
    expect(all.body.items.map((e: { entityId: number }) => e.entityId)).toEqual(expect.arrayContaining([mine.body.id, theirs.body.id]));

    const resident = await createResident(t.db, estate.houses[0]);
    await t.http().get('/api/v1/audit').set(await t.signIn(resident.devKey)).expect(403);
  });
});
