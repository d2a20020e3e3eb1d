import ExcelJS from 'exceljs';
import jsQR from 'jsqr';
import sharp from 'sharp';
import { addDays, parsePatrolCode, patrolPeriod, quarterOf, shanghaiDate } from '@wuye/contracts';
import { PatrolCheck, PatrolPlan, PatrolPlanVersion } from '../src/modules/patrols/patrol.entities';
import { PatrolsService } from '../src/modules/patrols/patrols.service';
import { Ticket } from '../src/modules/tickets/ticket.entity';
import { User } from '../src/modules/identity/user.entity';
import { createTestApp, TestApp } from './support/app';
import { asBytes, downloadWorkbook } from './support/workbook';
import { createArea, createEstate, createUser, Estate } from './support/fixtures';
import { photo } from './support/images';
import { act, uploadPhoto } from './support/tickets';

type Auth = { Authorization: string };
/** 隐患排查: points with a printable code, plans, checks (abnormal → a hazard ticket), the register, missed patrols. */
describe('hazard patrols', () => {
  let t: TestApp;
  let estate: Estate;
  let manager: Auth;
  let staff: Auth;
  let staffId: number;
  let office: Auth;

  beforeAll(async () => {
    t = await createTestApp();
  });
  beforeEach(async () => {
    estate = await createEstate(t.db);
    manager = await t.signIn((await createUser(t.db, [{ role: 'manager', communityId: estate.community.id, companyId: estate.company.id }])).devKey);
    const worker = await createUser(t.db, [{ role: 'staff', communityId: estate.community.id, companyId: estate.company.id, title: '秩序' }]);
    staffId = worker.user.id;
    staff = await t.signIn(worker.devKey);
    office = await t.signIn((await createUser(t.db, [{ role: 'community_office', areaId: estate.office.id }])).devKey);
  });
  afterAll(() => t.close());

  const addPoint = async (name: string, kind: string) => (await t.http().post(`/api/v1/communities/${estate.community.id}/patrol-points`).set(manager).send({ name, place: `${name}旁`, kind }).expect(201)).body;
  const addPlan = (pointIds: number[], frequency = 'daily', assigneeId = staffId) =>
    t.http().post('/api/v1/patrol-plans').set(manager).send({ communityId: estate.community.id, name: '消防设施日巡', pointIds, frequency, windowStart: '08:00', windowEnd: '10:00', assigneeId });
  const check = (body: object, headers: Record<string, string> = {}) => t.http().post('/api/v1/patrol-checks').set(staff).set(headers).send(body);
  const yesterday = addDays(shanghaiDate(), -1);
  /** The plan runs since the 1st of last month (Asia/Shanghai); that month and its days. */
  const sinceLastMonth = async (planId: number) => {
    const lastMonth = shanghaiDate(new Date(`${shanghaiDate().slice(0, 7)}-01T00:00:00+08:00`).getTime() - 1).slice(0, 7);
    await t.db.getRepository(PatrolPlan).update(planId, { startsOn: `${lastMonth}-01` });
    const days: string[] = [];
    for (let day = `${lastMonth}-01`; day.startsWith(lastMonth); day = addDays(day, 1)) days.push(day);
    return { lastMonth, days };
  };
  /** A normal check of the point at 09:00 on each day, each sent as it was made. */
  const checksAt9 = (pointId: number, planId: number, days: string[]) =>
    days.map((day) => ({ communityId: estate.community.id, pointId, planId, result: 'normal' as const, note: null, photoIds: [], checkedAt: new Date(`${day}T09:00:00+08:00`), createdAt: new Date(`${day}T09:00:00+08:00`), checkedById: staffId, ticketId: null, idempotencyKey: null }));
  /** An abnormal check whose hazard ticket is then made older than its category allows. */
  const overdueHazard = async (pointId: number) => {
    const res = await check({ pointId, result: 'abnormal', note: '漏水', photoIds: [await uploadPhoto(t, staff, await photo())] }).expect(201);
    await t.db.getRepository(Ticket).update(res.body.ticketId, { createdAt: new Date(Date.now() - 5 * 86400_000), responseDueAt: new Date(Date.now() - 4 * 86400_000), resolutionDueAt: new Date(Date.now() - 3 * 86400_000) });
    return res.body.ticketId as number;
  };

  it('prints a point’s code as a PNG that scans back to the point', async () => {
    const point = await addPoint('2号楼消防通道', 'fire_lane');
    const res = await t.http().get(`/api/v1/patrol-points/${point.id}/code.png`).set(staff).buffer(true).parse(asBytes).expect(200);
    expect(res.headers['content-type']).toBe('image/png');
    const { data, info } = await sharp(res.body as Buffer).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    // jsQR reads it back. (qrcode-reader, used here before, misread about 1 in 12 of these perfect images, as did
    // zxing-js; the same texts drawn by the qrcode package failed them as often, and jsQR read every one of 1,000.)
    const text = jsQR(new Uint8ClampedArray(data), info.width, info.height)?.data ?? '';
    expect(parsePatrolCode(text)).toEqual({ pointId: point.id, code: point.code });
    // Another estate's staff cannot print it.
    const other = await createEstate(t.db, { county: estate.county, town: estate.town });
    const stranger = await t.signIn((await createUser(t.db, [{ role: 'staff', communityId: other.community.id, companyId: other.company.id }])).devKey);
    await t.http().get(`/api/v1/patrol-points/${point.id}/code.png`).set(stranger).expect(404);
  });

  it('staff patrol two points: the normal one is ticked, the abnormal one opens a hazard ticket that runs the normal loop', async () => {
    const lane = await addPoint('2号楼消防通道', 'fire_lane');
    const pump = await addPoint('水泵房', 'pump_room');
    const plan = (await addPlan([lane.id, pump.id]).expect(201)).body;
    const today = (await t.http().get('/api/v1/patrol-plans?mine=true').set(staff).expect(200)).body;
    expect(today).toHaveLength(1);
    expect(today[0].points.map((p: { name: string; checkedAt: string | null }) => [p.name, p.checkedAt])).toEqual([
      ['2号楼消防通道', null],
      ['水泵房', null],
    ]);

    await check({ pointId: lane.id, planId: plan.id, result: 'normal', code: lane.code }).expect(201);
    // Abnormal needs what is wrong and a photo; refused, nothing is recorded and no ticket opened.
    expect((await check({ pointId: pump.id, planId: plan.id, result: 'abnormal', note: '水泵漏水' }).expect(422)).body.details).toEqual({ field: 'photoIds' });
    expect((await check({ pointId: pump.id, result: 'abnormal', photoIds: [await uploadPhoto(t, staff, await photo())] }).expect(422)).body.details).toEqual({ field: 'note' });
    expect((await check({ pointId: pump.id, result: 'normal', code: lane.code }).expect(422)).body.details).toEqual({ field: 'code' });
    expect(await t.db.getRepository(Ticket).countBy({ communityId: estate.community.id })).toBe(0);

    const abnormal = await check({ pointId: pump.id, planId: plan.id, result: 'abnormal', note: '水泵漏水，地面积水', photoIds: [await uploadPhoto(t, staff, await photo())] }, { 'Idempotency-Key': 'check-pump-0001' }).expect(201);
    const ticketId = abnormal.body.ticketId;
    const ticket = (await t.http().get(`/api/v1/tickets/${ticketId}`).set(manager).expect(200)).body;
    expect(ticket).toMatchObject({ kind: 'hazard', categoryCode: 'safety', state: 'submitted', source: 'internal', place: '水泵房，水泵房旁' });
    expect(ticket.description).toContain('水泵漏水，地面积水');
    expect(ticket.photos).toHaveLength(1);
    // Sent again from the phone with the same key: the same check, no second ticket.
    const again = await check({ pointId: pump.id, planId: plan.id, result: 'abnormal', note: '水泵漏水，地面积水', photoIds: [999999] }, { 'Idempotency-Key': 'check-pump-0001' }).expect(201);
    expect(again.body.id).toBe(abnormal.body.id);
    expect(await t.db.getRepository(Ticket).countBy({ communityId: estate.community.id, kind: 'hazard' })).toBe(1);

    // The ticket runs the normal loop: the manager accepts it.
    expect((await act(t, manager, ticketId, 'accept')).status).toBe(200);
    const after = (await t.http().get('/api/v1/patrol-plans?mine=true').set(staff).expect(200)).body[0];
    expect(after.points.map((p: { result: string | null }) => p.result)).toEqual(['normal', 'abnormal']);

    // 隐患台账: the office sees it, with the point it came from.
    const register = (await t.http().get(`/api/v1/communities/${estate.community.id}/hazards`).set(office).expect(200)).body;
    expect(register).toMatchObject({ open: 1, overdue: 0, emergency: 1 });
    expect(register.items[0]).toMatchObject({ ticketId, pointName: '水泵房', state: 'accepted', categoryName: '安全隐患' });
  });

  it('flags a hazard open longer than its category allows', async () => {
    const pump = await addPoint('水泵房', 'pump_room');
    await overdueHazard(pump.id);
    const register = (await t.http().get(`/api/v1/communities/${estate.community.id}/hazards`).set(office).expect(200)).body;
    expect(register).toMatchObject({ open: 1, overdue: 1 });
    expect(register.items[0]).toMatchObject({ overdue: true, ageDays: 5 });
  });

  it('counts the month’s missed patrols per point and period, and the completion rate beside the star-rating form', async () => {
    const lane = await addPoint('消防通道', 'fire_lane');
    const room = await addPoint('配电房', 'power_room');
    const plan = (await addPlan([lane.id, room.id]).expect(201)).body;
    // The plan has run since the 1st of last month; the lane was checked every day, the power room on the 1st only.
    const { lastMonth, days } = await sinceLastMonth(plan.id);
    const rows = checksAt9(lane.id, plan.id, days);
    rows.push({ ...rows[0], pointId: room.id });
    await t.db.getRepository(PatrolCheck).insert(rows);

    const stats = (await t.http().get(`/api/v1/communities/${estate.community.id}/patrol-stats?month=${lastMonth}`).set(office).expect(200)).body;
    expect(stats).toMatchObject({ due: days.length * 2, done: days.length + 1, completionRate: Math.round(((days.length + 1) / (days.length * 2)) * 10000) / 10000 });
    expect(stats.missed).toHaveLength(days.length - 1);
    expect(stats.missed[0]).toEqual({ planId: plan.id, planName: '消防设施日巡', pointId: room.id, pointName: '配电房', period: { from: days[1], to: days[1] } });
    const year = Number(lastMonth.slice(0, 4));
    const ratings = (await t.http().get(`/api/v1/communities/${estate.community.id}/star-ratings?year=${year}`).set(office).expect(200)).body;
    expect(ratings.indicators.patrolCompletionRate).toBe(stats.completionRate);
    expect(await t.app.get(PatrolsService).completionRate(estate.community.id, year - 5)).toBeNull();
  });

  it('keeps plans to the estate’s own points and staff, and points to the estate’s manager', async () => {
    const lane = await addPoint('消防通道', 'fire_lane');
    const other = await createEstate(t.db, { county: estate.county, town: estate.town });
    const outsider = await createUser(t.db, [{ role: 'staff', communityId: other.community.id, companyId: other.company.id }]);
    expect((await addPlan([lane.id], 'daily', outsider.user.id).expect(422)).body.code).toBe('INVALID_ASSIGNEE');
    expect((await addPlan([lane.id, 999999]).expect(422)).body.details).toEqual({ field: 'pointIds' });
    expect((await addPlan([lane.id], 'hourly').expect(400)).body.code).toBe('VALIDATION_FAILED');
    await t.http().post(`/api/v1/communities/${estate.community.id}/patrol-points`).set(staff).send({ name: 'x', place: 'y', kind: 'other' }).expect(403);
    const otherOffice = await t.signIn((await createUser(t.db, [{ role: 'community_office', areaId: (await createArea(t.db, 'community_office', estate.town)).id }])).devKey);
    await t.http().get(`/api/v1/communities/${estate.community.id}/hazards`).set(otherOffice).expect(404);
    await t.http().get(`/api/v1/communities/${estate.community.id}/patrol-points`).set(otherOffice).expect(404);
    expect(await t.db.getRepository(PatrolPlan).countBy({ communityId: estate.community.id })).toBe(0);
  });

  it('counts a round done only when checked inside the plan’s window and sent in time: outside it is 超时巡检, sent long after the time it claims is 补录', async () => {
    const lane = await addPoint('消防通道', 'fire_lane');
    const room = await addPoint('配电房', 'power_room');
    const pump = await addPoint('水泵房', 'pump_room');
    const plan = (await addPlan([lane.id, room.id, pump.id]).expect(201)).body;
    await t.db.getRepository(PatrolPlan).update(plan.id, { startsOn: yesterday });
    const made = (time: string) => new Date(`${yesterday}T${time}:00+08:00`);
    // The lane at 09:00, inside 08:00–10:00, offline in the basement; the room at 13:30. Both reached the server
    // 40 minutes after they were made (the server stamps the arrival; here it is moved back to then).
    const lane1 = (await check({ pointId: lane.id, planId: plan.id, result: 'normal', checkedAt: made('09:00').toISOString() }, { 'Idempotency-Key': 'offline-lane-01' }).expect(201)).body;
    // Not refused: a check outside the window is recorded as made.
    const room1 = (await check({ pointId: room.id, planId: plan.id, result: 'normal', checkedAt: made('13:30').toISOString() }).expect(201)).body;
    expect(room1.checkedAt).toBe(made('13:30').toISOString());
    for (const [id, time] of [[lane1.id, '09:40'], [room1.id, '14:10']] as const) await t.db.getRepository(PatrolCheck).update(id, { createdAt: made(time) });
    // The pump room was never checked yesterday; today someone sends a check claiming 09:10 yesterday. It is kept and
    // shown with both times, but the time it claims is not trusted: the round is 补录, not done.
    const pump1 = (await check({ pointId: pump.id, planId: plan.id, result: 'normal', checkedAt: made('09:10').toISOString() }).expect(201)).body;
    expect(pump1.checkedAt).toBe(made('09:10').toISOString());
    expect(Date.parse(pump1.receivedAt)).toBeGreaterThan(Date.now() - 60_000);

    const stats = (await t.http().get(`/api/v1/communities/${estate.community.id}/patrol-stats?month=${yesterday.slice(0, 7)}`).set(office).expect(200)).body;
    expect(stats).toMatchObject({ due: 3, done: 1, completionRate: 0.3333, missed: [] });
    const period = { from: yesterday, to: yesterday };
    expect(stats.late).toEqual([
      { planId: plan.id, planName: '消防设施日巡', pointId: room.id, pointName: '配电房', period, checkedAt: made('13:30').toISOString(), receivedAt: made('14:10').toISOString(), sentLate: false },
      { planId: plan.id, planName: '消防设施日巡', pointId: pump.id, pointName: '水泵房', period, checkedAt: made('09:10').toISOString(), receivedAt: pump1.receivedAt, sentLate: true },
    ]);
  });

  it('lets the estate’s manager edit a plan: points, frequency, window and assignee; bad input changes nothing', async () => {
    const lane = await addPoint('消防通道', 'fire_lane');
    const pump = await addPoint('水泵房', 'pump_room');
    const plan = (await addPlan([lane.id]).expect(201)).body;
    const night = await createUser(t.db, [{ role: 'staff', communityId: estate.community.id, companyId: estate.company.id, title: '夜班' }]);
    const edit = (body: object, auth: Auth = manager) =>
      t.http().put(`/api/v1/patrol-plans/${plan.id}`).set(auth).send({ name: '消防设施周巡', pointIds: [lane.id, pump.id], frequency: 'weekly', windowStart: '20:00', windowEnd: '22:00', assigneeId: night.user.id, ...body });

    expect((await edit({ windowEnd: '19:00' }).expect(422)).body).toMatchObject({ code: 'INVALID_PATROL_WINDOW', details: { field: 'windowEnd' } });
    expect((await edit({ pointIds: [lane.id, 999999] }).expect(422)).body.code).toBe('INVALID_PATROL_POINTS');
    const other = await createEstate(t.db, { county: estate.county, town: estate.town });
    const outsider = await createUser(t.db, [{ role: 'staff', communityId: other.community.id, companyId: other.company.id }]);
    expect((await edit({ assigneeId: outsider.user.id }).expect(422)).body.code).toBe('INVALID_ASSIGNEE');
    expect((await edit({ frequency: 'hourly' }).expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect((await edit({}, staff).expect(403)).body.code).toBe('FORBIDDEN');
    const otherManager = await t.signIn((await createUser(t.db, [{ role: 'manager', communityId: other.community.id, companyId: other.company.id }])).devKey);
    expect((await edit({}, otherManager).expect(404)).body.code).toBe('NOT_FOUND');
    expect(await t.db.getRepository(PatrolPlan).findOneByOrFail({ id: plan.id })).toMatchObject({ name: '消防设施日巡', pointIds: [lane.id], frequency: 'daily', windowStart: '08:00', assigneeId: staffId });

    const edited = (await edit({}).expect(200)).body;
    expect(edited).toMatchObject({ id: plan.id, name: '消防设施周巡', pointIds: [lane.id, pump.id], frequency: 'weekly', windowStart: '20:00', windowEnd: '22:00', assigneeId: night.user.id, assigneeName: night.user.displayName });
    // Today's round stays as it began (daily, the lane, 08:00–10:00); the edit counts from tomorrow.
    expect(edited).toMatchObject({ round: { frequency: 'daily', windowStart: '08:00', windowEnd: '10:00' }, period: { from: shanghaiDate(), to: shanghaiDate() }, pending: { from: addDays(shanghaiDate(), 1) } });
    expect(edited.points.map((p: { name: string }) => p.name)).toEqual(['消防通道']);
    // The office reads who changed what, the new patroller by name (at once), the rest from tomorrow.
    const { edits } = (await t.http().get(`/api/v1/communities/${estate.community.id}/patrol-stats?month=${shanghaiDate().slice(0, 7)}`).set(office).expect(200)).body;
    expect(edits).toEqual([
      expect.objectContaining({ takesEffectOn: addDays(shanghaiDate(), 1), added: ['水泵房'], frequency: { from: 'daily', to: 'weekly' }, assignee: { from: (await t.db.getRepository(User).findOneByOrFail({ id: staffId })).displayName, to: night.user.displayName } }),
    ]);
    // The rounds move to the new assignee at once.
    expect((await t.http().get('/api/v1/patrol-plans?mine=true').set(staff).expect(200)).body).toEqual([]);
    const nightAuth = await t.signIn(night.devKey);
    expect((await t.http().get('/api/v1/patrol-plans?mine=true').set(nightAuth).expect(200)).body.map((p: { id: number }) => p.id)).toEqual([plan.id]);
  });

  it('never changes a month already past by editing the plan or retiring a point: its rounds count against the plan as it was', async () => {
    const lane = await addPoint('消防通道', 'fire_lane');
    const pump = await addPoint('水泵房', 'pump_room');
    const plan = (await addPlan([lane.id, pump.id]).expect(201)).body;
    // Last month the lane was checked every day at 09:00, inside 08:00–10:00; the pump room never.
    const { lastMonth, days } = await sinceLastMonth(plan.id);
    await t.db.getRepository(PatrolCheck).insert(checksAt9(lane.id, plan.id, days));
    const figures = async () => {
      const stats = (await t.http().get(`/api/v1/communities/${estate.community.id}/patrol-stats?month=${lastMonth}`).set(office).expect(200)).body;
      return { due: stats.due, done: stats.done, missed: stats.missed.length, late: stats.late.length, rate: stats.completionRate };
    };
    const rating = async () => (await t.http().get(`/api/v1/communities/${estate.community.id}/star-ratings?year=${lastMonth.slice(0, 4)}`).set(office).expect(200)).body.indicators.patrolCompletionRate;
    const before = { due: days.length * 2, done: days.length, missed: days.length, late: 0, rate: 0.5 };
    expect(await figures()).toEqual(before);
    expect(await rating()).toBe(0.5);

    // The manager drops the pump room from the plan and moves the window to the evening; then retires the pump room.
    await t.http().put(`/api/v1/patrol-plans/${plan.id}`).set(manager).send({ name: '消防设施日巡', pointIds: [lane.id], frequency: 'daily', windowStart: '20:00', windowEnd: '22:00', assigneeId: staffId }).expect(200);
    expect(await figures()).toEqual(before);
    await t.http().delete(`/api/v1/communities/${estate.community.id}/patrol-points/${pump.id}`).set(manager).expect(204);
    expect(await figures()).toEqual(before);
    expect(await rating()).toBe(0.5);
    // The office reads the edit among this month's figures: who dropped which point and moved the window, and when.
    const thisMonth = shanghaiDate().slice(0, 7);
    const { edits } = (await t.http().get(`/api/v1/communities/${estate.community.id}/patrol-stats?month=${thisMonth}`).set(office).expect(200)).body;
    const tomorrow = addDays(shanghaiDate(), 1);
    expect(edits).toEqual([{ planId: plan.id, planName: '消防设施日巡', on: shanghaiDate(), takesEffectOn: tomorrow, by: expect.stringMatching(/.+/), removed: ['水泵房'], added: [], window: { from: '08:00–10:00', to: '20:00–22:00' }, frequency: null, assignee: null }]);
    expect((await t.http().get(`/api/v1/communities/${estate.community.id}/patrol-stats?month=${lastMonth}`).set(office).expect(200)).body.edits).toEqual([]);
    // Today's round is the one the day began with: both points (the pump room retired, still owed), in the morning;
    // from tomorrow the lane's, in the evening.
    const today = (await t.http().get('/api/v1/patrol-plans?mine=true').set(staff).expect(200)).body;
    expect(today[0]).toMatchObject({ windowStart: '20:00', windowEnd: '22:00', round: { frequency: 'daily', windowStart: '08:00', windowEnd: '10:00' }, pending: { from: tomorrow } });
    expect(today[0].points.map((p: { name: string; retired: boolean }) => [p.name, p.retired])).toEqual([
      ['消防通道', false],
      ['水泵房', true],
    ]);
  });

  it('an edit or a retirement never takes a round out of the period in progress: the week it was made in still owes the dropped point', async () => {
    const lane = await addPoint('消防通道', 'fire_lane');
    const pump = await addPoint('水泵房', 'pump_room');
    const plan = (await addPlan([lane.id, pump.id], 'weekly').expect(201)).body;
    const { lastMonth, days } = await sinceLastMonth(plan.id);
    await t.db.getRepository(PatrolCheck).insert(checksAt9(lane.id, plan.id, days));
    // On the second Wednesday of last month, the pump room, never checked, was dropped from the plan.
    await t.http().put(`/api/v1/patrol-plans/${plan.id}`).set(manager).send({ name: '消防设施周巡', pointIds: [lane.id], frequency: 'weekly', windowStart: '08:00', windowEnd: '10:00', assigneeId: staffId }).expect(200);
    const wednesday = days.filter((d) => new Date(`${d}T00:00:00Z`).getUTCDay() === 3)[1];
    await t.db.getRepository(PatrolPlanVersion).update({ planId: plan.id }, { replacedOn: wednesday });
    const week = patrolPeriod('weekly', wednesday);

    const stats = (await t.http().get(`/api/v1/communities/${estate.community.id}/patrol-stats?month=${lastMonth}`).set(office).expect(200)).body;
    const pumpMissed = stats.missed.filter((m: { pointName: string }) => m.pointName === '水泵房').map((m: { period: { from: string } }) => m.period.from);
    // The week of the edit still owes it, as do the weeks before that began in the month; the weeks after do not.
    expect(pumpMissed).toContain(week.from);
    expect(pumpMissed.every((from: string) => from <= week.from)).toBe(true);
    expect(stats.edits).toEqual([expect.objectContaining({ on: wednesday, takesEffectOn: addDays(week.to, 1), removed: ['水泵房'] })]);
    expect(stats.due).toBe(stats.done + pumpMissed.length);

    // Dropped today from a daily plan, the pump room is still today's round: staff check it under the plan.
    const daily = (await addPlan([lane.id, pump.id]).expect(201)).body;
    await t.http().put(`/api/v1/patrol-plans/${daily.id}`).set(manager).send({ name: '消防设施日巡', pointIds: [lane.id], frequency: 'daily', windowStart: '08:00', windowEnd: '10:00', assigneeId: staffId }).expect(200);
    const round = (await t.http().get('/api/v1/patrol-plans?mine=true').set(staff).expect(200)).body.find((p: { id: number }) => p.id === daily.id);
    expect(round.points.map((p: { name: string }) => p.name)).toEqual(['消防通道', '水泵房']);
    await check({ pointId: pump.id, planId: daily.id, result: 'normal' }).expect(201);
  });

  it('retires a point: it leaves the plans once the period in progress ends, its checks stay in the history, it cannot be checked again', async () => {
    const lane = await addPoint('消防通道', 'fire_lane');
    const pump = await addPoint('水泵房', 'pump_room');
    const plan = (await addPlan([lane.id, pump.id]).expect(201)).body;
    const checked = (await check({ pointId: pump.id, planId: plan.id, result: 'normal' }).expect(201)).body;
    // Made offline in the basement a minute before the point is retired, and sent after.
    const offlineAt = new Date(Date.now() - 60_000).toISOString();
    const retire = (pointId: number, auth: Auth = manager) => t.http().delete(`/api/v1/communities/${estate.community.id}/patrol-points/${pointId}`).set(auth);

    await retire(pump.id, staff).expect(403);
    expect((await retire(999999).expect(404)).body.code).toBe('NOT_FOUND');
    await retire(pump.id).expect(204);
    expect((await retire(pump.id).expect(409)).body.code).toBe('PATROL_POINT_RETIRED');

    expect((await t.http().get(`/api/v1/communities/${estate.community.id}/patrol-points`).set(manager).expect(200)).body.map((p: { id: number }) => p.id)).toEqual([lane.id]);
    expect(await t.db.getRepository(PatrolPlan).findOneByOrFail({ id: plan.id })).toMatchObject({ pointIds: [lane.id] });
    // Today's round still owes the pump room (checked this morning, so done); from tomorrow it is gone.
    const today = (await t.http().get('/api/v1/patrol-plans?mine=true').set(staff).expect(200)).body;
    expect(today[0].points.map((p: { name: string; retired: boolean; result: string | null }) => [p.name, p.retired, p.result])).toEqual([
      ['消防通道', false, null],
      ['水泵房', true, 'normal'],
    ]);
    expect(today[0].pending).toEqual({ from: addDays(shanghaiDate(), 1) });
    // The check made before the retirement still arrives, with its plan (not with a plan that never listed it); one
    // made after it does not.
    const otherPlan = (await addPlan([lane.id]).expect(201)).body;
    expect((await check({ pointId: pump.id, planId: otherPlan.id, result: 'normal', checkedAt: offlineAt }).expect(422)).body.details).toEqual({ field: 'planId' });
    const offline = (await check({ pointId: pump.id, planId: plan.id, result: 'normal', checkedAt: offlineAt }, { 'Idempotency-Key': 'offline-pump-01' }).expect(201)).body;
    await check({ pointId: pump.id, result: 'normal' }).expect(404);
    // History: the checks of the retired point are still listed, with its name.
    expect((await t.http().get(`/api/v1/patrol-checks?communityId=${estate.community.id}`).set(office).expect(200)).body).toEqual([
      expect.objectContaining({ id: offline.id, pointName: '水泵房', checkedAt: offlineAt }),
      expect.objectContaining({ id: checked.id, pointName: '水泵房' }),
    ]);
    expect((await addPlan([pump.id]).expect(422)).body.code).toBe('INVALID_PATROL_POINTS');
    // Another estate's manager cannot retire A's point.
    const other = await createEstate(t.db, { county: estate.county, town: estate.town });
    const otherManager = await t.signIn((await createUser(t.db, [{ role: 'manager', communityId: other.community.id, companyId: other.company.id }])).devKey);
    await t.http().delete(`/api/v1/communities/${other.community.id}/patrol-points/${lane.id}`).set(otherManager).expect(404);
    await retire(lane.id, otherManager).expect(404);
    expect((await t.http().get(`/api/v1/communities/${estate.community.id}/patrol-points`).set(manager).expect(200)).body).toHaveLength(1);
  });

  it('shows the office, per estate in the area statistics and their .xlsx, the rounds missed and late and the hazards overdue; not to another area', async () => {
    const lane = await addPoint('消防通道', 'fire_lane');
    const pump = await addPoint('水泵房', 'pump_room');
    const plan = (await addPlan([lane.id, pump.id]).expect(201)).body;
    // The plan was due yesterday and nobody patrolled the lane; the pump room's round was filled in today with
    // yesterday's time (补录); a hazard found at the pump room is past its deadline.
    await t.db.getRepository(PatrolPlan).update(plan.id, { startsOn: yesterday });
    await check({ pointId: pump.id, planId: plan.id, result: 'normal', checkedAt: new Date(`${yesterday}T09:00:00+08:00`).toISOString() }).expect(201);
    await overdueHazard(pump.id);
    // An estate of the same office with nothing missed.
    const quiet = await createEstate(t.db, { county: estate.county, town: estate.town, office: estate.office });

    const period = quarterOf(yesterday);
    const stats = (await t.http().get(`/api/v1/inspection-stats?areaId=${estate.office.id}&period=${period}`).set(office).expect(200)).body;
    const row = (id: number) => stats.communities.find((c: { id: number }) => c.id === id);
    expect(row(estate.community.id)).toMatchObject({ patrolsMissed: 1, patrolsLate: 1, hazardsOverdue: 1 });
    expect(row(quiet.community.id)).toMatchObject({ patrolsMissed: 0, patrolsLate: 0, hazardsOverdue: 0 });
    expect(stats.total).toMatchObject({ patrolsMissed: 1, patrolsLate: 1, hazardsOverdue: 1 });
    // The same numbers as the estate's own patrol statistics.
    const own = (await t.http().get(`/api/v1/communities/${estate.community.id}/patrol-stats?month=${yesterday.slice(0, 7)}`).set(office).expect(200)).body;
    expect([own.missed.length, own.late.length]).toEqual([1, 1]);

    const book = await downloadWorkbook(t, `/api/v1/rectifications/export.xlsx?areaId=${estate.office.id}&period=${period}`, office);
    const summary = book.getWorksheet('概览') as ExcelJS.Worksheet;
    expect((summary.getRow(3).values as unknown[]).slice(-3)).toEqual(['漏巡', '超时或补录巡检', '隐患超期']);
    const estateRow = [4, 5].map((n) => summary.getRow(n).values as unknown[]).find((v) => v[1] === estate.community.name) as unknown[];
    expect(estateRow.slice(-3)).toEqual([1, 1, 1]);

    // Another office: its own area shows none of it, and A's office is not its to ask about.
    const otherArea = await createArea(t.db, 'community_office', estate.town);
    await createEstate(t.db, { county: estate.county, town: estate.town, office: otherArea });
    const otherOffice = await t.signIn((await createUser(t.db, [{ role: 'community_office', areaId: otherArea.id }])).devKey);
    const foreign = (await t.http().get(`/api/v1/inspection-stats?areaId=${otherArea.id}&period=${period}`).set(otherOffice).expect(200)).body;
    expect(foreign.communities.map((c: { id: number }) => c.id)).not.toContain(estate.community.id);
    expect(foreign.total).toMatchObject({ patrolsMissed: 0, patrolsLate: 0, hazardsOverdue: 0 });
    await t.http().get(`/api/v1/inspection-stats?areaId=${estate.office.id}&period=${period}`).set(otherOffice).expect(404);
  });
});
