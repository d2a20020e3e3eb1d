import type ExcelJS from 'exceljs';
import { AUTO_CLOSE_DAYS, PROXY_CHANNELS, RATING_WINDOW_DAYS, RESIDENT_CHANNELS, RETURN_VISIT_HORIZON_DAYS, TICKET_SOURCE_LABELS, addDays, shanghaiDate, type TicketView } from '@wuye/contracts';
import { AuditEntry } from '../src/modules/identity/audit-entry.entity';
import { User } from '../src/modules/identity/user.entity';
import { phoneFields } from '../src/modules/identity/phone';
import { TicketJobsService } from '../src/modules/tickets/ticket-jobs.service';
import { Ticket } from '../src/modules/tickets/ticket.entity';
import { createTestApp, type TestApp } from './support/app';
import { createEstate, createResident, createUser, type Estate, roleIn } from './support/fixtures';
import { photo } from './support/images';
import { downloadWorkbook } from './support/workbook';
import { act, report, uploadPhoto } from './support/tickets';

type Auth = { Authorization: string };
const PHONE = '13812345678';
const DAY = 86400_000;

/**
 * Issue 19, every channel: 代报 by the property side and the community office for each channel, the caller's number
 * masked except through an audited reveal, the three outcomes of a return visit (回访), no silent close, and the
 * statistics split by channel at every level. Each test builds its own tickets.
 */
describe('every channel, one loop', () => {
  let t: TestApp;
  let estate: Estate;
  let other: Estate;
  let manager: Auth;
  let staff: Auth;
  let office: Auth;
  let otherOffice: Auth;
  let regulator: Auth;
  let resident: Auth;
  let residentId: number;
  let neighbour: Auth;

  beforeAll(async () => {
    t = await createTestApp();
    estate = await createEstate(t.db);
    other = await createEstate(t.db, { county: estate.county, town: estate.town });
    const c = estate.community.id;
    manager = await t.signIn((await createUser(t.db, [{ role: 'manager', communityId: c, companyId: estate.company.id }], '陈经理')).devKey);
    staff = await t.signIn((await createUser(t.db, [{ role: 'staff', communityId: c, companyId: estate.company.id }])).devKey);
    office = await t.signIn((await createUser(t.db, [roleIn(estate).office], '赵书记')).devKey);
    otherOffice = await t.signInAs(roleIn(other).office);
    regulator = await t.signInAs(roleIn(estate).countyRegulator);
    const owner = await createResident(t.db, estate.houses[0]);
    residentId = owner.user.id;
    await t.db.getRepository(User).update(residentId, phoneFields('13900001111', Buffer.alloc(32)));
    resident = await t.signIn(owner.devKey);
    neighbour = await t.signIn((await createResident(t.db, estate.houses[1])).devKey);
  });
  afterAll(() => t.close());

  const fileFor = (who: Auth, body: Record<string, unknown>) =>
    t
      .http()
      .post('/api/v1/tickets/on-behalf')
      .set(who)
      .send({ communityId: estate.community.id, kind: 'repair', categoryCode: 'facility', description: '3栋楼道灯不亮', photoIds: [], callerName: '王先生', callerPhone: PHONE, ...body });
  const view = async (who: Auth, id: number) => (await t.http().get(`/api/v1/tickets/${id}`).set(who).expect(200)).body as TicketView;
  const row = (id: number) => t.db.getRepository(Ticket).findOneByOrFail({ id });
  const count = () => t.db.getRepository(Ticket).count();
  const resolve = async (id: number) => {
    if ((await row(id)).state === 'submitted') expect((await act(t, manager, id, 'accept')).status).toBe(200);
    const done = await act(t, manager, id, 'resolve', { note: '已更换灯泡', photoIds: [await uploadPhoto(t, manager, await photo({ width: 64, height: 64 }))] });
    expect(done.status).toBe(200);
  };
  const visitList = async (who: Auth) => ((await t.http().get('/api/v1/tickets?view=return_visits').set(who).expect(200)).body.items as TicketView[]).map((i) => i.id);

  it.each(PROXY_CHANNELS.map((channel, i) => [channel, TICKET_SOURCE_LABELS[channel], i] as const))('代报 by %s (%s): recorded with its channel and caller, number masked', async (channel, label, i) => {
    // Managers, staff and the community office each file for callers.
    const filer = [manager, staff, office][i % 3];
    const inspection = channel === 'inspection';
    const res = await fileFor(filer, { channel, ...(inspection ? { callerName: undefined, callerPhone: undefined } : {}) }).expect(201);
    const ticket = res.body as TicketView;
    expect(ticket).toMatchObject({ source: channel, state: 'submitted', isReporter: false });
    expect(ticket.timeline[0]).toMatchObject({ action: 'created', note: `${label}代报` });
    const stored = await row(ticket.id);
    expect(stored).toMatchObject({ source: channel, reporterId: null, returnVisit: null });
    expect(JSON.stringify(stored)).not.toContain(PHONE);
    if (inspection) {
      expect(ticket.contact).toBeNull();
      return;
    }
    // The people handling it read the caller with the number masked; nobody else reads the caller at all.
    expect((await view(manager, ticket.id)).contact).toEqual({ name: '王先生', phoneMasked: '138****5678', canReveal: true });
    expect((await view(office, ticket.id)).contact).toMatchObject({ name: '王先生', phoneMasked: '138****5678' });
    const board = await view(neighbour, ticket.id);
    expect(board).toMatchObject({ reporter: `${label}反映`, contact: null });
    expect(JSON.stringify(board)).not.toContain('王先生');
    expect((await view(regulator, ticket.id)).contact).toBeNull();
    for (const who of [manager, office, neighbour, regulator]) expect(JSON.stringify(await view(who, ticket.id))).not.toContain(PHONE);
  });

  it('代报: missing or malformed input is a clear error and files nothing', async () => {
    const before = await count();
    const noPhone = await fileFor(manager, { channel: 'phone', callerPhone: undefined }).expect(422);
    expect(noPhone.body).toMatchObject({ code: 'CALLER_REQUIRED', message: '请填写电话反映人的姓名和电话' });
    expect((await fileFor(manager, { channel: 'visit', callerName: undefined }).expect(422)).body).toMatchObject({ code: 'CALLER_REQUIRED', details: { field: 'callerName' } });
    expect((await fileFor(manager, { channel: 'visit', callerName: ' ' }).expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect((await fileFor(manager, { channel: '12345', callerPhone: '12345' }).expect(422)).body).toMatchObject({ code: 'INVALID_PHONE', details: { field: 'callerPhone' } });
    expect((await fileFor(manager, { channel: '12345', houseId: other.houses[0].id }).expect(422)).body.code).toBe('INVALID_HOUSE');
    expect((await fileFor(manager, { channel: 'app' }).expect(400)).body.code).toBe('VALIDATION_FAILED');
    // Only the property side and the office file for callers, and only in their own estates.
    await fileFor(resident, { channel: 'phone' }).expect(403);
    await fileFor(regulator, { channel: 'phone' }).expect(403);
    await fileFor(otherOffice, { channel: 'phone' }).expect(404);
    expect(await count()).toBe(before);
    // A landline with its area code, and a house the caller names (any house of the estate).
    const landline = await fileFor(office, { channel: 'petition', callerPhone: '0571-8888 1234', houseId: estate.houses[3].id }).expect(201);
    expect(landline.body).toMatchObject({ visibility: 'private', contact: { phoneMasked: '057****1234' } });
    expect((await view(manager, landline.body.id)).house).not.toBeNull();
  });

  it('代报 retried with the same Idempotency-Key files once and answers with the first ticket, also when both arrive at once', async () => {
    const count = () => t.db.getRepository(Ticket).countBy({ communityId: estate.community.id, description: '2栋电梯异响（重试）' });
    const body = { channel: 'phone', description: '2栋电梯异响（重试）' };
    const first = await fileFor(manager, body).set('Idempotency-Key', 'proxy-retry-0001').expect(201);
    const again = await fileFor(manager, body).set('Idempotency-Key', 'proxy-retry-0001').expect(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body.id).toBe(first.body.id);
    expect(await count()).toBe(1);
    // Another person's key of the same spelling is theirs: it files their own ticket.
    expect((await fileFor(office, body).set('Idempotency-Key', 'proxy-retry-0001').expect(201)).body.id).not.toBe(first.body.id);
    const together = await Promise.all([1, 2].map(() => fileFor(staff, body).set('Idempotency-Key', 'proxy-retry-0002')));
    expect(together.map((r) => r.status)).toEqual([201, 201]);
    expect(together[0].body.id).toBe(together[1].body.id);
    expect(await count()).toBe(3);
  });

  it('reveals the full number only to those handling the ticket, and writes each reveal to the audit log', async () => {
    const { id } = (await fileFor(office, { channel: '12345' }).expect(201)).body as TicketView;
    const revealed = await t.http().post(`/api/v1/tickets/${id}/contact-phone`).set(manager).expect(200);
    expect(revealed.body).toEqual({ phone: PHONE });
    await t.http().post(`/api/v1/tickets/${id}/contact-phone`).set(office).expect(200);
    const audit = await t.db.getRepository(AuditEntry).findBy({ entityType: 'ticket', entityId: id, action: 'ticket.phone_revealed' });
    expect(audit).toHaveLength(2);
    expect(audit[0]).toMatchObject({ communityId: estate.community.id, after: { phone: '138****5678', whose: 'caller' } });
    // Staff not assigned to it, a regulator and a neighbour reading the board get nothing, and nothing is logged.
    await t.http().post(`/api/v1/tickets/${id}/contact-phone`).set(staff).expect(403);
    await t.http().post(`/api/v1/tickets/${id}/contact-phone`).set(regulator).expect(403);
    await t.http().post(`/api/v1/tickets/${id}/contact-phone`).set(neighbour).expect(403);
    // Someone outside the estate learns nothing of it.
    await t.http().post(`/api/v1/tickets/${id}/contact-phone`).set(otherOffice).expect(404);
    expect(await t.db.getRepository(AuditEntry).countBy({ entityType: 'ticket', entityId: id, action: 'ticket.phone_revealed' })).toBe(2);
    const inspection = (await fileFor(office, { channel: 'inspection', callerName: undefined, callerPhone: undefined }).expect(201)).body as TicketView;
    expect((await t.http().post(`/api/v1/tickets/${inspection.id}/contact-phone`).set(office).expect(404)).body.code).toBe('NO_PHONE_NUMBER');
  });

  it('return visit, satisfied: the resolved 代报 ticket waits on the 回访 list of the manager and the office, then closes', async () => {
    const { id } = (await fileFor(staff, { channel: 'phone' }).expect(201)).body as TicketView;
    await resolve(id);
    expect(await row(id)).toMatchObject({ state: 'resolved', returnVisit: 'due' });
    expect(await visitList(manager)).toContain(id);
    expect(await visitList(office)).toContain(id);
    expect(await visitList(otherOffice)).not.toContain(id);
    await t.http().get('/api/v1/tickets?view=return_visits').set(resident).expect(403);
    const listed = ((await t.http().get('/api/v1/tickets?view=return_visits').set(office).expect(200)).body.items as TicketView[]).find((i) => i.id === id);
    expect(listed).toMatchObject({ returnVisit: 'due', contact: { name: '王先生', phoneMasked: '138****5678', canReveal: true } });
    expect((await view(office, id)).actions).toEqual(['visit_satisfied', 'visit_dissatisfied', 'visit_unreachable']);
    expect((await view(staff, id)).actions).toEqual([]);
    // The manager may reopen it on the caller's word, but not record 满意 for their own company's work.
    expect((await view(manager, id)).actions).toEqual(['visit_dissatisfied']);
    const version = (await row(id)).version;
    expect((await act(t, manager, id, 'visit_satisfied')).body).toMatchObject({ statusCode: 403, code: 'ACTION_NOT_ALLOWED' });
    expect(await row(id)).toMatchObject({ state: 'resolved', returnVisit: 'due', version });
    const done = await act(t, office, id, 'visit_satisfied', { note: '王先生说灯已经亮了' });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ state: 'closed', returnVisit: 'satisfied', actions: [] });
    expect(done.body.timeline.at(-1)).toMatchObject({ action: 'visit_satisfied', note: '回访满意：王先生说灯已经亮了', actor: expect.stringContaining('赵书记') });
    expect(await visitList(manager)).not.toContain(id);
    // Once recorded, it is not taken again.
    expect((await act(t, office, id, 'visit_satisfied')).body.code).toBe('RETURN_VISIT_NOT_DUE');
  });

  it('return visit, not satisfied: reopens with the reason (required), and the loop starts again', async () => {
    const { id } = (await fileFor(manager, { channel: 'direct_line' }).expect(201)).body as TicketView;
    await resolve(id);
    const before = await row(id);
    for (const reason of [undefined, '  ']) expect((await act(t, manager, id, 'visit_dissatisfied', { reason })).body.code).toMatch(/^VALIDATION_FAILED$/);
    expect(await row(id)).toMatchObject({ state: 'resolved', version: before.version });
    const reopened = await act(t, manager, id, 'visit_dissatisfied', { reason: '灯还是不亮' });
    expect(reopened.status).toBe(200);
    expect(reopened.body).toMatchObject({ state: 'accepted', reopenCount: 1, returnVisit: 'dissatisfied' });
    expect(reopened.body.timeline.at(-1)).toMatchObject({ action: 'visit_dissatisfied', note: '灯还是不亮' });
    expect(await visitList(manager)).not.toContain(id);
    // Resolved again: another return visit is due.
    await resolve(id);
    expect(await row(id)).toMatchObject({ state: 'resolved', returnVisit: 'due', returnVisitTries: 0 });
  });

  it('return visit, unreachable: three tries on different Shanghai days, then it closes as 无法联系', async () => {
    const { id } = (await fileFor(office, { channel: 'visit' }).expect(201)).body as TicketView;
    await resolve(id);
    const first = await act(t, office, id, 'visit_unreachable');
    expect(first.body).toMatchObject({ state: 'resolved', returnVisitTries: 1, returnVisitTriedOn: shanghaiDate() });
    // The same day again: refused with its reason, nothing changes; the page says so before the button is pressed.
    const version = (await row(id)).version;
    expect((await act(t, office, id, 'visit_unreachable')).body).toMatchObject({ statusCode: 409, code: 'RETURN_VISIT_SAME_DAY' });
    expect(await row(id)).toMatchObject({ returnVisitTries: 1, version });
    expect((await view(office, id)).blocked.visit_unreachable).toContain('明天再试');
    // 无法联系 closes it and counts in the figures: not the manager's to say.
    expect((await act(t, manager, id, 'visit_unreachable')).body.code).toBe('ACTION_NOT_ALLOWED');
    for (const tries of [2, 3]) {
      await t.db.getRepository(Ticket).update(id, { returnVisitTriedOn: addDays(shanghaiDate(), -1) });
      const next = await act(t, office, id, 'visit_unreachable');
      expect(next.body.returnVisitTries).toBe(tries);
    }
    const closed = await view(manager, id);
    expect(closed).toMatchObject({ state: 'closed', returnVisit: 'unreachable' });
    expect(closed.timeline.at(-1)?.note).toBe('第 3 次回访仍未联系上，按无法联系办结');
  });

  it('never closes silently: the auto-close passes over tickets needing a return visit, and an unrated app ticket gets one', async () => {
    const proxy = (await fileFor(manager, { channel: '12345' }).expect(201)).body.id as number;
    const app = (await report(t, resident, { communityId: estate.community.id }).expect(201)).body.id as number;
    for (const id of [proxy, app]) await resolve(id);
    const longAgo = new Date(Date.now() - (AUTO_CLOSE_DAYS + 1) * DAY);
    await t.db.getRepository(Ticket).update([proxy, app], { resolvedAt: longAgo });
    await t.app.get(TicketJobsService).runOnce();
    expect(await row(proxy)).toMatchObject({ state: 'resolved', returnVisit: 'due' });
    expect(await row(app)).toMatchObject({ state: 'closed', returnVisit: null });
    // Still within the rating window: nothing to visit yet.
    await t.app.get(TicketJobsService).runOnce();
    expect((await row(app)).returnVisit).toBeNull();
    // Left unrated past the window: on the 回访 list with the reporter's masked number; a rated one is not.
    const rated = (await report(t, resident, { communityId: estate.community.id }).expect(201)).body.id as number;
    await resolve(rated);
    await t.http().post(`/api/v1/tickets/${rated}/rating`).set(resident).send({ stars: 5 }).expect(200);
    await t.db.getRepository(Ticket).update([app, rated], { closedAt: new Date(Date.now() - (RATING_WINDOW_DAYS + 1) * DAY) });
    // One closed long before (as after an upgrade): its caller is not called months later.
    const old = (await report(t, resident, { communityId: estate.community.id }).expect(201)).body.id as number;
    await resolve(old);
    expect((await act(t, resident, old, 'close')).status).toBe(200);
    await t.db.getRepository(Ticket).update(old, { closedAt: new Date(Date.now() - (RATING_WINDOW_DAYS + RETURN_VISIT_HORIZON_DAYS + 1) * DAY) });
    const round = await t.app.get(TicketJobsService).runOnce();
    expect(round.visitsDue).toBe(1);
    expect((await row(old)).returnVisit).toBeNull();
    expect(await row(app)).toMatchObject({ state: 'closed', returnVisit: 'due' });
    expect((await row(rated)).returnVisit).toBeNull();
    const listed = ((await t.http().get('/api/v1/tickets?view=return_visits').set(office).expect(200)).body.items as TicketView[]).find((i) => i.id === app);
    expect(listed?.contact).toMatchObject({ phoneMasked: '139****1111', canReveal: true });
    expect((await t.http().post(`/api/v1/tickets/${app}/contact-phone`).set(office).expect(200)).body.phone).toBe('13900001111');
    expect((await act(t, office, app, 'visit_satisfied')).body).toMatchObject({ state: 'closed', returnVisit: 'satisfied' });
  });

  it('statistics split by channel at every level, satisfaction counting return visits as their own source, and the export carries them', async () => {
    const fresh = await createEstate(t.db, { county: estate.county, town: estate.town, office: estate.office });
    const freshManager = await t.signIn((await createUser(t.db, [{ role: 'manager', communityId: fresh.community.id, companyId: fresh.company.id }])).devKey);
    const freshResident = await t.signIn((await createResident(t.db, fresh.houses[0])).devKey);
    const file = async (channel: string) => (await fileFor(office, { communityId: fresh.community.id, channel }).expect(201)).body.id as number;
    const settle = async (id: number, action: string) => {
      await act(t, freshManager, id, 'accept');
      await act(t, freshManager, id, 'resolve', { note: '已处理', photoIds: [await uploadPhoto(t, freshManager, await photo({ width: 64, height: 64 }))] });
      expect((await act(t, office, id, action, action === 'visit_dissatisfied' ? { reason: '没修好' } : {})).status).toBe(200);
    };
    await settle(await file('12345'), 'visit_satisfied');
    await settle(await file('12345'), 'visit_dissatisfied');
    await file('petition');
    const app = (await report(t, freshResident, { communityId: fresh.community.id }).expect(201)).body.id as number;
    await act(t, freshManager, app, 'accept');
    await act(t, freshManager, app, 'resolve', { note: '已处理', photoIds: [await uploadPhoto(t, freshManager, await photo({ width: 64, height: 64 }))] });
    await t.http().post(`/api/v1/tickets/${app}/rating`).set(freshResident).send({ stars: 5 }).expect(200);
    await report(t, freshManager, { communityId: fresh.community.id }).expect(201); // 内部报事, apart
    const range = `from=${addDays(shanghaiDate(), -1)}&to=${shanghaiDate()}`;
    const expected = {
      total: 4,
      byChannel: [
        { channel: 'app', label: '小程序', total: 1, satisfactionRate: 1 },
        { channel: '12345', label: '12345热线', total: 2, satisfactionRate: 0.5 },
        { channel: 'petition', label: '信访', total: 1, satisfactionRate: null },
      ],
      satisfactionSources: { rated: 1, ratedSatisfied: 1, visited: 2, visitedSatisfied: 1, unreachable: 0, pending: 0 },
      // One rating and two return visits: two of three satisfied.
      satisfactionRate: 0.6667,
      internal: { total: 1 },
    };
    const stats = await t.http().get(`/api/v1/communities/${fresh.community.id}/ticket-stats?${range}`).set(freshManager).expect(200);
    expect(stats.body).toMatchObject(expected);
    const officeView = await t.http().get(`/api/v1/stats/overview?areaId=${estate.office.id}&${range}`).set(office).expect(200);
    expect(officeView.body.communities.find((c: { id: number }) => c.id === fresh.community.id).metrics).toMatchObject(expected);
    // The county sums every estate: its channels add up to its residents' total.
    const county = await t.http().get(`/api/v1/stats/overview?areaId=${estate.county.id}&${range}`).set(regulator).expect(200);
    const channels = county.body.metrics.byChannel as { channel: string; total: number }[];
    expect(channels.reduce((sum, c) => sum + c.total, 0)).toBe(county.body.metrics.total);
    expect(channels.map((c) => c.channel)).toEqual(RESIDENT_CHANNELS.filter((c) => channels.some((x) => x.channel === c)));
    expect(county.body.children[0].metrics.byChannel).toEqual(county.body.metrics.byChannel);
    const companies = await t.http().get(`/api/v1/stats/companies?areaId=${estate.office.id}&${range}`).set(office).expect(200);
    expect(companies.body.find((c: { id: number }) => c.id === fresh.company.id).metrics).toMatchObject(expected);

    const wb = await downloadWorkbook(t, `/api/v1/stats/export.xlsx?areaId=${estate.office.id}&${range}`, office);
    const sheet = wb.getWorksheet('渠道') as ExcelJS.Worksheet;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(['区域 / 小区', '小程序', '12345热线', '信访', '来访', '电话', '物业投诉直通车', '检查发现', '内部报事', '评价数', '评价满意', '回访数', '回访满意', '无法联系', '待回访']);
    let freshRow: unknown[] = [];
    sheet.eachRow((r) => {
      if (r.getCell(1).value === fresh.community.name) freshRow = (r.values as unknown[]).slice(1);
    });
    expect(freshRow).toEqual([fresh.community.name, 1, 2, 1, 0, 0, 0, 0, 1, 1, 1, 2, 1, 0, 0]);
  });

  it('a manager cannot move the satisfaction rate: their 代报 ticket waits for the office’s return visit', async () => {
    const fresh = await createEstate(t.db, { county: estate.county, town: estate.town, office: estate.office });
    const freshManager = await t.signIn((await createUser(t.db, [{ role: 'manager', communityId: fresh.community.id, companyId: fresh.company.id }])).devKey);
    const range = `from=${addDays(shanghaiDate(), -1)}&to=${shanghaiDate()}`;
    const figures = async () => (await t.http().get(`/api/v1/communities/${fresh.community.id}/ticket-stats?${range}`).set(freshManager).expect(200)).body;
    // The manager takes the call, handles it and tries to record the caller as satisfied, or as unreachable.
    const { id } = (await fileFor(freshManager, { communityId: fresh.community.id, channel: 'phone' }).expect(201)).body as TicketView;
    await act(t, freshManager, id, 'accept');
    await act(t, freshManager, id, 'resolve', { note: '已处理', photoIds: [await uploadPhoto(t, freshManager, await photo({ width: 64, height: 64 }))] });
    for (const action of ['visit_satisfied', 'visit_unreachable']) expect((await act(t, freshManager, id, action)).status).toBe(403);
    expect(await figures()).toMatchObject({ satisfactionRate: null, satisfactionSources: { visited: 0, visitedSatisfied: 0, unreachable: 0, pending: 1 } });
    // The office calls the caller: that answer is the one that counts.
    await act(t, office, id, 'visit_satisfied');
    expect(await figures()).toMatchObject({ satisfactionRate: 1, satisfactionSources: { visited: 1, visitedSatisfied: 1, pending: 0 } });
  });
});
