import sharp from 'sharp';
import { addDays, parsePatrolCode, shanghaiDate } from '@wuye/contracts';
import { PatrolCheck, PatrolPlan } from '../src/modules/patrols/patrol.entities';
import { PatrolsService } from '../src/modules/patrols/patrols.service';
import { Ticket } from '../src/modules/tickets/ticket.entity';
import { createTestApp, TestApp } from './support/app';
import { asBytes } from './support/workbook';
import { createArea, createEstate, createUser, Estate } from './support/fixtures';
import { photo } from './support/images';
import { act, uploadPhoto } from './support/tickets';

type Auth = { Authorization: string };
// qrcode-reader (a dev dependency of the mini-program tooling) reads the printed code back.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const QrReader = require('qrcode-reader') as new () => { callback: (error: unknown, value: { result: string }) => void; decode(image: { width: number; height: number; data: Buffer }): void };

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

  it('prints a point’s code as a PNG that scans back to the point', async () => {
    const point = await addPoint('2号楼消防通道', 'fire_lane');
    const res = await t.http().get(`/api/v1/patrol-points/${point.id}/code.png`).set(staff).buffer(true).parse(asBytes).expect(200);
    expect(res.headers['content-type']).toBe('image/png');
    const { data, info } = await sharp(res.body as Buffer).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    const text = await new Promise<string>((resolve, reject) => {
      const reader = new QrReader();
      reader.callback = (error, value) => (error ? reject(error) : resolve(value.result));
      reader.decode({ width: info.width, height: info.height, data });
    });
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
    const res = await check({ pointId: pump.id, result: 'abnormal', note: '漏水', photoIds: [await uploadPhoto(t, staff, await photo())] }).expect(201);
    await t.db.getRepository(Ticket).update(res.body.ticketId, { createdAt: new Date(Date.now() - 5 * 86400_000), responseDueAt: new Date(Date.now() - 4 * 86400_000), resolutionDueAt: new Date(Date.now() - 3 * 86400_000) });
    const register = (await t.http().get(`/api/v1/communities/${estate.community.id}/hazards`).set(office).expect(200)).body;
    expect(register).toMatchObject({ open: 1, overdue: 1 });
    expect(register.items[0]).toMatchObject({ overdue: true, ageDays: 5 });
  });

  it('counts the month’s missed patrols per point and period, and the completion rate beside the star-rating form', async () => {
    const lane = await addPoint('消防通道', 'fire_lane');
    const room = await addPoint('配电房', 'power_room');
    const plan = (await addPlan([lane.id, room.id]).expect(201)).body;
    // The plan has run since the 1st of last month; the lane was checked every day, the power room on the 1st only.
    const lastMonth = shanghaiDate(new Date(`${shanghaiDate().slice(0, 7)}-01T00:00:00+08:00`).getTime() - 1).slice(0, 7);
    await t.db.getRepository(PatrolPlan).update(plan.id, { startsOn: `${lastMonth}-01` });
    const days: string[] = [];
    for (let day = `${lastMonth}-01`; day.startsWith(lastMonth); day = addDays(day, 1)) days.push(day);
    const rows = days.map((day) => ({ communityId: estate.community.id, pointId: lane.id, planId: plan.id, result: 'normal' as const, note: null, photoIds: [], checkedAt: new Date(`${day}T09:00:00+08:00`), checkedById: staffId, ticketId: null, idempotencyKey: null }));
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
});
