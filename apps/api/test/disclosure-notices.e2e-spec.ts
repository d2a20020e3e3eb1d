import { notificationPage } from '@wuye/contracts';
import { HouseBinding } from '../src/modules/identity/house-binding.entity';
import { Notification } from '../src/modules/notifications/notification.entity';
import { createTestApp, type TestApp } from './support/app';
import { draftPublicIncome, publish, reviewingEstate } from './support/disclosures';
import { createEstate, createResident, type Estate } from './support/fixtures';
import { photo } from './support/images';
import { uploadPhoto } from './support/tickets';

type Auth = { Authorization: string };

/** Residents hear of their estate's new publication once each, with a notice that opens it; nobody elsewhere does. */
describe('residents are told of a new disclosure', () => {
  let t: TestApp;
  let estate: Estate;
  let manager: Auth;
  let committee: Auth;
  let chair: Auth;

  beforeAll(async () => {
    t = await createTestApp();
    ({ estate, manager, committee, chair } = await reviewingEstate(t));
  });
  afterAll(() => t.close());

  const notices = (disclosureId: number) => t.db.getRepository(Notification).find({ where: { kind: 'disclosure_public', disclosureId }, order: { userId: 'ASC' } });

  it('on sign-off every resident is told once (two houses, one notice), not before, and not those of another estate', async () => {
    const owner = await createResident(t.db, estate.houses[0]);
    // The same owner holds a second house: still one notice.
    await t.db.getRepository(HouseBinding).insert({ userId: owner.user.id, houseId: estate.houses[1].id, communityId: estate.community.id, relation: 'owner', state: 'approved', applicantNote: null, decidedById: null, decidedAt: new Date(), reason: null });
    const tenant = await createResident(t.db, estate.houses[2], 'tenant');
    const pending = await createResident(t.db, estate.houses[3]);
    await t.db.getRepository(HouseBinding).update({ userId: pending.user.id }, { state: 'pending' });
    const elsewhere = await createEstate(t.db);
    const outsider = await createResident(t.db, elsewhere.houses[0]);

    const voucher = await uploadPhoto(t, manager, await photo({ width: 300, height: 400 }));
    const draft = (await draftPublicIncome(t, manager, estate.community.id, voucher).expect(201)).body;
    await t.http().post(`/api/v1/disclosures/${draft.id}/submit`).set(manager).expect(200);
    expect(await notices(draft.id)).toHaveLength(0);
    await t.http().post(`/api/v1/disclosures/${draft.id}/reviews`).set(committee).send({ decision: 'approve' }).expect(201);
    await t.http().post(`/api/v1/disclosures/${draft.id}/sign-off`).set(chair).expect(200);

    const told = await notices(draft.id);
    expect(told.map((n) => n.userId).sort((a, b) => a - b)).toEqual([owner.user.id, tenant.user.id].sort((a, b) => a - b));
    expect(told.some((n) => n.userId === outsider.user.id || n.userId === pending.user.id)).toBe(false);
    expect(told[0]).toMatchObject({ title: `${estate.community.name}发布新公示`, body: draft.title });
    // Tapping it opens the published disclosure, where the resident reads it (and may ask about it).
    expect(notificationPage(told[0])).toBe(`packages/disclosures/pages/detail/index?id=${draft.id}`);
    const owned = await t.signIn(owner.devKey);
    const listed = (await t.http().get('/api/v1/notifications').set(owned).expect(200)).body.items;
    expect(listed.find((n: { kind: string }) => n.kind === 'disclosure_public')).toMatchObject({ disclosureId: draft.id, page: `packages/disclosures/pages/detail/index?id=${draft.id}` });
  });

  it('each publication is its own notice: a resident who moved in since hears of the next one', async () => {
    const owner = await createResident(t.db, estate.houses[0]);
    const voucher = await uploadPhoto(t, manager, await photo({ width: 300, height: 400 }));
    const first = (await draftPublicIncome(t, manager, estate.community.id, voucher, '2026-Q1').expect(201)).body;
    await publish(t, first.id, manager, committee, chair);
    expect((await notices(first.id)).some((n) => n.userId === owner.user.id)).toBe(true);
  });
});
