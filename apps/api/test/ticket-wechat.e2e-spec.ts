import { createHash } from 'node:crypto';
import { User } from '../src/modules/identity/user.entity';
import { Notification } from '../src/modules/notifications/notification.entity';
import { NotificationsService } from '../src/modules/notifications/notifications.service';
import { Ticket } from '../src/modules/tickets/ticket.entity';
import { Upload } from '../src/modules/uploads/upload.entity';
import { createTestApp, TestApp } from './support/app';
import { createEstate, createResident, createUser, Estate, roleIn } from './support/fixtures';
import { FakeWechat, type RecordedCall } from './support/fake-wechat';
import { photo } from './support/images';
import { act, report, uploadPhoto } from './support/tickets';

type Auth = { Authorization: string };

/** Tickets with WeChat configured: subscribe messages, content security, media-check events (fake WeChat on loopback). */
describe('tickets and WeChat', () => {
  let wx: FakeWechat;
  let t: TestApp;
  let estate: Estate;
  let resident: Auth;
  let residentId: number;
  let manager: Auth;
  const verdicts = new Map<string, string>();
  const refusals = new Set<string>();

  beforeAll(async () => {
    wx = await new FakeWechat().start();
    wx.handlers.set('/wxa/msg_sec_check', (call: RecordedCall) => ({ errcode: 0, errmsg: 'ok', result: { suggest: verdicts.get(String(call.body?.content)) ?? 'pass', label: 100 } }));
    wx.handlers.set('/wxa/media_check_async', () => ({ errcode: 0, errmsg: 'ok', trace_id: `trace-${Math.random().toString(36).slice(2)}` }));
    wx.handlers.set('/cgi-bin/message/subscribe/send', (call: RecordedCall) =>
      refusals.has(String(call.body?.touser)) ? { errcode: 43101, errmsg: 'user refuse to accept the msg' } : { errcode: 0, errmsg: 'ok' },
    );
    t = await createTestApp(
      wx.env({
        WECHAT_TEMPLATE_TICKET_ACCEPTED: 'tpl-accepted',
        WECHAT_TEMPLATE_TICKET_RESOLVED: 'tpl-resolved',
        WECHAT_TEMPLATE_TICKET_CLOSED: 'tpl-closed',
        WECHAT_MESSAGE_TOKEN: 'push-token',
        PUBLIC_BASE_URL: 'https://wuye.example.cn',
      }),
    );
  });
  beforeEach(async () => {
    estate = await createEstate(t.db);
    const r = await createResident(t.db, estate.houses[0]);
    residentId = r.user.id;
    await t.db.getRepository(User).update(residentId, { openid: `openid-resident-${residentId}` });
    resident = await t.signIn(r.devKey);
    const m = await createUser(t.db, [roleIn(estate).manager]);
    await t.db.getRepository(User).update(m.user.id, { openid: `openid-manager-${m.user.id}` });
    manager = await t.signIn(m.devKey);
  });
  afterAll(async () => {
    await t.close();
    await wx.stop();
  });

  const deliver = () => t.app.get(NotificationsService).deliverPending();

  it('sends a subscribe message when the ticket is accepted, resolved and closed', async () => {
    const ticket = (await report(t, resident, { communityId: estate.community.id, description: '楼道灯坏了' }).expect(201)).body;
    await act(t, manager, ticket.id, 'accept');
    await act(t, manager, ticket.id, 'resolve', { note: '已换灯', photoIds: [await uploadPhoto(t, manager, await photo({ width: 100, height: 100 }))] });
    await act(t, resident, ticket.id, 'close');
    await deliver();
    const sends = wx.callsTo('/cgi-bin/message/subscribe/send').filter((c) => c.body?.touser === `openid-resident-${residentId}`);
    expect(sends.map((c) => c.body?.template_id)).toEqual(['tpl-accepted', 'tpl-resolved', 'tpl-closed']);
    expect(sends[0].body).toMatchObject({ page: `packages/tickets/pages/detail/index?id=${ticket.id}`, data: { phrase2: { value: '已受理' } } });
    const rows = await t.db.getRepository(Notification).findBy({ userId: residentId, ticketId: ticket.id });
    expect(rows.map((n) => n.wechatStatus)).toEqual(['sent', 'sent', 'sent']);
  });

  it('records a refusal (43101, not subscribed) and carries on', async () => {
    refusals.add(`openid-resident-${residentId}`);
    const ticket = (await report(t, resident, { communityId: estate.community.id, description: '绿化带垃圾' }).expect(201)).body;
    const accepted = await act(t, manager, ticket.id, 'accept');
    expect(accepted.status).toBe(200);
    await deliver();
    const row = await t.db.getRepository(Notification).findOneByOrFail({ userId: residentId, ticketId: ticket.id, kind: 'ticket_accepted' });
    expect(row).toMatchObject({ wechatStatus: 'refused', wechatErrcode: 43101 });
    const list = await t.http().get('/api/v1/notifications').set(resident).expect(200);
    expect(list.body.items[0]).toMatchObject({ kind: 'ticket_accepted', title: '工单已受理', read: false, ticketId: ticket.id });
    expect((await t.http().get('/api/v1/notifications/unread-count').set(resident).expect(200)).body.unread).toBeGreaterThan(0);
    await t.http().post(`/api/v1/notifications/${list.body.items[0].id}/read`).set(resident).expect(204);
    await t.http().post('/api/v1/notifications/read-all').set(resident).expect(200);
    expect((await t.http().get('/api/v1/notifications/unread-count').set(resident).expect(200)).body.unread).toBe(0);
  });

  it('refuses risky text with a clear message and stores nothing; holds "review" text off the board', async () => {
    verdicts.set('违规内容示例', 'risky');
    const before = await t.db.getRepository(Ticket).count();
    const risky = await report(t, resident, { communityId: estate.community.id, description: '违规内容示例' }).expect(422);
    expect(risky.body).toMatchObject({ code: 'CONTENT_RISKY', message: expect.stringContaining('请修改') });
    expect(await t.db.getRepository(Ticket).count()).toBe(before);
    const check = wx.callsTo('/wxa/msg_sec_check').at(-1);
    expect(check?.body).toMatchObject({ version: 2, openid: `openid-resident-${residentId}`, content: '违规内容示例' });

    verdicts.set('需要人工看看', 'review');
    const held = (await report(t, resident, { communityId: estate.community.id, description: '需要人工看看' }).expect(201)).body;
    expect(held.heldForReview).toBe(true);
    const neighbour = await t.signIn((await createResident(t.db, estate.houses[1])).devKey);
    await t.http().get(`/api/v1/tickets/${held.id}`).set(neighbour).expect(404);
    await t.http().get(`/api/v1/tickets/${held.id}`).set(manager).expect(200);
  });

  it('sends board photos to the media check and hides one WeChat later calls risky', async () => {
    const photoId = await uploadPhoto(t, resident, await photo({ width: 300, height: 300 }));
    const ticket = (await report(t, resident, { communityId: estate.community.id, description: '健身器材损坏', photoIds: [photoId] }).expect(201)).body;
    const sent = wx.callsTo('/wxa/media_check_async').at(-1);
    expect(String(sent?.body?.media_url)).toMatch(/^https:\/\/wuye\.example\.cn\/api\/v1\/files\/photos\//);
    const upload = await t.db.getRepository(Upload).findOneByOrFail({ id: photoId });
    expect(upload.moderation).toBe('pending');

    const timestamp = '1764300000';
    const nonce = 'abc';
    const signature = createHash('sha1').update(['push-token', timestamp, nonce].sort().join('')).digest('hex');
    await t.http().post(`/api/v1/wechat/events?signature=bad&timestamp=${timestamp}&nonce=${nonce}`).send({ Event: 'wxa_media_check', trace_id: upload.moderationTraceId, result: { suggest: 'risky' } }).expect(403);
    const verify = await t.http().get(`/api/v1/wechat/events?signature=${signature}&timestamp=${timestamp}&nonce=${nonce}&echostr=hello`).expect(200);
    expect(verify.text).toBe('hello');
    await t.http().post(`/api/v1/wechat/events?signature=${signature}&timestamp=${timestamp}&nonce=${nonce}`).send({ ToUserName: 'gh', Event: 'wxa_media_check', trace_id: upload.moderationTraceId, result: { suggest: 'risky', label: 20002 } }).expect(200);

    const neighbour = await t.signIn((await createResident(t.db, estate.houses[1])).devKey);
    const seen = await t.http().get(`/api/v1/tickets/${ticket.id}`).set(neighbour).expect(200);
    expect(seen.body.photos).toEqual([]);
    expect(seen.body.thumbnailUrl).toBeNull();
    const own = await t.http().get(`/api/v1/tickets/${ticket.id}`).set(resident).expect(200);
    expect(own.body.photos).toHaveLength(1);
    // The lists too: the board hides the risky thumbnail, the reporter's own list keeps a link that works.
    const board = await t.http().get(`/api/v1/tickets?view=community&communityId=${estate.community.id}`).set(neighbour).expect(200);
    expect(board.body.items.find((i: { id: number }) => i.id === ticket.id)).toMatchObject({ thumbnailUrl: null });
    const mine = await t.http().get('/api/v1/tickets?view=mine').set(resident).expect(200);
    const thumbnailUrl = mine.body.items.find((i: { id: number }) => i.id === ticket.id)?.thumbnailUrl;
    expect(thumbnailUrl).toMatch(/^\/api\/v1\/files\//);
    await t.http().get(thumbnailUrl).expect(200).expect('Content-Type', 'image/jpeg');
  });
});
