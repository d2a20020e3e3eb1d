import { shanghaiDate } from '@wuye/contracts';
import { AuthService } from '../src/modules/identity/auth.service';
import { HouseBinding } from '../src/modules/identity/house-binding.entity';
import { WechatSessionKey } from '../src/modules/identity/wechat-session-key.entity';
import { User } from '../src/modules/identity/user.entity';
import { ShareOpen } from '../src/modules/sharing/share-open.entity';
import { createTestApp, type TestApp } from './support/app';
import { draftPublicIncome, publish } from './support/disclosures';
import { createEstate, createResident, createUser, type Estate, roleIn } from './support/fixtures';
import { FakeWechat } from './support/fake-wechat';
import { photo } from './support/images';
import { report, uploadPhoto } from './support/tickets';

type Auth = { Authorization: string };

/** 业主监督群: opening a shared disclosure as each kind of person, and counting the groups it reached. */
describe('share cards', () => {
  let wx: FakeWechat;
  let t: TestApp;
  let estate: Estate;
  let manager: Auth;
  let published: { id: number; totals: unknown };
  let draftId: number;
  beforeAll(async () => {
    wx = await new FakeWechat().start();
    t = await createTestApp(wx.env());
    estate = await createEstate(t.db);
    manager = await t.signInAs(roleIn(estate).manager);
    const committee = await t.signInAs(roleIn(estate).committee);
    const chair = await t.signInAs(roleIn(estate).chair);
    const voucher = await uploadPhoto(t, manager, await photo({ width: 300, height: 400 }));
    const draft = await draftPublicIncome(t, manager, estate.community.id, voucher).expect(201);
    published = await publish(t, draft.body.id, manager, committee, chair);
    const another = await uploadPhoto(t, manager, await photo({ width: 300, height: 400 }));
    draftId = (await draftPublicIncome(t, manager, estate.community.id, another, '2026-Q2').expect(201)).body.id;
  });
  afterAll(async () => {
    await t?.close();
    await wx.stop();
  });

  const card = (who: Auth | null, id = published.id) => {
    const call = t.http().get(`/api/v1/share-cards/disclosure/${id}`);
    return who ? call.set(who) : call;
  };
  const title = () => `${estate.community.name} 2026年第3季度公共收益公示`;
  /** A WeChat sign-in through the fake server, with a real session key; a bound owner of the estate unless told. */
  const wechatOwner = async (code: string, bound = true) => {
    const sessionKey = wx.withSessionKey(code);
    const tokens = (await t.http().post('/api/v1/auth/wechat').send({ code }).expect(200)).body as { accessToken: string; refreshToken: string };
    const user = await t.db.getRepository(User).findOneByOrFail({ openid: `openid-${code}` });
    if (bound) {
      await t.db.getRepository(HouseBinding).insert({ userId: user.id, houseId: estate.houses[1].id, communityId: estate.community.id, relation: 'owner', state: 'approved', applicantNote: null, decidedById: null, decidedAt: new Date(), reason: null });
    }
    return { auth: { Authorization: `Bearer ${tokens.accessToken}` }, sessionKey, user };
  };
  const enter = (who: Auth, body: object, id = published.id) => t.http().post(`/api/v1/share-cards/disclosure/${id}/group-enters`).set(who).send(body);
  const opens = () => t.db.getRepository(ShareOpen).findBy({ recordKind: 'disclosure', recordId: published.id });

  it('a bound owner lands on the record; the card names it and the estate, nothing personal', async () => {
    const owner = await t.signIn((await createResident(t.db, estate.houses[0])).devKey);
    const res = await card(owner).expect(200);
    expect(res.body).toEqual({ kind: 'disclosure', id: published.id, title: title(), communityId: estate.community.id, communityName: estate.community.name, canOpen: true });
    const record = await t.http().get(`/api/v1/disclosures/${published.id}`).set(owner).expect(200);
    expect(record.body.totals).toEqual(published.totals);
  });

  it('a stranger (owner elsewhere, or no house) learns what the record is and where, but not the record', async () => {
    const elsewhere = await createEstate(t.db);
    // The record answers 404 to an owner elsewhere and 403 to someone with no house at all; the card answers both.
    const strangers: [Auth, number][] = [
      [await t.signIn((await createResident(t.db, elsewhere.houses[0])).devKey), 404],
      [await t.signInAs(), 403],
    ];
    for (const [stranger, status] of strangers) {
      const res = await card(stranger).expect(200);
      expect(res.body).toMatchObject({ title: title(), communityName: estate.community.name, canOpen: false });
      await t.http().get(`/api/v1/disclosures/${published.id}`).set(stranger).expect(status);
    }
  });

  it('a signed-out visitor is asked to sign in first, for the card and the record alike', async () => {
    expect((await card(null).expect(401)).body.code).toBe('UNAUTHENTICATED');
    await t.http().get(`/api/v1/disclosures/${published.id}`).expect(401);
  });

  it('regulators and the community office open any card of their area; those of another area do not', async () => {
    for (const role of [roleIn(estate).townRegulator, roleIn(estate).countyRegulator, roleIn(estate).office]) {
      const who = await t.signInAs(role);
      expect((await card(who).expect(200)).body.canOpen).toBe(true);
      await t.http().get(`/api/v1/disclosures/${published.id}`).set(who).expect(200);
    }
    const other = await createEstate(t.db);
    const outside = await t.signInAs(roleIn(other).countyRegulator);
    expect((await card(outside).expect(200)).body.canOpen).toBe(false);
  });

  it('a draft has no card: it answers as missing, to everyone', async () => {
    await card(manager, draftId).expect(404);
    const owner = await t.signIn((await createResident(t.db, estate.houses[2])).devKey);
    await card(owner, draftId).expect(404);
  });

  it('a neighbour’s public ticket has a card of category and kind only; a private repair has none', async () => {
    const reporter = await t.signIn((await createResident(t.db, estate.houses[3])).devKey);
    const neighbour = await t.signIn((await createResident(t.db, estate.houses[2])).devKey);
    const open = await report(t, reporter, { communityId: estate.community.id, description: '2栋门口路灯不亮，联系我 13912345678', place: '2栋门口' }).expect(201);
    const res = await t.http().get(`/api/v1/share-cards/ticket/${open.body.id}`).set(neighbour).expect(200);
    expect(res.body).toMatchObject({ title: `${estate.community.name} 设施故障报修`, canOpen: true });
    expect(JSON.stringify(res.body)).not.toMatch(/路灯|13912345678|2栋|业主/);
    const own = await report(t, reporter, { communityId: estate.community.id, houseId: estate.houses[3].id, description: '卫生间漏水' }).expect(201);
    expect(own.body.visibility).toBe('private');
    await t.http().get(`/api/v1/share-cards/ticket/${own.body.id}`).set(reporter).expect(404);
  });

  it('counts the group a card was opened from (opengid, record, estate, time), never who opened it; offices see the reach', async () => {
    const before = (await opens()).length;
    const { auth, sessionKey, user } = await wechatOwner('group-a');
    expect((await enter(auth, FakeWechat.groupEnterInfo(sessionKey, 'G-jinxiu-owners')).expect(200)).body).toEqual({ recorded: true });
    expect((await enter(auth, FakeWechat.groupEnterInfo(sessionKey, 'G-jinxiu-owners')).expect(200)).body).toEqual({ recorded: true });
    expect((await enter(auth, FakeWechat.groupEnterInfo(sessionKey, 'G-building-3')).expect(200)).body).toEqual({ recorded: true });
    const rows = await opens();
    expect(rows).toHaveLength(before + 3);
    expect(Object.keys(rows[0]).sort()).toEqual(['communityId', 'id', 'openGid', 'openedAt', 'recordId', 'recordKind']);
    expect(JSON.stringify(rows)).not.toContain(String(user.openid));

    const today = shanghaiDate();
    const office = await t.signInAs(roleIn(estate).office);
    const overview = await t.http().get(`/api/v1/stats/overview?areaId=${estate.office.id}&from=${today}&to=${today}`).set(office).expect(200);
    const mine = (overview.body.communities as { id: number; shareReach: unknown }[]).find((c) => c.id === estate.community.id);
    expect(mine?.shareReach).toEqual({ groups: 2, openings: before + 3 });
  });

  it('a stale session key, tampered data and another app’s watermark each get their own code; nothing stored, the record still opens', async () => {
    const { auth, sessionKey } = await wechatOwner('group-b');
    const before = (await opens()).length;
    const staleKey = wx.withSessionKey('an-earlier-login');
    const stale = await enter(auth, FakeWechat.groupEnterInfo(staleKey, 'G-1')).expect(422);
    expect(stale.body).toMatchObject({ code: 'GROUP_INFO_UNREADABLE', message: expect.stringContaining('照常打开') });

    const good = FakeWechat.groupEnterInfo(sessionKey, 'G-1');
    const bytes = Buffer.from(good.encryptedData, 'base64');
    bytes[0] ^= 0x01;
    expect((await enter(auth, { ...good, encryptedData: bytes.toString('base64') }).expect(422)).body.code).toBe('GROUP_INFO_UNREADABLE');

    const foreign = await enter(auth, FakeWechat.groupEnterInfo(sessionKey, 'G-1', 'wx-another-app')).expect(422);
    expect(foreign.body.code).toBe('GROUP_INFO_OTHER_APP');

    expect(await opens()).toHaveLength(before);
    await t.http().get(`/api/v1/disclosures/${published.id}`).set(auth).expect(200);
  });

  it('keeps the session key sealed, per sign-in, and drops it at sign-out and expiry; a sign-in without WeChat has none', async () => {
    const { auth, sessionKey, user } = await wechatOwner('group-c', false);
    const [kept] = await t.db.getRepository(WechatSessionKey).findBy({ userId: user.id });
    expect(kept.keyCipher).not.toContain(sessionKey);
    expect(kept.keyCipher).not.toContain(Buffer.from(sessionKey, 'base64').toString('hex'));
    // A stranger's opening counts for the group too: the card reached it.
    expect((await enter(auth, FakeWechat.groupEnterInfo(sessionKey, 'G-2')).expect(200)).body.recorded).toBe(true);
    await t.http().post('/api/v1/auth/logout').set(auth).expect(204);
    expect(await t.db.getRepository(WechatSessionKey).countBy({ userId: user.id })).toBe(0);

    // Expired: ignored at once, deleted by the scheduled job.
    const other = await wechatOwner('group-d', false);
    await t.db.getRepository(WechatSessionKey).update({ userId: other.user.id }, { expiresAt: new Date(Date.now() - 1000) });
    expect((await enter(other.auth, FakeWechat.groupEnterInfo(other.sessionKey, 'G-2')).expect(409)).body.code).toBe('GROUP_INFO_NO_SESSION');
    expect(await t.app.get(AuthService).deleteExpiredWechatSessionKeys()).toBe(1);
    expect(await t.db.getRepository(WechatSessionKey).countBy({ userId: other.user.id })).toBe(0);

    const dev = await t.signIn((await createUser(t.db)).devKey);
    expect((await enter(dev, FakeWechat.groupEnterInfo(sessionKey, 'G-2')).expect(409)).body.code).toBe('GROUP_INFO_NO_SESSION');
  });

  it('an inspection result and the estate’s star rating with its company’s credit: titled from the record, open to the estate', async () => {
    const county = await t.signIn((await createUser(t.db, [{ role: 'regulator', areaId: estate.county.id }])).devKey);
    const template = await t
      .http()
      .post('/api/v1/inspection-templates')
      .set(county)
      .send({ areaId: estate.county.id, name: '季度检查表', items: [{ section: 'fire', text: '消防通道畅通', weight: 10 }] })
      .expect(201);
    const inspection = await t
      .http()
      .post('/api/v1/inspections')
      .set(county)
      .send({ communityId: estate.community.id, templateId: template.body.id, kind: 'quarterly', inspectedOn: '2026-11-20', inspectors: ['王科长'], results: [{ code: 'i1', result: 'pass' }] })
      .expect(201);
    const owner = await t.signIn((await createResident(t.db, estate.houses[0])).devKey);
    const stranger = await t.signIn((await createResident(t.db, (await createEstate(t.db)).houses[0])).devKey);
    const name = estate.community.name;
    const cards: [string, number, string][] = [
      ['inspection', inspection.body.id, `${name} 2026年11月20日季度抽查结果`],
      ['standing', estate.community.id, `${name} 星级评定和物业企业信用`],
    ];
    for (const [kind, id, title] of cards) {
      expect((await t.http().get(`/api/v1/share-cards/${kind}/${id}`).set(owner).expect(200)).body).toEqual({ kind, id, title, communityId: estate.community.id, communityName: name, canOpen: true });
      expect((await t.http().get(`/api/v1/share-cards/${kind}/${id}`).set(stranger).expect(200)).body).toMatchObject({ title, canOpen: false });
      expect((await t.http().get(`/api/v1/share-cards/${kind}/999999`).set(owner).expect(404)).body.code).toBe('NOT_FOUND');
    }
    // What the cards open to, for the owner: the estate's inspection results and its standing.
    const summaries = await t.http().get(`/api/v1/communities/${estate.community.id}/inspections`).set(owner).expect(200);
    expect(summaries.body.items.map((i: { id: number }) => i.id)).toContain(inspection.body.id);
    await t.http().get(`/api/v1/communities/${estate.community.id}/star-ratings`).set(owner).expect(200);
    await t.http().get(`/api/v1/communities/${estate.community.id}/inspections`).set(stranger).expect(404);
  });
});
