import type ExcelJS from 'exceljs';
import { ROLLUP_COUNTERS, RollupsService } from '../src/modules/tickets/rollups.service';
import { TicketJobsService } from '../src/modules/tickets/ticket-jobs.service';
import { TicketRollup, TicketRollupMonth } from '../src/modules/tickets/ticket-rollup.entity';
import { Ticket } from '../src/modules/tickets/ticket.entity';
import { createTestApp, TestApp } from './support/app';
import { createArea, createEstate, createResident, createUser, Estate, roleIn } from './support/fixtures';
import { photo } from './support/images';
import { act, report, uploadPhoto } from './support/tickets';
import { downloadWorkbook } from './support/workbook';

type Auth = { Authorization: string };
const today = () => new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);

describe('oversight: statistics, 督办, star ratings, credit', () => {
  let t: TestApp;
  // One county, two towns; town 1 has two estates (A, B) under one office, town 2 one estate (C).
  let a: Estate;
  let b: Estate;
  let c: Estate;
  let county: Auth;
  let town1: Auth;
  let officeA: Auth;
  const people: Record<string, Auth> = {};

  beforeAll(async () => {
    t = await createTestApp();
    a = await createEstate(t.db);
    b = await createEstate(t.db, { county: a.county, town: a.town, office: a.office });
    const town2 = await createArea(t.db, 'town', a.county);
    c = await createEstate(t.db, { county: a.county, town: town2 });
    county = await t.signInAs(roleIn(a).countyRegulator);
    town1 = await t.signInAs(roleIn(a).townRegulator);
    officeA = await t.signInAs(roleIn(a).office);
    for (const e of [a, b, c]) {
      people[`m${e.community.id}`] = await t.signInAs(roleIn(e).manager);
      people[`r${e.community.id}`] = await t.signIn((await createResident(t.db, e.houses[0])).devKey);
    }
  });
  afterAll(() => t.close());

  const range = () => `from=${today()}&to=${today()}`;

  /** Reports n tickets in an estate and walks them: returns their ids. */
  const fill = async (e: Estate, n: number) => {
    const ids: number[] = [];
    for (let i = 0; i < n; i++) ids.push((await report(t, people[`r${e.community.id}`], { communityId: e.community.id, description: `问题${i}` }).expect(201)).body.id);
    return ids;
  };
  const resolveAndRate = async (e: Estate, id: number, stars: number) => {
    const m = people[`m${e.community.id}`];
    await act(t, m, id, 'accept');
    await act(t, m, id, 'resolve', { note: '已处理', photoIds: [await uploadPhoto(t, m, await photo({ width: 64, height: 64 }))] });
    await t.http().post(`/api/v1/tickets/${id}/rating`).set(people[`r${e.community.id}`]).send({ stars }).expect(200);
  };

  it('shows a town regulator only its town, an office only its estates, the county all of them', async () => {
    await t.http().get(`/api/v1/stats/overview?areaId=${a.county.id}&${range()}`).set(town1).expect(404);
    const town = await t.http().get(`/api/v1/stats/overview?areaId=${a.town.id}&${range()}`).set(town1).expect(200);
    expect(town.body.communities.map((x: { id: number }) => x.id).sort()).toEqual([a.community.id, b.community.id].sort());
    const office = await t.http().get(`/api/v1/stats/overview?areaId=${a.office.id}&${range()}`).set(officeA).expect(200);
    expect(office.body.children).toEqual([]);
    await t.http().get(`/api/v1/stats/overview?areaId=${c.office.id}&${range()}`).set(officeA).expect(404);
    const whole = await t.http().get(`/api/v1/stats/overview?areaId=${a.county.id}&${range()}`).set(county).expect(200);
    expect(whole.body.children.map((x: { communities: number }) => x.communities).sort()).toEqual([1, 2]);
    expect(whole.body.freshness).toMatchObject({ source: 'rollup', maintained: 'with every ticket change' });
    await t.http().get(`/api/v1/stats/overview?areaId=${a.county.id}&${range()}`).set(people[`m${a.community.id}`]).expect(403);
  });

  it('matches figures computed by hand, per estate, per town and per company, with 内部报事 counted apart', async () => {
    const idsA = await fill(a, 4);
    // The manager of A files one of the estate's own (内部报事) and handles it late: it stays out of A's figures.
    const mA = people[`m${a.community.id}`];
    const own = (await report(t, mA, { communityId: a.community.id, description: '巡查发现' }).expect(201)).body.id;
    await t.db.getRepository(Ticket).update(own, { responseDueAt: new Date(Date.now() - 60_000) });
    await act(t, mA, own, 'accept');
    const idsB = await fill(b, 2);
    const idsC = await fill(c, 3);
    await resolveAndRate(a, idsA[0], 5);
    await resolveAndRate(a, idsA[1], 2);
    await act(t, people[`m${a.community.id}`], idsA[2], 'reject', { reason: '不属于物业' });
    await resolveAndRate(c, idsC[0], 4);
    await t.db.getRepository(Ticket).update(idsB[0], { responseDueAt: new Date(Date.now() - 1000) });
    const res = await t.http().get(`/api/v1/stats/overview?areaId=${a.county.id}&${range()}`).set(county).expect(200);
    const est = (id: number) => res.body.communities.find((x: { id: number }) => x.id === id).metrics;
    expect(est(a.community.id)).toEqual({
      total: 4,
      byState: { closed: 2, rejected: 1, submitted: 1 },
      onTimeResponseRate: 1,
      onTimeResolutionRate: 1,
      satisfactionRate: 0.5,
      reopenRate: 0,
      averageStars: 3.5,
      overdueOpen: 0,
      internal: { total: 1, onTimeResponseRate: 0, onTimeResolutionRate: null },
      byChannel: [{ channel: 'app', label: '小程序', total: 4, satisfactionRate: 0.5 }],
      satisfactionSources: { rated: 2, ratedSatisfied: 1, visited: 0, visitedSatisfied: 0, unreachable: 0, pending: 0 },
    });
    expect(est(b.community.id)).toMatchObject({ total: 2, byState: { submitted: 2 }, overdueOpen: 1, satisfactionRate: null });
    expect(res.body.metrics).toMatchObject({ total: 9, satisfactionRate: 0.6667, averageStars: 3.67, overdueOpen: 1, internal: { total: 1 } });
    const town = res.body.children.find((x: { id: number }) => x.id === a.town.id);
    expect(town.metrics).toMatchObject({ total: 6, overdueOpen: 1 });
    expect(res.body.byCategory).toEqual([{ code: 'facility', name: '设施故障', count: 9 }]);
    const companies = await t.http().get(`/api/v1/stats/companies?areaId=${a.county.id}&${range()}`).set(county).expect(200);
    expect(companies.body.find((x: { id: number }) => x.id === a.company.id)).toMatchObject({ communities: 1, metrics: { total: 4, internal: { total: 1 } }, credit: { score: 100, grade: 'A' } });
    expect(idsB.length + idsC.length).toBe(5);
  });

  it('keeps the rollups equal to a recount from the tickets as tickets move through their states', async () => {
    const ids = await fill(a, 6);
    const m = people[`m${a.community.id}`];
    await act(t, m, ids[0], 'accept');
    await act(t, people[`r${a.community.id}`], ids[1], 'cancel');
    await resolveAndRate(a, ids[2], 4);
    await act(t, m, ids[3], 'accept');
    await act(t, m, ids[3], 'resolve', { note: '好了', photoIds: [await uploadPhoto(t, m, await photo({ width: 64, height: 64 }))] });
    await act(t, people[`r${a.community.id}`], ids[3], 'reopen', { reason: '没好' });
    await act(t, m, ids[4], 'accept');
    await act(t, m, ids[4], 'resolve', { note: '好了', photoIds: [await uploadPhoto(t, m, await photo({ width: 64, height: 64 }))] });
    await t.db.getRepository(Ticket).update(ids[4], { resolvedAt: new Date(Date.now() - 8 * 86400_000) });
    await t.app.get(TicketJobsService).runOnce();
    // Both the daily rows and the monthly ones (which the county figures read for whole months).
    const snapshot = async () => [
      ...(await t.db.getRepository(TicketRollup).find({ order: { communityId: 'ASC', day: 'ASC', categoryCode: 'ASC' } })).map((r) => [r.communityId, r.day, r.categoryCode, ...ROLLUP_COUNTERS.map((k) => r[k])]),
      ...(await t.db.getRepository(TicketRollupMonth).find({ order: { communityId: 'ASC', month: 'ASC', categoryCode: 'ASC' } })).map((r) => ['month', r.communityId, r.month, r.categoryCode, ...ROLLUP_COUNTERS.map((k) => r[k])]),
    ];
    const incremental = await snapshot();
    await t.app.get(RollupsService).rebuild();
    expect(await snapshot()).toEqual(incremental);
  });

  it('gives the community office its 督办 queue: comment, new deadline, close, all on the ticket’s timeline', async () => {
    const [id] = await fill(a, 1);
    await t.db.getRepository(Ticket).update(id, { responseDueAt: new Date(Date.now() - 1000) });
    await t.app.get(TicketJobsService).runOnce();
    const queue = await t.http().get('/api/v1/escalations').set(officeA).expect(200);
    const item = queue.body.items.find((e: { ticket: { id: number } }) => e.ticket.id === id);
    expect(item).toMatchObject({ reason: 'response_overdue', reasonLabel: '超时未受理', state: 'open', communityName: a.community.name, officeName: a.office.name, canHandle: true });
    // The town's regulator reads the same 督办, told whose it is to act on.
    const watched = (await t.http().get(`/api/v1/escalations?ticketId=${id}`).set(town1).expect(200)).body.items[0];
    expect(watched).toMatchObject({ id: item.id, officeName: a.office.name, canHandle: false });
    expect(item.ticket.reporter).not.toMatch(/业主\d|用户/); // masked
    await t.http().post(`/api/v1/escalations/${item.id}/comments`).set(officeA).send({ note: '请今天内响应业主' }).expect(200);
    const late = await t.http().post(`/api/v1/escalations/${item.id}/deadline`).set(officeA).send({ deadlineAt: '2020-01-01T10:00:00+08:00' }).expect(422);
    expect(late.body.message).toContain('晚于现在');
    const deadline = new Date(Date.now() + 2 * 86400_000).toISOString();
    const set = await t.http().post(`/api/v1/escalations/${item.id}/deadline`).set(officeA).send({ deadlineAt: deadline, note: '逾期将约谈' }).expect(200);
    expect(set.body.deadlineAt).toBe(deadline);
    await t.http().post(`/api/v1/escalations/${item.id}/close`).set(town1).send({ note: 'x' }).expect(403); // regulators watch, offices act
    const closed = await t.http().post(`/api/v1/escalations/${item.id}/close`).set(officeA).send({ note: '物业已受理并安排维修' }).expect(200);
    expect(closed.body.state).toBe('closed');
    await t.http().post(`/api/v1/escalations/${item.id}/close`).set(officeA).send({ note: '再关' }).expect(409);
    const ticket = await t.http().get(`/api/v1/tickets/${id}`).set(people[`m${a.community.id}`]).expect(200);
    expect(ticket.body.escalated).toBe(false);
    expect(ticket.body.timeline.map((e: { action: string }) => e.action)).toEqual(['created', 'overdue', 'escalated', 'office_comment', 'deadline', 'escalation_closed']);
    const otherOffice = await t.signInAs(roleIn(c).office);
    expect((await t.http().get('/api/v1/escalations').set(otherOffice).expect(200)).body.items.map((e: { ticket: { id: number } }) => e.ticket.id)).not.toContain(id);
    // The ticket page finds the ticket's own 督办, open or closed, without walking the queue.
    expect((await t.http().get(`/api/v1/escalations?ticketId=${id}`).set(officeA).expect(200)).body.items).toEqual([]);
    const ofTicket = await t.http().get(`/api/v1/escalations?ticketId=${id}&state=closed`).set(officeA).expect(200);
    expect(ofTicket.body.items.map((e: { id: number; closingNote: string }) => [e.id, e.closingNote])).toEqual([[item.id, '物业已受理并安排维修']]);
    expect((await t.http().get(`/api/v1/escalations?ticketId=${id}&state=closed`).set(otherOffice).expect(200)).body.items).toEqual([]);
    // Drill-down: the office lists the estate's tickets, reporters masked.
    const list = await t.http().get(`/api/v1/tickets?view=oversight&communityId=${a.community.id}&limit=100`).set(officeA).expect(200);
    expect(list.body.items.map((x: { id: number }) => x.id)).toContain(id);
  });

  it('rates estates with the system’s indicators beside the form, keeps history, shows residents the result', async () => {
    const year = Number(today().slice(0, 4));
    const form = await t.http().get(`/api/v1/communities/${a.community.id}/star-ratings?year=${year}`).set(county).expect(200);
    expect(form.body).toMatchObject({ current: null, indicators: { year, tickets: expect.any(Number) } });
    await t.http().post(`/api/v1/communities/${a.community.id}/star-ratings`).set(county).send({ year, stars: 6, reason: 'x' }).expect(400);
    await t.http().post(`/api/v1/communities/${a.community.id}/star-ratings`).set(county).send({ year, stars: null, reason: '' }).expect(400);
    await t.http().post(`/api/v1/communities/${a.community.id}/star-ratings`).set(county).send({ year, stars: null, reason: '服务不足一年，暂不定星' }).expect(201);
    const rated = await t.http().post(`/api/v1/communities/${a.community.id}/star-ratings`).set(county).send({ year, stars: 4, reason: '复评：服务规范', baseVersion: 1, changeReason: '服务满一年后复评' }).expect(201);
    expect(rated.body.indicators).toMatchObject({ year });
    await t.http().post(`/api/v1/communities/${c.community.id}/star-ratings`).set(town1).send({ year, stars: 5, reason: 'x' }).expect(404);
    await t.http().post(`/api/v1/communities/${a.community.id}/star-ratings`).set(officeA).send({ year, stars: 5, reason: 'x' }).expect(403);
    const seen = await t.http().get(`/api/v1/communities/${a.community.id}/star-ratings?year=${year}`).set(people[`r${a.community.id}`]).expect(200);
    expect(seen.body.current).toMatchObject({ stars: 4, reason: '复评：服务规范' });
    expect(seen.body.history.map((h: { stars: number | null }) => h.stars)).toEqual([4, null]);
    const overview = await t.http().get(`/api/v1/stats/overview?areaId=${a.county.id}&from=${year}-01-01&to=${today()}`).set(county).expect(200);
    expect(overview.body.stars['4']).toBe(1);
  });

  it('records credit events and sums a company’s standing over 12 months, public to residents', async () => {
    await t.http().post('/api/v1/credit-events').set(county).send({ companyId: c.company.id, kind: 'points', occurredOn: today(), reason: '未按时公示' }).expect(422);
    await t.http().post('/api/v1/credit-events').set(county).send({ companyId: c.company.id, kind: 'points', points: 8, occurredOn: today(), reason: '公共收益未按时公示' }).expect(201);
    await t.http().post('/api/v1/credit-events').set(county).send({ companyId: c.company.id, kind: 'criticism', occurredOn: today(), reason: '通报批评' }).expect(201);
    const old = new Date(Date.now() - 400 * 86400_000).toISOString().slice(0, 10);
    await t.http().post('/api/v1/credit-events').set(county).send({ companyId: c.company.id, kind: 'interview', occurredOn: old, reason: '一年多前的约谈' }).expect(201);
    await t.http().post('/api/v1/credit-events').set(town1).send({ companyId: c.company.id, kind: 'interview', occurredOn: today(), reason: '不是本镇的企业' }).expect(404);
    const credit = await t.http().get(`/api/v1/companies/${c.company.id}/credit`).set(people[`r${c.community.id}`]).expect(200);
    expect(credit.body).toMatchObject({ score: 87, grade: 'B', pointsDeducted: 13, last12Months: { points: 1, criticism: 1, interview: 0 } });
    expect(credit.body.events).toHaveLength(3);
    const list = await t.http().get(`/api/v1/credit-events?companyId=${c.company.id}`).set(county).expect(200);
    expect(list.body.items[0]).toMatchObject({ companyName: c.company.name, issuingArea: a.county.name });
  });

  it('lists an estate’s project managers for the credit form, within the regulator’s area only', async () => {
    const manager = await createUser(t.db, [roleIn(c).manager]);
    const managers = await t.http().get(`/api/v1/communities/${c.community.id}/managers`).set(county).expect(200);
    expect(managers.body).toContainEqual({ id: manager.user.id, displayName: manager.user.displayName });
    await t.http().get(`/api/v1/communities/${c.community.id}/managers`).set(town1).expect(404);
    await t.http().get(`/api/v1/communities/${c.community.id}/managers`).set(officeA).expect(403);
    const named = await t.http().post('/api/v1/credit-events').set(county).send({ companyId: c.company.id, communityId: c.community.id, managerUserId: manager.user.id, kind: 'manager_dismissed', occurredOn: today(), reason: '项目经理履职不力，撤换' }).expect(201);
    expect(named.body).toMatchObject({ managerName: manager.user.displayName, communityName: c.community.name, kind: 'manager_dismissed' });
  });

  it('exports the statistics and ratings as .xlsx', async () => {
    const wb = await downloadWorkbook(t, `/api/v1/stats/export.xlsx?areaId=${a.county.id}&${range()}`, county);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['概览', '小区', '物业企业', '渠道', '分类']);
    const estates = wb.getWorksheet('小区') as ExcelJS.Worksheet;
    expect(estates.rowCount).toBe(4);
    expect(estates.getRow(2).getCell(5).numFmt).toBe('0.0%');
  });
});
