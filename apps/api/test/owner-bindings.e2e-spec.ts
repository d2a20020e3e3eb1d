import { notificationPage } from '@wuye/contracts';
import { HouseBinding } from '../src/modules/identity/house-binding.entity';
import { Notification } from '../src/modules/notifications/notification.entity';
import { useTestApp } from './support/app';
import { createEstate, createResident, createUser, Estate, roleIn } from './support/fixtures';

type Auth = { Authorization: string };

/**
 * An owner request for a house that already has an approved owner is the community office's to decide — not the
 * property side's, not the committee's — and the existing owner hears of it.
 */
describe('owner bindings for a house that already has an owner', () => {
  const t = useTestApp();
  let estate: Estate;
  let manager: Auth;
  let committee: Auth;
  let office: { auth: Auth; userId: number };
  beforeEach(async () => {
    estate = await createEstate(t.db);
    manager = await t.signInAs(roleIn(estate).manager);
    committee = await t.signInAs(roleIn(estate).chair);
    const officer = await createUser(t.db, [roleIn(estate).office]);
    office = { auth: await t.signIn(officer.devKey), userId: officer.user.id };
  });

  const newcomer = async () => t.signInAs();
  const notices = (userId: number, kind = 'binding_contested') => t.db.getRepository(Notification).find({ where: { userId, kind }, order: { id: 'ASC' } });
  const queue = async (auth: Auth) => (await t.http().get(`/api/v1/communities/${estate.community.id}/bindings?state=pending`).set(auth).expect(200)).body.items as { id: number; contested: boolean; can: { approve: boolean }; blocked: { approve?: string } }[];

  it('refuses the manager and the committee, tells the existing owner, and lets the community office decide', async () => {
    const owner = await createResident(t.db, estate.houses[0], 'owner');
    const asked = await t.http().post('/api/v1/bindings').set(await newcomer()).send({ houseId: estate.houses[0].id, relation: 'owner', note: '新购房' }).expect(201);

    // The existing owner and the office are told at once (nothing about who asked).
    const told = await notices(owner.user.id);
    expect(told).toHaveLength(1);
    expect(told[0].body).toContain(`${estate.community.name} 1栋1单元0101`);
    expect(told[0].body).toContain('社区（村）审核');
    // The office's notice opens 绑定审核, where it decides.
    expect((await notices(office.userId, 'binding_review')).map((n) => notificationPage(n))).toEqual(['packages/work/pages/bindings/index']);

    // The estate's reviewers see it, marked, with the reason they cannot decide it; deciding is refused.
    for (const reviewer of [manager, committee]) {
      const item = (await queue(reviewer)).find((b) => b.id === asked.body.id);
      expect(item).toMatchObject({ contested: true, can: { approve: false, reject: false }, blocked: { approve: expect.stringContaining('须由社区（村）审核') } });
      const refused = await t.http().post(`/api/v1/bindings/${asked.body.id}/approve`).set(reviewer).expect(403);
      expect(refused.body.code).toBe('BINDING_NEEDS_OFFICE');
      await t.http().post(`/api/v1/bindings/${asked.body.id}/reject`).set(reviewer).send({ reason: '已有业主' }).expect(403);
    }
    expect((await t.db.getRepository(HouseBinding).findOneByOrFail({ id: asked.body.id })).state).toBe('pending');

    // The office decides it; the owner hears the outcome.
    const item = (await queue(office.auth)).find((b) => b.id === asked.body.id);
    expect(item).toMatchObject({ contested: true, can: { approve: true, reject: true } });
    const approved = await t.http().post(`/api/v1/bindings/${asked.body.id}/approve`).set(office.auth).expect(200);
    expect(approved.body.state).toBe('approved');
    const after = await notices(owner.user.id);
    expect(after).toHaveLength(2);
    expect(after[1].body).toContain('已通过');
  });

  it('shows the office only the contested requests of its estates; the rest stays the estate’s', async () => {
    await createResident(t.db, estate.houses[0], 'owner');
    const contested = await t.http().post('/api/v1/bindings').set(await newcomer()).send({ houseId: estate.houses[0].id, relation: 'owner' }).expect(201);
    const plain = await t.http().post('/api/v1/bindings').set(await newcomer()).send({ houseId: estate.houses[1].id, relation: 'owner' }).expect(201);
    const family = await t.http().post('/api/v1/bindings').set(await newcomer()).send({ houseId: estate.houses[0].id, relation: 'family' }).expect(201);

    expect((await queue(office.auth)).map((b) => b.id)).toEqual([contested.body.id]);
    await t.http().post(`/api/v1/bindings/${plain.body.id}/approve`).set(office.auth).expect(404);
    await t.http().post(`/api/v1/bindings/${family.body.id}/approve`).set(office.auth).expect(404);
    expect(await t.db.getRepository(HouseBinding).countBy({ id: plain.body.id, state: 'pending' })).toBe(1);
    // A family member of a house with an owner is the estate's to decide; nobody is told.
    await t.http().post(`/api/v1/bindings/${family.body.id}/approve`).set(manager).expect(200);
    await t.http().post(`/api/v1/bindings/${plain.body.id}/approve`).set(committee).expect(200);

    // Another estate's office reaches none of it.
    const other = await createEstate(t.db);
    const otherOffice = await t.signInAs(roleIn(other).office);
    await t.http().get(`/api/v1/communities/${estate.community.id}/bindings`).set(otherOffice).expect(404);
    await t.http().post(`/api/v1/bindings/${contested.body.id}/reject`).set(otherOffice).send({ reason: '不是本社区' }).expect(404);
  });

  it('a house that gets its owner while a second owner request waits: that request becomes the office’s', async () => {
    const first = await t.http().post('/api/v1/bindings').set(await newcomer()).send({ houseId: estate.houses[2].id, relation: 'owner' }).expect(201);
    const second = await t.http().post('/api/v1/bindings').set(await newcomer()).send({ houseId: estate.houses[2].id, relation: 'owner' }).expect(201);
    expect((await queue(manager)).filter((b) => b.contested)).toEqual([]);
    await t.http().post(`/api/v1/bindings/${first.body.id}/approve`).set(manager).expect(200);
    expect((await t.http().post(`/api/v1/bindings/${second.body.id}/approve`).set(manager).expect(403)).body.code).toBe('BINDING_NEEDS_OFFICE');
    await t.http().post(`/api/v1/bindings/${second.body.id}/reject`).set(office.auth).send({ reason: '产权证与登记不符' }).expect(200);
  });
});
