import { addDays, MAX_REOPENS, RATING_WINDOW_DAYS, shanghaiDate } from '@wuye/contracts';
import { Notification } from '../src/modules/notifications/notification.entity';
import { ServiceContract } from '../src/modules/org/service-contract.entity';
import { Escalation } from '../src/modules/tickets/escalation.entity';
import { TicketEvent } from '../src/modules/tickets/ticket-event.entity';
import { TicketJobsService } from '../src/modules/tickets/ticket-jobs.service';
import { Ticket } from '../src/modules/tickets/ticket.entity';
import { createTestApp, type TestApp } from './support/app';
import { createCompany, createContract, createEstate, createResident, createUser, type Estate, roleIn } from './support/fixtures';
import { photo } from './support/images';
import { act, report, uploadPhoto } from './support/tickets';

type Auth = { Authorization: string };

/** Issue 18, tickets: the figures and the loop cannot be bent from inside the estate. Each rule is one test. */
describe('accountability: tickets', () => {
  let t: TestApp;
  let estate: Estate;
  let manager: Auth;
  let resident: Auth;
  let neighbour: Auth;
  let officeUserId: number;

  beforeAll(async () => {
    t = await createTestApp();
    estate = await createEstate(t.db);
    manager = await t.signInAs(roleIn(estate).manager);
    resident = await t.signIn((await createResident(t.db, estate.houses[0])).devKey);
    neighbour = await t.signIn((await createResident(t.db, estate.houses[1])).devKey);
    officeUserId = (await createUser(t.db, [roleIn(estate).office])).user.id;
  });
  afterAll(() => t.close());

  const reportAs = async (who: Auth, body: Record<string, unknown> = {}) => (await report(t, who, { communityId: estate.community.id, ...body }).expect(201)).body as { id: number; source: string };
  const resolve = async (id: number) => {
    await act(t, manager, id, 'accept').then((r) => expect(r.status).toBe(200));
    const done = await act(t, manager, id, 'resolve', { note: '已处理', photoIds: [await uploadPhoto(t, manager, await photo({ width: 64, height: 64 }))] });
    expect(done.status).toBe(200);
  };
  const view = (who: Auth, id: number) => t.http().get(`/api/v1/tickets/${id}`).set(who).expect(200);
  const rows = (id: number) => t.db.getRepository(Ticket).findOneByOrFail({ id });

  it('rule: a ticket the property side files for its own estate is 内部报事 and cannot be rated by them', async () => {
    const own = await reportAs(manager, { description: '巡查发现5栋门禁损坏' });
    expect(own.source).toBe('internal');
    expect((await reportAs(resident)).source).toBe('app');
    await resolve(own.id);
    const shown = await view(manager, own.id);
    expect(shown.body).toMatchObject({ canRate: false, blocked: { rate: '内部报事不参与评价' } });
    const refused = await t.http().post(`/api/v1/tickets/${own.id}/rating`).set(manager).send({ stars: 5 }).expect(409);
    expect(refused.body).toMatchObject({ code: 'INTERNAL_TICKET', message: '内部报事不参与评价' });
    expect((await rows(own.id)).ratingStars).toBeNull();
  });

  it(`rule: a rating is taken until ${RATING_WINDOW_DAYS} days after the ticket closed, later it is a clear 409`, async () => {
    const { id } = await reportAs(resident);
    await resolve(id);
    await act(t, resident, id, 'close').then((r) => expect(r.status).toBe(200));
    const closedLongAgo = new Date(Date.now() - (RATING_WINDOW_DAYS * 24 + 1) * 3600_000);
    await t.db.getRepository(Ticket).update(id, { closedAt: closedLongAgo });
    expect((await view(resident, id)).body).toMatchObject({ canRate: false, blocked: { rate: expect.stringContaining(`${RATING_WINDOW_DAYS} 天`) } });
    const late = await t.http().post(`/api/v1/tickets/${id}/rating`).set(resident).send({ stars: 5 }).expect(409);
    expect(late.body.code).toBe('RATING_CLOSED');
    expect((await rows(id)).ratingStars).toBeNull();
    // Inside the window it is taken.
    await t.db.getRepository(Ticket).update(id, { closedAt: new Date(Date.now() - (RATING_WINDOW_DAYS * 24 - 1) * 3600_000) });
    await t.http().post(`/api/v1/tickets/${id}/rating`).set(resident).send({ stars: 4 }).expect(200);
  });

  it('rule: one open escalation per ticket (reopens and appeals add to it); past the reopen cap the resident appeals to the office', async () => {
    const { id } = await reportAs(resident);
    for (let round = 0; round < MAX_REOPENS; round++) {
      await act(t, manager, id, round === 0 ? 'accept' : 'resolve', round === 0 ? {} : { note: '再次处理', photoIds: [await uploadPhoto(t, manager, await photo({ width: 64, height: 64 }))] });
      if (round === 0) await act(t, manager, id, 'resolve', { note: '已处理', photoIds: [await uploadPhoto(t, manager, await photo({ width: 64, height: 64 }))] });
      expect((await act(t, resident, id, 'reopen', { reason: '还是坏的' })).status).toBe(200);
    }
    // It went overdue meanwhile: the job adds that reason to the open escalation instead of opening another.
    await t.db.getRepository(Ticket).update(id, { resolutionDueAt: new Date(Date.now() - 60_000) });
    await t.app.get(TicketJobsService).runOnce();
    expect(await t.db.getRepository(Escalation).countBy({ ticketId: id, state: 'open' })).toBe(1);
    await act(t, manager, id, 'resolve', { note: '第三次处理', photoIds: [await uploadPhoto(t, manager, await photo({ width: 64, height: 64 }))] });
    const capped = await view(resident, id);
    expect(capped.body.actions).toEqual(['close', 'complain']);
    expect(capped.body.blocked.reopen).toContain('向社区申诉');
    expect((await act(t, resident, id, 'reopen', { reason: '又坏了' })).body.code).toBe('REOPEN_LIMIT');
    const before = await t.db.getRepository(Notification).countBy({ userId: officeUserId, ticketId: id });
    const complained = await act(t, resident, id, 'complain', { reason: '修了三次还是坏的，请社区督办' });
    expect(complained.status).toBe(200);
    expect(complained.body.state).toBe('resolved');
    expect(await t.db.getRepository(Escalation).countBy({ ticketId: id, state: 'open' })).toBe(1);
    expect(await t.db.getRepository(Notification).countBy({ userId: officeUserId, ticketId: id })).toBe(before + 1);
    // While the office handles it, it does not close by itself after 7 days.
    await t.db.getRepository(Ticket).update(id, { resolvedAt: new Date(Date.now() - 8 * 86400_000) });
    await t.app.get(TicketJobsService).runOnce();
    expect((await rows(id)).state).toBe('resolved');
  });

  it('rule: following, stopping and following again adds one timeline entry, not three', async () => {
    const { id } = await reportAs(resident, { place: '3栋大堂' });
    await t.http().post(`/api/v1/tickets/${id}/follow`).set(neighbour).expect(200);
    await t.http().post(`/api/v1/tickets/${id}/unfollow`).set(neighbour).expect(200);
    const again = await t.http().post(`/api/v1/tickets/${id}/follow`).set(neighbour).expect(200);
    expect(again.body.followerCount).toBe(1);
    expect(await t.db.getRepository(TicketEvent).countBy({ ticketId: id, action: 'follow' })).toBe(1);
  });

  it('rule: when a contract ends, the old company’s assigned open tickets go back to the new company unassigned, and its people hear no more', async () => {
    const staff = await createUser(t.db, [roleIn(estate).staff]);
    const oldManager = await createUser(t.db, [roleIn(estate).manager]);
    const heard = (userId: number, ticketId: number, kind: string) => t.db.getRepository(Notification).countBy({ userId, ticketId, kind });
    const { id } = await reportAs(resident);
    // Before the hand-over the old company's manager hears of the estate's tickets (the control for what follows).
    expect(await heard(oldManager.user.id, id, 'ticket_new')).toBe(1);
    await act(t, manager, id, 'accept');
    expect((await act(t, manager, id, 'assign', { assigneeId: staff.user.id })).status).toBe(200);
    // The hand-over: the old contract is terminated today and a new company starts.
    const today = shanghaiDate();
    await t.db.getRepository(ServiceContract).update({ id: estate.contract.id }, { endsOn: addDays(today, -1), terminatedAt: new Date() });
    const incoming = await createCompany(t.db);
    await createContract(t.db, estate.community, incoming, today);
    const newManager = await createUser(t.db, [{ role: 'manager', communityId: estate.community.id, companyId: incoming.id }]);
    const { handedOver } = await t.app.get(TicketJobsService).runOnce();
    expect(handedOver).toBeGreaterThanOrEqual(1);
    expect(await rows(id)).toMatchObject({ state: 'accepted', assigneeId: null });
    const events = await t.db.getRepository(TicketEvent).findBy({ ticketId: id, action: 'handover' });
    expect(events).toHaveLength(1);
    expect(await heard(newManager.user.id, id, 'ticket_handover')).toBe(1);
    // A second round finds nothing more to hand over; the departed staff member is told nothing of what follows.
    expect((await t.app.get(TicketJobsService).runOnce()).handedOver).toBe(0);
    const heardBefore = await t.db.getRepository(Notification).countBy({ userId: staff.user.id });
    await t.db.getRepository(Ticket).update(id, { assigneeId: staff.user.id, resolutionDueAt: new Date(Date.now() - 60_000) });
    await t.http().post(`/api/v1/tickets/${id}/urge`).set(resident).expect(200);
    expect(await heard(newManager.user.id, id, 'ticket_urged')).toBe(1);
    expect(await heard(oldManager.user.id, id, 'ticket_urged')).toBe(0);
    expect(await t.db.getRepository(Notification).countBy({ userId: staff.user.id })).toBe(heardBefore);
    // A ticket filed after the hand-over reaches the new company's manager, not the old one's.
    const later = await reportAs(resident, { description: '交接后：地库照明不亮' });
    expect([await heard(newManager.user.id, later.id, 'ticket_new'), await heard(oldManager.user.id, later.id, 'ticket_new')]).toEqual([1, 0]);
  });
});
