import { addDays, notificationPage, shanghaiDate } from '@wuye/contracts';
import { Announcement, AnnouncementRead } from '../src/modules/announcements/announcement.entity';
import { Notification } from '../src/modules/notifications/notification.entity';
import { createTestApp, type TestApp } from './support/app';
import { createEstate, createResident, createUser, type Estate, roleIn } from './support/fixtures';
import { photo } from './support/images';
import { uploadPhoto } from './support/tickets';

type Auth = { Authorization: string };

/** 公告: who may post, who is told, who sees what (read counts for the posting side only), expiry and withdrawal. */
describe('announcements', () => {
  let t: TestApp;
  let estate: Estate;
  let other: Estate;
  let manager: Auth;
  let staff: Auth;
  let committee: Auth;
  let office: Auth;
  let owner: { auth: Auth; userId: number };
  let tenant: { auth: Auth; userId: number };
  let stranger: Auth;

  const resident = async (e: Estate, house = 0) => {
    const created = await createResident(t.db, e.houses[house]);
    return { auth: await t.signIn(created.devKey), userId: created.user.id };
  };

  beforeAll(async () => {
    t = await createTestApp();
    estate = await createEstate(t.db);
    other = await createEstate(t.db);
    manager = await t.signInAs(roleIn(estate).manager);
    staff = await t.signInAs(roleIn(estate).staff);
    committee = await t.signInAs(roleIn(estate).committee);
    office = await t.signInAs(roleIn(estate).office);
    owner = await resident(estate, 0);
    tenant = await resident(estate, 1);
    stranger = (await resident(other, 0)).auth;
  });
  afterAll(() => t.close());

  const path = (e = estate) => `/api/v1/communities/${e.community.id}/announcements`;
  const post = (who: Auth, body: object, e = estate) => t.http().post(path(e)).set(who).send({ title: '停水通知', body: '6月12日9:00–17:00全小区停水，请提前储水。', ...body });
  const list = async (who: Auth, query: object = {}) => (await t.http().get(path()).query(query).set(who).expect(200)).body.items as { id: number; title: string; readCount: number | null; current: boolean }[];
  const open = (who: Auth, id: number) => t.http().get(`/api/v1/announcements/${id}`).set(who);
  /** What the app does when the page shows: open it, then say it was read. */
  const read = async (who: Auth, id: number) => {
    const shown = (await open(who, id).expect(200)).body;
    await t.http().post(`/api/v1/announcements/${id}/read`).set(who).expect(204);
    return shown;
  };

  it('a manager posts; every resident is told with a notice that opens it; residents see it, pinned ones first', async () => {
    const plain = (await post(manager, { title: '电梯年检' }).expect(201)).body;
    const pinned = (await post(manager, { title: '停水通知', pinned: true, expiresOn: addDays(shanghaiDate(), 3) }).expect(201)).body;
    expect(pinned).toMatchObject({ postedBy: 'property', pinned: true, current: true, readCount: 0, actions: { withdraw: true } });

    const notices = await t.db.getRepository(Notification).find({ where: { kind: 'announcement', announcementId: pinned.id }, order: { userId: 'ASC' } });
    expect(notices.map((n) => n.userId)).toEqual([owner.userId, tenant.userId]);
    expect(notificationPage(notices[0])).toBe(`packages/announcements/pages/detail/index?id=${pinned.id}`);
    expect(notices[0].body).toBe('停水通知');

    const shown = await list(owner.auth);
    expect(shown.map((a) => a.id).slice(0, 2)).toEqual([pinned.id, plain.id]);
    expect(shown.every((a) => a.readCount === null)).toBe(true);
  });

  it('read counts: residents who opened it, once each, shown to the posting side and never to residents or the committee', async () => {
    const a = (await post(manager, { title: '消防演练' }).expect(201)).body;
    // Opening alone counts nothing; the app's read receipt does.
    const seen = (await open(owner.auth, a.id).expect(200)).body;
    expect(seen).toMatchObject({ title: '消防演练', readCount: null, communityName: estate.community.name, actions: { withdraw: false } });
    expect((await open(manager, a.id).expect(200)).body.readCount).toBe(0);
    await read(owner.auth, a.id);
    await read(owner.auth, a.id);
    expect((await open(manager, a.id).expect(200)).body.readCount).toBe(1);

    await read(tenant.auth, a.id);
    // The property side (staff too) sees 2; reading it themselves, or the committee reading it, does not count.
    await read(staff, a.id);
    await read(committee, a.id);
    expect((await open(staff, a.id).expect(200)).body.readCount).toBe(2);
    expect((await list(manager)).find((x) => x.id === a.id)?.readCount).toBe(2);
    expect((await open(committee, a.id).expect(200)).body.readCount).toBeNull();
    expect((await open(tenant.auth, a.id).expect(200)).body.readCount).toBeNull();
    expect(await t.db.getRepository(AnnouncementRead).countBy({ announcementId: a.id })).toBe(2);
    // No answer names a reader.
    const answer = JSON.stringify((await open(manager, a.id)).body);
    expect(answer).not.toContain(String(owner.userId) + ',');
    expect(answer).not.toMatch(/readers|readBy/);
  });

  it('a resident of another estate reads none of it: the list and the announcement answer 404', async () => {
    const a = (await post(manager, { title: '本小区专属' }).expect(201)).body;
    await open(stranger, a.id).expect(404);
    await t.http().post(`/api/v1/announcements/${a.id}/read`).set(stranger).expect(404);
    await t.http().get(path()).set(stranger).expect(404);
    expect((await list(owner.auth)).some((x) => x.id === a.id)).toBe(true);
    expect(await t.db.getRepository(AnnouncementRead).countBy({ announcementId: a.id })).toBe(0);
  });

  it('an expired one leaves the residents’ list; the posting side still finds it; an expiry in the past is refused', async () => {
    const today = shanghaiDate();
    const lastDay = (await post(manager, { title: '今日有效', expiresOn: today }).expect(201)).body;
    expect((await list(owner.auth)).some((x) => x.id === lastDay.id)).toBe(true);

    await t.db.getRepository(Announcement).update(lastDay.id, { expiresOn: addDays(today, -1) });
    expect((await list(owner.auth)).some((x) => x.id === lastDay.id)).toBe(false);
    expect((await open(owner.auth, lastDay.id).expect(200)).body.current).toBe(false);
    expect((await list(manager, { all: true })).find((x) => x.id === lastDay.id)?.current).toBe(false);
    // ?all= is for those who post: a resident asking for it still gets the current ones only.
    expect((await list(owner.auth, { all: true })).some((x) => x.id === lastDay.id)).toBe(false);

    const before = await t.db.getRepository(Announcement).count();
    const refused = await post(manager, { title: '过期', expiresOn: addDays(today, -1) }).expect(422);
    expect(refused.body.code).toBe('VALIDATION_FAILED');
    expect(await t.db.getRepository(Announcement).count()).toBe(before);
  });

  it('who may post: the manager, the committee and the office of the estate; residents, staff, company admins and regulators may not', async () => {
    expect((await post(committee, { title: '业委会换届' }).expect(201)).body.postedBy).toBe('committee');
    expect((await post(office, { title: '社区疫苗接种' }).expect(201)).body.postedBy).toBe('office');
    const before = await t.db.getRepository(Announcement).count();
    await post(owner.auth, {}).expect(403);
    await post(staff, {}).expect(403);
    await post(await t.signInAs(roleIn(estate).companyAdmin), {}).expect(403);
    await post(await t.signInAs(roleIn(estate).countyRegulator), {}).expect(403);
    // A manager of another estate cannot reach this one.
    await post(await t.signInAs(roleIn(other).manager), {}).expect(404);
    await post(manager, { title: '' }).expect(400);
    expect(await t.db.getRepository(Announcement).count()).toBe(before);
  });

  it('attachments are the poster’s own unused uploads; the resident sees them', async () => {
    const photoId = await uploadPhoto(t, manager, await photo({ width: 300, height: 200 }));
    const a = (await post(manager, { title: '停车位调整', attachmentIds: [photoId] }).expect(201)).body;
    const seen = (await open(owner.auth, a.id).expect(200)).body;
    expect(seen.attachments).toHaveLength(1);
    expect(seen.attachments[0]).toMatchObject({ id: photoId, kind: 'image' });
    const reused = await post(manager, { title: '再用一次', attachmentIds: [photoId] }).expect(422);
    expect(reused.body.code).toBe('INVALID_PHOTOS');
    const othersPhoto = await uploadPhoto(t, owner.auth, await photo({ width: 300, height: 200 }));
    await post(manager, { title: '别人的照片', attachmentIds: [othersPhoto] }).expect(422);
  });

  it('withdrawal: only the posting side; residents no longer see it; twice is a conflict', async () => {
    const a = (await post(manager, { title: '临时通知' }).expect(201)).body;
    await t.http().post(`/api/v1/announcements/${a.id}/withdraw`).set(committee).expect(404);
    const done = (await t.http().post(`/api/v1/announcements/${a.id}/withdraw`).set(manager).expect(200)).body;
    expect(done).toMatchObject({ withdrawn: true, current: false, actions: { withdraw: false } });
    await open(owner.auth, a.id).expect(404);
    await t.http().post(`/api/v1/announcements/${a.id}/read`).set(owner.auth).expect(404);
    expect((await list(owner.auth)).some((x) => x.id === a.id)).toBe(false);
    expect((await t.http().post(`/api/v1/announcements/${a.id}/withdraw`).set(manager).expect(409)).body.code).toBe('ANNOUNCEMENT_WITHDRAWN');
  });

  it('a share card names the estate and the title only; a resident elsewhere may not open it', async () => {
    const a = (await post(manager, { title: '绿化修剪' }).expect(201)).body;
    const card = (await t.http().get(`/api/v1/share-cards/announcement/${a.id}`).set(owner.auth).expect(200)).body;
    expect(card).toEqual({ kind: 'announcement', id: a.id, title: `${estate.community.name} 小区公告：绿化修剪`, communityId: estate.community.id, communityName: estate.community.name, canOpen: true });
    expect((await t.http().get(`/api/v1/share-cards/announcement/${a.id}`).set(stranger).expect(200)).body.canOpen).toBe(false);
    const newcomer = await t.signIn((await createUser(t.db)).devKey);
    expect((await t.http().get(`/api/v1/share-cards/announcement/${a.id}`).set(newcomer).expect(200)).body.canOpen).toBe(false);
  });
});
