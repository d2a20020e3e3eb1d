import { authConfig, type AuthConfig } from '../src/config';
import { AuditEntry } from '../src/modules/identity/audit-entry.entity';
import { phoneFields } from '../src/modules/identity/phone';
import { User } from '../src/modules/identity/user.entity';
import { addDays, shanghaiDate } from '@wuye/contracts';
import { Notification } from '../src/modules/notifications/notification.entity';
import { Escalation } from '../src/modules/tickets/escalation.entity';
import { TicketEvent } from '../src/modules/tickets/ticket-event.entity';
import { Ticket } from '../src/modules/tickets/ticket.entity';
import { TicketJobsService } from '../src/modules/tickets/ticket-jobs.service';
import { useTestApp } from './support/app';
import { ServiceContract } from '../src/modules/org/service-contract.entity';
import { createCompany, createContract, createEstate, createResident, createUser, Estate, roleIn } from './support/fixtures';
import { photo } from './support/images';
import { act, report, uploadPhoto } from './support/tickets';

type Auth = { Authorization: string };

describe('tickets: 随手拍 to 办结', () => {
  const t = useTestApp();
  let estate: Estate;
  let resident: Auth;
  let residentId: number;
  let neighbour: Auth;
  let manager: Auth;
  let staff: Auth;
  let staffId: number;
  let office: Auth;
  beforeEach(async () => {
    estate = await createEstate(t.db);
    const r = await createResident(t.db, estate.houses[0]);
    residentId = r.user.id;
    resident = await t.signIn(r.devKey);
    neighbour = await t.signIn((await createResident(t.db, estate.houses[1])).devKey);
    manager = await t.signInAs(roleIn(estate).manager);
    const s = await createUser(t.db, [{ role: 'staff', communityId: estate.community.id, companyId: estate.company.id, title: '维修工' }], '刘师傅');
    staffId = s.user.id;
    staff = await t.signIn(s.devKey);
    office = await t.signInAs(roleIn(estate).office);
  });

  const reportPublic = async (extra: Record<string, unknown> = {}) => {
    const res = await report(t, resident, { communityId: estate.community.id, description: '2栋门口路灯不亮，晚上很黑', place: '2栋门口', ...extra }).expect(201);
    return res.body;
  };

  it('联系报事人: those handling the ticket read the reporter’s full number to call, each reveal audited; nobody else may', async () => {
    const ticket = await reportPublic();
    const masked = await t.http().get(`/api/v1/tickets/${ticket.id}`).set(manager).expect(200);
    expect(masked.body.reporterPhone).toBeNull();
    const none = await t.http().post(`/api/v1/tickets/${ticket.id}/contact-phone`).set(manager).expect(404);
    expect(none.body.code).toBe('NO_PHONE_NUMBER');

    await t.db.getRepository(User).update(residentId, phoneFields('13812345678', t.app.get<AuthConfig>(authConfig.KEY).phoneKey));
    expect((await t.http().get(`/api/v1/tickets/${ticket.id}`).set(manager).expect(200)).body).toMatchObject({
      reporterPhone: '138****5678',
      contact: { phoneMasked: '138****5678', canReveal: true },
    });
    // Staff call once the repair is theirs: before it is assigned to them they are refused, and nothing is logged.
    await t.http().post(`/api/v1/tickets/${ticket.id}/contact-phone`).set(staff).expect(403);
    await act(t, manager, ticket.id, 'accept');
    await act(t, manager, ticket.id, 'assign', { assigneeId: staffId });
    const revealed = await t.http().post(`/api/v1/tickets/${ticket.id}/contact-phone`).set(staff).expect(200);
    expect(revealed.body).toEqual({ phone: '13812345678' });
    const audit = await t.db.getRepository(AuditEntry).findBy({ entityType: 'ticket', entityId: ticket.id, action: 'ticket.phone_revealed' });
    expect(audit.map((a) => a.actorId)).toEqual([staffId]);
    // A neighbour holds no part in it: refused, and nothing more is logged.
    await t.http().post(`/api/v1/tickets/${ticket.id}/contact-phone`).set(neighbour).expect(403);
    expect(await t.db.getRepository(AuditEntry).countBy({ entityType: 'ticket', entityId: ticket.id, action: 'ticket.phone_revealed' })).toBe(1);
  });

  it('goes the whole loop: report with photos, accept, assign, start, resolve with photos, rate → closed, every step on the timeline', async () => {
    const before = await photo({ width: 1200, height: 900 });
    const photoIds = [await uploadPhoto(t, resident, before), await uploadPhoto(t, resident, before)];
    const ticket = await reportPublic({ photoIds });
    expect(ticket).toMatchObject({ state: 'submitted', visibility: 'public', categoryName: '设施故障', isReporter: true, actions: ['cancel'] });
    expect(ticket.photos).toHaveLength(2);
    expect(new Date(ticket.responseDueAt).getTime() - new Date(ticket.createdAt).getTime()).toBe(120 * 60_000);

    const inbox = await t.http().get('/api/v1/tickets?view=inbox&state=submitted').set(manager).expect(200);
    expect(inbox.body.items.map((i: { id: number }) => i.id)).toContain(ticket.id);

    expect((await act(t, manager, ticket.id, 'accept')).status).toBe(200);
    const assignees = await t.http().get(`/api/v1/communities/${estate.community.id}/assignees`).set(manager).expect(200);
    expect(assignees.body).toEqual(expect.arrayContaining([expect.objectContaining({ id: staffId, displayName: '刘师傅', title: '维修工', openTickets: 0 })]));
    expect((await act(t, manager, ticket.id, 'assign', { assigneeId: staffId, note: '请今天修好' })).body.assignee).toBe('物业员工 刘师傅');

    // The manager sees the load before assigning the next one.
    const loaded = await t.http().get(`/api/v1/communities/${estate.community.id}/assignees`).set(manager).expect(200);
    expect(loaded.body.find((a: { id: number }) => a.id === staffId).openTickets).toBe(1);

    const mine = await t.http().get('/api/v1/tickets?view=assigned').set(staff).expect(200);
    expect(mine.body.items.map((i: { id: number }) => i.id)).toEqual([ticket.id]);
    await act(t, staff, ticket.id, 'start').then((r) => expect(r.status).toBe(200));
    const missingPhotos = await act(t, staff, ticket.id, 'resolve', { note: '已更换灯泡' });
    expect(missingPhotos.status).toBe(422);
    expect(missingPhotos.body.message).toContain('照片');
    const after = await uploadPhoto(t, staff, await photo({ width: 800, height: 600 }));
    const resolved = await act(t, staff, ticket.id, 'resolve', { note: '已更换灯泡，恢复照明', photoIds: [after] });
    expect(resolved.body).toMatchObject({ state: 'resolved' });

    const forResident = await t.http().get(`/api/v1/tickets/${ticket.id}`).set(resident).expect(200);
    expect(forResident.body).toMatchObject({ canRate: true, actions: expect.arrayContaining(['close', 'reopen']) });
    const rated = await t.http().post(`/api/v1/tickets/${ticket.id}/rating`).set(resident).send({ stars: 5, tags: ['响应及时'], comment: '修得很快' }).expect(200);
    expect(rated.body).toMatchObject({ state: 'closed', rating: { stars: 5, tags: ['响应及时'], comment: '修得很快' }, canRate: false });
    expect(rated.body.timeline.map((e: { action: string }) => e.action)).toEqual(['created', 'accept', 'assign', 'start', 'resolve', 'rate']);
    const feedback = rated.body.timeline.find((e: { action: string }) => e.action === 'resolve');
    expect(feedback).toMatchObject({ note: '已更换灯泡，恢复照明', photos: [expect.objectContaining({ id: after })] });

    const kinds = (await t.db.getRepository(Notification).findBy({ userId: residentId, ticketId: ticket.id })).map((n) => n.kind);
    expect(kinds).toEqual(['ticket_accepted', 'ticket_resolved', 'ticket_closed']);
    const row = await t.db.getRepository(Ticket).findOneByOrFail({ id: ticket.id });
    expect(row).toMatchObject({ respondedOnTime: true, resolvedOnTime: true });
  });

  it('pages the lists newest first with a cursor, filters by state, category and overdue, and refuses a bad cursor', async () => {
    const ids: number[] = [];
    for (const categoryCode of ['facility', 'hygiene', 'facility', 'parking', 'facility']) ids.push((await reportPublic({ categoryCode })).id);
    const newestFirst = [...ids].reverse();
    const listIds = (res: { body: { items: { id: number }[] } }) => res.body.items.map((i) => i.id);

    const first = await t.http().get('/api/v1/tickets?view=inbox&limit=2').set(manager).expect(200);
    expect(listIds(first)).toEqual(newestFirst.slice(0, 2));
    expect(first.body.items[0]).toMatchObject({ communityName: estate.community.name, reporter: expect.not.stringMatching(/业主$/), state: 'submitted', version: 1 });
    const second = await t.http().get(`/api/v1/tickets?view=inbox&limit=2&cursor=${first.body.nextCursor}`).set(manager).expect(200);
    expect(listIds(second)).toEqual(newestFirst.slice(2, 4));
    const last = await t.http().get(`/api/v1/tickets?view=inbox&limit=2&cursor=${second.body.nextCursor}`).set(manager).expect(200);
    expect(listIds(last)).toEqual(newestFirst.slice(4));
    expect(last.body.nextCursor).toBeNull();

    const facility = await t.http().get('/api/v1/tickets?view=inbox&category=facility').set(manager).expect(200);
    expect(listIds(facility)).toEqual([ids[4], ids[2], ids[0]]);
    await act(t, manager, ids[1], 'accept').then((r) => expect(r.status).toBe(200));
    const accepted = await t.http().get('/api/v1/tickets?view=inbox&state=accepted,assigned').set(manager).expect(200);
    expect(listIds(accepted)).toEqual([ids[1]]);

    // Past its response deadline: on the overdue list, flagged as such; the others are not.
    await t.db.getRepository(Ticket).update(ids[3], { responseDueAt: new Date(Date.now() - 60_000) });
    const overdue = await t.http().get('/api/v1/tickets?view=inbox&overdue=true').set(manager).expect(200);
    expect(listIds(overdue)).toEqual([ids[3]]);
    expect(overdue.body.items[0].overdue).toBe(true);

    // The reporter's own list shows their name; the board shows the mask.
    const mine = await t.http().get('/api/v1/tickets?view=mine&limit=1').set(resident).expect(200);
    expect(listIds(mine)).toEqual([ids[4]]);
    const board = await t.http().get(`/api/v1/tickets?view=community&communityId=${estate.community.id}&limit=1`).set(neighbour).expect(200);
    expect(board.body.items[0].reporter).toMatch(/业主$/);
    expect(board.body.items[0].reporter).not.toBe(mine.body.items[0].reporter);

    const bad = await t.http().get('/api/v1/tickets?view=inbox&cursor=not-a-cursor').set(manager).expect(400);
    expect(bad.body).toMatchObject({ code: 'BAD_CURSOR' });
  });

  it('tells the managers of the company serving the estate about a new ticket, not a manager whose company has no contract there', async () => {
    const servingManager = await createUser(t.db, [roleIn(estate).manager]);
    const stranger = await createUser(t.db, [{ role: 'manager', communityId: estate.community.id, companyId: (await createCompany(t.db)).id }]);
    const ticket = await reportPublic();
    const told = await t.db.getRepository(Notification).findBy({ ticketId: ticket.id, kind: 'ticket_new' });
    expect(told.map((n) => n.userId)).toContain(servingManager.user.id);
    expect(told.map((n) => n.userId)).not.toContain(stranger.user.id);
  });

  it('on a hand-over day tells the managers of both the outgoing and the incoming company, not of one whose contract has ended', async () => {
    const today = shanghaiDate();
    await t.db.getRepository(ServiceContract).update({ id: estate.contract.id }, { endsOn: today });
    const incoming = await createCompany(t.db);
    await createContract(t.db, estate.community, incoming, today);
    const departed = await createCompany(t.db);
    await createContract(t.db, estate.community, departed, '2019-01-01', addDays(today, -1));
    const outgoingManager = await createUser(t.db, [roleIn(estate).manager]);
    const incomingManager = await createUser(t.db, [{ role: 'manager', communityId: estate.community.id, companyId: incoming.id }]);
    const departedManager = await createUser(t.db, [{ role: 'manager', communityId: estate.community.id, companyId: departed.id }]);
    const ticket = await reportPublic();
    const told = (await t.db.getRepository(Notification).findBy({ ticketId: ticket.id, kind: 'ticket_new' })).map((n) => n.userId);
    expect(told).toEqual(expect.arrayContaining([outgoingManager.user.id, incomingManager.user.id]));
    expect(told).not.toContain(departedManager.user.id);
    expect(new Set(told).size).toBe(told.length);
  });

  it("counts the workbench's waiting work, each count only for the roles that cover it", async () => {
    const workload = (auth: Auth) => t.http().get(`/api/v1/communities/${estate.community.id}/workload`).set(auth);
    expect((await workload(manager).expect(200)).body).toEqual({ communityId: estate.community.id, unaccepted: 0, overdue: 0, assignedToMe: 0, pendingBindings: 0 });

    const first = await reportPublic();
    const second = await reportPublic({ description: '地下车库B区漏水' });
    await reportPublic({ description: '5栋垃圾桶满了' });
    expect((await act(t, manager, first.id, 'accept')).status).toBe(200);
    expect((await act(t, manager, first.id, 'assign', { assigneeId: staffId })).status).toBe(200);
    // The second is past its response deadline.
    await t.db.getRepository(Ticket).update({ id: second.id }, { responseDueAt: new Date(Date.now() - 60_000) });
    const newcomer = await t.signInAs();
    await t.http().post('/api/v1/bindings').set(newcomer).send({ houseId: estate.houses[2].id, relation: 'tenant' }).expect(201);

    expect((await workload(manager).expect(200)).body).toMatchObject({ unaccepted: 2, overdue: 1, assignedToMe: 0, pendingBindings: 1 });
    expect((await workload(staff).expect(200)).body).toMatchObject({ unaccepted: null, overdue: null, assignedToMe: 1, pendingBindings: null });
    const committee = await t.signInAs(roleIn(estate).committee);
    expect((await workload(committee).expect(200)).body).toMatchObject({ unaccepted: null, overdue: null, assignedToMe: null, pendingBindings: 1 });

    // Started work still counts as the staff member's; resolved work no longer does.
    expect((await act(t, staff, first.id, 'start')).status).toBe(200);
    expect((await workload(staff).expect(200)).body.assignedToMe).toBe(1);
    expect((await act(t, staff, first.id, 'resolve', { note: '已更换灯泡', photoIds: [await uploadPhoto(t, staff, await photo())] })).status).toBe(200);
    expect((await workload(staff).expect(200)).body.assignedToMe).toBe(0);

    // A resident has no workbench here; another estate's manager cannot peek.
    expect((await workload(resident).expect(404)).body.code).toBe('NOT_FOUND');
    const elsewhere = await createEstate(t.db);
    const otherManager = await t.signInAs(roleIn(elsewhere).manager);
    await workload(otherManager).expect(404);
  });

  it('refuses illegal steps and the wrong actors with a clear error, changing nothing', async () => {
    const ticket = await reportPublic();
    const events = () => t.db.getRepository(TicketEvent).countBy({ ticketId: ticket.id });
    const before = await events();
    const byResident = await t.http().post(`/api/v1/tickets/${ticket.id}/transitions`).set(resident).send({ action: 'accept', version: ticket.version }).expect(403);
    expect(byResident.body).toMatchObject({ code: 'ACTION_NOT_ALLOWED', message: '您不能对该工单执行“受理”' });
    const closeEarly = await t.http().post(`/api/v1/tickets/${ticket.id}/transitions`).set(resident).send({ action: 'close', version: ticket.version }).expect(409);
    expect(closeEarly.body).toMatchObject({ code: 'ILLEGAL_TRANSITION', message: '工单当前为“待受理”，不能执行“确认办结”' });
    const noReason = await t.http().post(`/api/v1/tickets/${ticket.id}/transitions`).set(manager).send({ action: 'reject', version: ticket.version }).expect(422);
    expect(noReason.body.message).toContain('原因');
    const stale = await t.http().post(`/api/v1/tickets/${ticket.id}/transitions`).set(manager).send({ action: 'accept', version: ticket.version + 5 }).expect(409);
    expect(stale.body.code).toBe('STALE_VERSION');
    const badAssignee = await act(t, manager, ticket.id, 'accept').then(() => act(t, manager, ticket.id, 'assign', { assigneeId: residentId }));
    expect(badAssignee.body.code).toBe('INVALID_ASSIGNEE');
    expect(await events()).toBe(before + 1); // only the accept
  });

  it('lets one of two managers acting at once win; the other gets a conflict, never a lost update', async () => {
    const ticket = await reportPublic();
    const other = await t.signInAs(roleIn(estate).manager);
    const [a, b] = await Promise.all([
      t.http().post(`/api/v1/tickets/${ticket.id}/transitions`).set(manager).send({ action: 'accept', version: ticket.version }),
      t.http().post(`/api/v1/tickets/${ticket.id}/transitions`).set(other).send({ action: 'reject', version: ticket.version, reason: '非物业职责' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const row = await t.db.getRepository(Ticket).findOneByOrFail({ id: ticket.id });
    expect(row.state).toBe(a.status === 200 ? 'accepted' : 'rejected');
    expect(await t.db.getRepository(TicketEvent).countBy({ ticketId: ticket.id })).toBe(2);
  });

  it('returns the same ticket for a retried submission with the same Idempotency-Key, even at the same moment', async () => {
    const key = `offline-${Date.now()}-abc`;
    const body = { communityId: estate.community.id, description: '地库漏水', place: '地下车库B区' };
    const [first, second] = await Promise.all([report(t, resident, body, { 'Idempotency-Key': key }), report(t, resident, body, { 'Idempotency-Key': key })]);
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body.id).toBe(first.body.id);
    const third = await report(t, resident, body, { 'Idempotency-Key': key }).expect(201);
    expect(third.headers['idempotent-replayed']).toBe('true');
    expect(await t.db.getRepository(Ticket).countBy({ reporterId: residentId, description: '地库漏水' })).toBe(1);
    await report(t, resident, body, { 'Idempotency-Key': 'no' }).expect(400);
  });

  it('keeps own-house repairs private and masks the reporter on the community board', async () => {
    const privateRepair = await report(t, resident, { communityId: estate.community.id, houseId: estate.houses[0].id, description: '卫生间漏水，电话13812345678' }).expect(201);
    expect(privateRepair.body.visibility).toBe('private');
    await t.http().get(`/api/v1/tickets/${privateRepair.body.id}`).set(neighbour).expect(404);
    const notMine = await report(t, resident, { communityId: estate.community.id, houseId: estate.houses[1].id, description: '邻居家漏水' }).expect(422);
    expect(notMine.body.code).toBe('INVALID_HOUSE');

    const board = await reportPublic({ description: '1栋电梯异响，联系13812345678' });
    const seen = await t.http().get(`/api/v1/tickets/${board.id}`).set(neighbour).expect(200);
    expect(seen.body).toMatchObject({ reporter: '1栋业主', reporterPhone: null, isReporter: false });
    expect(seen.body.description).toContain('138****5678');
    expect(JSON.stringify(seen.body)).not.toContain('13812345678');
    const list = await t.http().get(`/api/v1/tickets?view=community&communityId=${estate.community.id}`).set(neighbour).expect(200);
    const ids = list.body.items.map((i: { id: number }) => i.id);
    expect(ids).toContain(board.id);
    expect(ids).not.toContain(privateRepair.body.id);

    // The community office sees the content of what it supervises, never who reported it.
    const supervised = await t.http().get(`/api/v1/tickets/${privateRepair.body.id}`).set(office).expect(200);
    expect(supervised.body.reporter).toBe('1栋业主');
    const property = await t.http().get(`/api/v1/tickets/${board.id}`).set(manager).expect(200);
    expect(property.body.reporter).not.toBe('1栋业主');
  });

  it('escalates a rejection the reporter appeals, and the second reopen', async () => {
    const rejected = await reportPublic();
    await act(t, manager, rejected.id, 'reject', { reason: '属于市政路灯' });
    const appealed = await act(t, resident, rejected.id, 'appeal', { reason: '这是小区内的路灯' });
    expect(appealed.body).toMatchObject({ state: 'submitted', escalated: true });
    expect(await t.db.getRepository(Escalation).findBy({ ticketId: rejected.id })).toEqual([expect.objectContaining({ reason: 'appeal', state: 'open' })]);

    const ticket = await reportPublic({ description: '垃圾桶满了' , categoryCode: 'hygiene' });
    const photoId = async () => uploadPhoto(t, manager, await photo({ width: 200, height: 200 }));
    await act(t, manager, ticket.id, 'accept');
    for (let round = 1; round <= 2; round++) {
      await act(t, manager, ticket.id, 'resolve', { note: '已清理', photoIds: [await photoId()] }).then((r) => expect(r.status).toBe(200));
      const reopened = await act(t, resident, ticket.id, 'reopen', { reason: '还是满的' });
      expect(reopened.body).toMatchObject({ state: 'accepted', reopenCount: round, escalated: round === 2 });
    }
    expect((await t.db.getRepository(Escalation).findBy({ ticketId: ticket.id })).map((e) => e.reason)).toEqual(['reopened_twice']);
  });

  it('flags overdue tickets once, escalates them to the community office, and closes resolved tickets after 7 days', async () => {
    const late = await reportPublic({ description: '超时未受理' });
    await t.db.getRepository(Ticket).update(late.id, { responseDueAt: new Date(Date.now() - 60_000) });
    const jobs = t.app.get(TicketJobsService);
    const first = await jobs.runOnce();
    expect(first.responseOverdue).toBeGreaterThanOrEqual(1);
    await jobs.runOnce();
    expect(await t.db.getRepository(Escalation).findBy({ ticketId: late.id })).toEqual([expect.objectContaining({ reason: 'response_overdue', officeAreaId: estate.office.id })]);
    const officeView = await t.http().get(`/api/v1/tickets/${late.id}`).set(office).expect(200);
    expect(officeView.body).toMatchObject({ overdue: true, escalated: true });
    expect(officeView.body.timeline.map((e: { action: string }) => e.action)).toEqual(['created', 'overdue', 'escalated']);

    const done = await reportPublic({ description: '已处理待确认' });
    await act(t, manager, done.id, 'accept');
    await act(t, manager, done.id, 'resolve', { note: '已处理', photoIds: [await uploadPhoto(t, manager, await photo({ width: 100, height: 100 }))] });
    await t.db.getRepository(Ticket).update(done.id, { resolvedAt: new Date(Date.now() - 7 * 86400_000 - 60_000) });
    expect((await jobs.runOnce()).autoClosed).toBe(1);
    const closed = await t.http().get(`/api/v1/tickets/${done.id}`).set(resident).expect(200);
    expect(closed.body).toMatchObject({ state: 'closed', canRate: true });
    expect(closed.body.timeline.at(-1)).toMatchObject({ action: 'auto_close', actor: '系统' });
    await t.http().post(`/api/v1/tickets/${done.id}/rating`).set(resident).send({ stars: 3 }).expect(200);
  });

  it('lets the reporter urge an overdue ticket at most once an hour', async () => {
    const ticket = await reportPublic();
    const early = await t.http().post(`/api/v1/tickets/${ticket.id}/urge`).set(resident).expect(409);
    expect(early.body.code).toBe('NOT_OVERDUE');
    await t.db.getRepository(Ticket).update(ticket.id, { responseDueAt: new Date(Date.now() - 1000) });
    await t.http().post(`/api/v1/tickets/${ticket.id}/urge`).set(resident).expect(200);
    const again = await t.http().post(`/api/v1/tickets/${ticket.id}/urge`).set(resident).expect(429);
    expect(again.body).toMatchObject({ code: 'URGE_TOO_SOON', message: expect.stringContaining('一小时内只能催办一次') });
    await t.http().post(`/api/v1/tickets/${ticket.id}/urge`).set(neighbour).expect(403);
  });

  it('rates only once, only by the reporter, only after resolution', async () => {
    const ticket = await reportPublic();
    expect((await t.http().post(`/api/v1/tickets/${ticket.id}/rating`).set(resident).send({ stars: 5 }).expect(409)).body.code).toBe('ILLEGAL_TRANSITION');
    await act(t, manager, ticket.id, 'accept');
    await act(t, manager, ticket.id, 'resolve', { note: '好了', photoIds: [await uploadPhoto(t, manager, await photo({ width: 100, height: 100 }))] });
    await t.http().post(`/api/v1/tickets/${ticket.id}/rating`).set(neighbour).send({ stars: 1 }).expect(403);
    await t.http().post(`/api/v1/tickets/${ticket.id}/rating`).set(resident).send({ stars: 6 }).expect(400);
    await t.http().post(`/api/v1/tickets/${ticket.id}/rating`).set(resident).send({ stars: 4, tags: ['胡说'] }).expect(400);
    await t.http().post(`/api/v1/tickets/${ticket.id}/rating`).set(resident).send({ stars: 4 }).expect(200);
    expect((await t.http().post(`/api/v1/tickets/${ticket.id}/rating`).set(resident).send({ stars: 5 }).expect(409)).body.code).toBe('ALREADY_RATED');
  });

  it('offers similar open tickets before reporting, and lets a neighbour follow one (+1) instead', async () => {
    const ticket = await reportPublic({ categoryCode: 'elevator', place: '3栋1单元', description: '电梯门关不上' });
    const similar = await t.http().get(`/api/v1/tickets/similar?communityId=${estate.community.id}&categoryCode=elevator&place=3栋`).set(neighbour).expect(200);
    expect(similar.body.map((s: { id: number }) => s.id)).toEqual([ticket.id]);
    const elsewhere = await t.http().get(`/api/v1/tickets/similar?communityId=${estate.community.id}&categoryCode=elevator&place=9栋`).set(neighbour).expect(200);
    expect(elsewhere.body).toEqual([]);
    const followed = await t.http().post(`/api/v1/tickets/${ticket.id}/follow`).set(neighbour).expect(200);
    expect(followed.body).toMatchObject({ following: true, followerCount: 1 });
    await t.http().post(`/api/v1/tickets/${ticket.id}/follow`).set(neighbour).expect(200);
    expect((await t.db.getRepository(Ticket).findOneByOrFail({ id: ticket.id })).followerCount).toBe(1);
    const following = await t.http().get('/api/v1/tickets?view=following').set(neighbour).expect(200);
    expect(following.body.items.map((i: { id: number }) => i.id)).toEqual([ticket.id]);
    expect((await t.http().post(`/api/v1/tickets/${ticket.id}/follow`).set(resident).expect(409)).body.code).toBe('OWN_TICKET');
  });

  it('uses each estate’s categories and deadlines, and refuses nonsense deadlines', async () => {
    const list = await t.http().get(`/api/v1/communities/${estate.community.id}/ticket-categories`).set(resident).expect(200);
    expect(list.body.map((c: { name: string }) => c.name)).toEqual(['环境卫生', '设施故障', '消防安全', '电梯', '安全隐患', '绿化', '停车秩序', '噪音扰民', '其他']);
    const changed = list.body.map((c: { code: string }) => (c.code === 'facility' ? { ...c, responseMinutes: 30 } : c)).filter((c: { code: string }) => c.code !== 'greening');
    changed.push({ code: 'pets', name: '宠物', responseMinutes: 60, resolutionMinutes: 1440, emergency: false, active: true });
    const saved = await t.http().put(`/api/v1/communities/${estate.community.id}/ticket-categories`).set(manager).send({ categories: changed }).expect(200);
    expect(saved.body.find((c: { code: string }) => c.code === 'greening')).toMatchObject({ active: false });
    const ticket = await reportPublic();
    expect(new Date(ticket.responseDueAt).getTime() - new Date(ticket.createdAt).getTime()).toBe(30 * 60_000);
    await report(t, resident, { communityId: estate.community.id, categoryCode: 'greening' }).expect(422);
    const bad = await t.http().put(`/api/v1/communities/${estate.community.id}/ticket-categories`).set(manager).send({ categories: [{ code: 'x', name: '坏', responseMinutes: 600, resolutionMinutes: 60, emergency: false, active: true }] }).expect(422);
    expect(bad.body.message).toContain('不能短于');
    await t.http().put(`/api/v1/communities/${estate.community.id}/ticket-categories`).set(resident).send({ categories: changed }).expect(403);
  });

  it('lets the reporter cancel before work starts, not after', async () => {
    const ticket = await reportPublic();
    expect((await act(t, resident, ticket.id, 'cancel')).body.state).toBe('cancelled');
    const other = await reportPublic();
    await act(t, manager, other.id, 'accept');
    await act(t, manager, other.id, 'assign', { assigneeId: staffId });
    await act(t, staff, other.id, 'start');
    expect((await act(t, resident, other.id, 'cancel')).status).toBe(409);
  });
});
