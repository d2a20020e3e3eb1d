import { AuditEntry } from '../src/modules/identity/audit-entry.entity';
import { HouseBinding } from '../src/modules/identity/house-binding.entity';
import { useTestApp } from './support/app';
import { createEstate, createResident, Estate, roleIn } from './support/fixtures';

describe('house bindings', () => {
  const t = useTestApp();
  let estate: Estate;
  let manager: { Authorization: string };
  beforeEach(async () => {
    estate = await createEstate(t.db);
    manager = await t.signInAs(roleIn(estate).manager);
  });

  const newcomer = async () => t.signInAs();

  it('a newcomer asks, the manager approves, and the newcomer becomes a resident of the estate', async () => {
    const me = await newcomer();
    const asked = await t.http().post('/api/v1/bindings').set(me).send({ houseId: estate.houses[0].id, relation: 'owner', note: '房产证：王某' }).expect(201);
    expect(asked.body).toMatchObject({ state: 'pending', houseLabel: '1栋1单元0101', communityName: estate.community.name });
    expect(asked.body.applicantNote).toBeUndefined();

    const before = await t.http().get('/api/v1/me').set(me).expect(200);
    expect(before.body.roles).toEqual([]);
    expect(before.body.houses).toEqual([expect.objectContaining({ id: asked.body.id, state: 'pending' })]);

    const queue = await t.http().get(`/api/v1/communities/${estate.community.id}/bindings?state=pending`).set(manager).expect(200);
    expect(queue.body.items).toEqual([expect.objectContaining({ id: asked.body.id, applicantNote: '房产证：王某', applicant: expect.objectContaining({ displayName: expect.any(String) }) })]);

    await t.http().post(`/api/v1/bindings/${asked.body.id}/approve`).set(manager).expect(200);
    const after = await t.http().get('/api/v1/me').set(me).expect(200);
    expect(after.body.roles).toEqual([expect.objectContaining({ role: 'resident', communityId: estate.community.id, scopeName: estate.community.name })]);
    expect(after.body.houses[0]).toMatchObject({ state: 'approved', houseLabel: '1栋1单元0101' });
    await t.http().get(`/api/v1/communities/${estate.community.id}`).set(me).expect(200);

    const audit = await t.db.getRepository(AuditEntry).findOneByOrFail({ entityType: 'binding', entityId: asked.body.id, action: 'binding.approve' });
    expect(audit.after).toMatchObject({ state: 'approved' });
  });

  it('a rejection needs a reason the applicant can read, and a request is decided only once', async () => {
    const me = await newcomer();
    const asked = await t.http().post('/api/v1/bindings').set(me).send({ houseId: estate.houses[1].id, relation: 'tenant' }).expect(201);
    await t.http().post(`/api/v1/bindings/${asked.body.id}/reject`).set(manager).send({}).expect(400);
    const rejected = await t.http().post(`/api/v1/bindings/${asked.body.id}/reject`).set(manager).send({ reason: '租赁合同与登记信息不符' }).expect(200);
    expect(rejected.body).toMatchObject({ state: 'rejected', reason: '租赁合同与登记信息不符' });
    const again = await t.http().post(`/api/v1/bindings/${asked.body.id}/approve`).set(manager).expect(409);
    expect(again.body.code).toBe('BINDING_ALREADY_DECIDED');
    const mine = await t.http().get('/api/v1/me').set(me).expect(200);
    expect(mine.body.houses[0]).toMatchObject({ state: 'rejected', reason: '租赁合同与登记信息不符' });
    expect(mine.body.roles).toEqual([]);
  });

  it('the applicant clears a rejected request from their list; the rejection itself is kept', async () => {
    const me = await newcomer();
    const asked = await t.http().post('/api/v1/bindings').set(me).send({ houseId: estate.houses[1].id, relation: 'tenant' }).expect(201);
    await t.http().post(`/api/v1/bindings/${asked.body.id}/reject`).set(manager).send({ reason: '租赁合同已过期' }).expect(200);
    // Someone else (here the reviewer) cannot clear it: it is no longer open for them.
    const byManager = await t.http().post(`/api/v1/bindings/${asked.body.id}/remove`).set(manager).send({ reason: '清理' }).expect(409);
    expect(byManager.body.code).toBe('BINDING_ALREADY_DECIDED');
    const cleared = await t.http().post(`/api/v1/bindings/${asked.body.id}/remove`).set(me).send({}).expect(200);
    expect(cleared.body.state).toBe('removed');
    expect((await t.http().get('/api/v1/me').set(me).expect(200)).body.houses).toEqual([]);
    const row = await t.db.getRepository(HouseBinding).findOneByOrFail({ id: asked.body.id });
    expect(row).toMatchObject({ state: 'removed', reason: '租赁合同已过期' });
    expect(row.decidedById).not.toBeNull();
    const audit = await t.db.getRepository(AuditEntry).findOneByOrFail({ entityType: 'binding', entityId: asked.body.id, action: 'binding.clear' });
    expect(audit.before).toMatchObject({ state: 'rejected' });
    // Cleared once is cleared: a second try changes nothing.
    await t.http().post(`/api/v1/bindings/${asked.body.id}/remove`).set(me).send({}).expect(409);
    // And the house can be asked for again with the right papers.
    await t.http().post('/api/v1/bindings').set(me).send({ houseId: estate.houses[1].id, relation: 'tenant', note: '新租赁合同' }).expect(201);
  });

  it('two managers deciding at once: one wins, the other is told', async () => {
    const me = await newcomer();
    const asked = await t.http().post('/api/v1/bindings').set(me).send({ houseId: estate.houses[2].id, relation: 'owner' }).expect(201);
    const committee = await t.signInAs(roleIn(estate).committee);
    const results = await Promise.all([
      t.http().post(`/api/v1/bindings/${asked.body.id}/approve`).set(manager),
      t.http().post(`/api/v1/bindings/${asked.body.id}/reject`).set(committee).send({ reason: '信息不符' }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const row = await t.db.getRepository(HouseBinding).findOneByOrFail({ id: asked.body.id });
    expect(row.state).toBe(results[0].status === 200 ? 'approved' : 'rejected');
  });

  it('refuses a second request for the same house', async () => {
    const me = await newcomer();
    await t.http().post('/api/v1/bindings').set(me).send({ houseId: estate.houses[3].id, relation: 'owner' }).expect(201);
    const res = await t.http().post('/api/v1/bindings').set(me).send({ houseId: estate.houses[3].id, relation: 'family' }).expect(409);
    expect(res.body.code).toBe('BINDING_EXISTS');
  });

  it('lets the owner remove family and tenants, but not another owner', async () => {
    const owner = await createResident(t.db, estate.houses[0], 'owner');
    const family = await createResident(t.db, estate.houses[0], 'family');
    const coOwner = await createResident(t.db, estate.houses[0], 'owner');
    const ownerAuth = await t.signIn(owner.devKey);
    const mine = await t.http().get('/api/v1/me').set(ownerAuth).expect(200);
    const household = mine.body.houses[0].household;
    expect(household.map((b: { relation: string }) => b.relation).sort()).toEqual(['family', 'owner']);
    const familyBinding = household.find((b: { relation: string }) => b.relation === 'family');
    const coOwnerBinding = household.find((b: { relation: string }) => b.relation === 'owner');

    await t.http().post(`/api/v1/bindings/${coOwnerBinding.id}/remove`).set(ownerAuth).send({}).expect(404);
    const removed = await t.http().post(`/api/v1/bindings/${familyBinding.id}/remove`).set(ownerAuth).send({ reason: '已搬离' }).expect(200);
    expect(removed.body.state).toBe('removed');
    const familyMe = await t.http().get('/api/v1/me').set(await t.signIn(family.devKey)).expect(200);
    expect(familyMe.body.roles).toEqual([]);
    void coOwner;
  });

  it('keeps other estates’ queues and bindings out of reach (404)', async () => {
    const other = await createEstate(t.db);
    const me = await newcomer();
    const asked = await t.http().post('/api/v1/bindings').set(me).send({ houseId: other.houses[0].id, relation: 'owner' }).expect(201);
    await t.http().get(`/api/v1/communities/${other.community.id}/bindings`).set(manager).expect(404);
    await t.http().post(`/api/v1/bindings/${asked.body.id}/approve`).set(manager).expect(404);
    await t.http().post(`/api/v1/bindings/${asked.body.id}/remove`).set(manager).send({ reason: 'x' }).expect(404);
    expect((await t.db.getRepository(HouseBinding).findOneByOrFail({ id: asked.body.id })).state).toBe('pending');
  });

  it('lists an estate’s buildings and rooms for the binding form, with nothing about who lives there', async () => {
    const me = await newcomer();
    const buildings = await t.http().get(`/api/v1/directory/communities/${estate.community.id}/buildings`).set(me).expect(200);
    expect(buildings.body).toEqual([{ id: estate.houses[0].buildingId, name: '1栋' }]);
    const houses = await t.http().get(`/api/v1/directory/buildings/${estate.houses[0].buildingId}/houses`).set(me).expect(200);
    expect(houses.body[0]).toEqual({ id: estate.houses[0].id, label: '1栋1单元0101', unit: '1单元', floor: 1, number: '0101' });
    await t.http().get(`/api/v1/directory/communities/${estate.community.id}/buildings`).expect(401);
  });
});
