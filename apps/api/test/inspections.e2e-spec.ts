import ExcelJS from 'exceljs';
import { addDays, quarterOf, shanghaiDate } from '@wuye/contracts';
import { Inspection } from '../src/modules/inspections/inspection.entity';
import { RectificationLifecycleService } from '../src/modules/inspections/rectification-lifecycle.service';
import { Rectification } from '../src/modules/inspections/rectification.entity';
import { RectificationEvent } from '../src/modules/inspections/rectification-event.entity';
import { createTestApp, TestApp } from './support/app';
import { ServiceContract } from '../src/modules/org/service-contract.entity';
import { createArea, createCommunity, createCompany, createContract, createEstate, createHouses, createResident, createUser, Estate } from './support/fixtures';
import { downloadWorkbook } from './support/workbook';
import { photo } from './support/images';
import { uploadPhoto } from './support/tickets';

type Auth = { Authorization: string };

/** 动态监管: templates, inspections scored from weights, rectification orders through 回复 → 退回/销号, overdue → 督办. */
describe('inspections and rectification orders', () => {
  let t: TestApp;
  let estate: Estate;
  let county: Auth;
  let office: Auth;
  let manager: Auth;
  let templateId: number;
  const today = shanghaiDate();

  beforeAll(async () => {
    t = await createTestApp();
  });
  beforeEach(async () => {
    estate = await createEstate(t.db);
    county = await t.signIn((await createUser(t.db, [{ role: 'regulator', areaId: estate.county.id }])).devKey);
    office = await t.signIn((await createUser(t.db, [{ role: 'community_office', areaId: estate.office.id }])).devKey);
    manager = await t.signIn((await createUser(t.db, [{ role: 'manager', communityId: estate.community.id, companyId: estate.company.id }])).devKey);
    const template = await t
      .http()
      .post('/api/v1/inspection-templates')
      .set(county)
      .send({
        areaId: estate.county.id,
        name: '季度检查表',
        items: [
          { section: 'fire', text: '消防通道畅通', weight: 10 },
          { section: 'cleaning', text: '垃圾日产日清', weight: 5 },
          { section: 'greening', text: '绿化修剪及时', weight: 20 },
        ],
      })
      .expect(201);
    templateId = template.body.id;
  });
  afterAll(() => t.close());

  const inspect = (auth: Auth, results: object[], more: object = {}, headers: Record<string, string> = {}) =>
    t
      .http()
      .post('/api/v1/inspections')
      .set(auth)
      .set(headers)
      .send({ communityId: estate.community.id, templateId, kind: 'quarterly', inspectedOn: today, inspectors: ['赵书记'], results, ...more });
  const failingFire = async (auth: Auth = office) => [
    { code: 'i1', result: 'fail', note: '消防通道堆放杂物', photoIds: [await uploadPhoto(t, auth, await photo())] },
    { code: 'i2', result: 'pass' },
    { code: 'i3', result: 'na' },
  ];
  const order = async (auth: Auth, id: number) => (await t.http().get(`/api/v1/rectifications/${id}`).set(auth).expect(200)).body;
  /** A step with the version the caller sees now, expecting `status`. */
  const step = async (auth: Auth, id: number, action: string, body: object = {}, status = 200) => {
    const { version } = await order(auth, id);
    return t.http().post(`/api/v1/rectifications/${id}/${action}`).set(auth).send({ version, ...body }).expect(status);
  };

  it('scores from the weights and turns each failed item into an order to the serving company, due 18:00 on the deadline day', async () => {
    const res = await inspect(office, await failingFire()).expect(201);
    // fire (10) failed, cleaning (5) passed, greening n/a: 5 of 15.
    expect(res.body).toMatchObject({ score: 33.3, kind: 'quarterly', companyName: estate.company.name, orders: { issued: 1, open: 1, closed: 0 } });
    const [item] = res.body.items;
    expect(item).toMatchObject({ result: 'fail', note: '消防通道堆放杂物', rectificationId: expect.any(Number) });
    expect(item.photos).toHaveLength(1);
    const o = await order(manager, item.rectificationId);
    expect(o).toMatchObject({ state: 'open', companyId: estate.company.id, itemText: '消防通道畅通', deadlineAt: new Date(`${addDays(today, 15)}T18:00:00+08:00`).toISOString(), can: { reply: true, verify: false, return: false } });
    expect(o.timeline.map((e: { action: string }) => e.action)).toEqual(['issued']);
  });

  it('refuses bad input with a clear error and records nothing', async () => {
    const before = await t.db.getRepository(Inspection).count();
    expect((await inspect(office, [{ code: 'i1', result: 'pass' }]).expect(422)).body.code).toBe('INSPECTION_ITEMS_MISMATCH');
    const noNote = await inspect(office, [{ code: 'i1', result: 'fail' }, { code: 'i2', result: 'pass' }, { code: 'i3', result: 'pass' }]).expect(422);
    expect(noNote.body.message).toBe('第 1 项不合格，请写明问题');
    expect((await inspect(office, await failingFire(), { inspectedOn: addDays(today, 1) }).expect(422)).body.details).toEqual({ field: 'inspectedOn' });
    expect((await inspect(office, await failingFire(), { kind: 'traced' }).expect(422)).body.details).toEqual({ field: 'tracedTicketIds' });
    expect(await t.db.getRepository(Inspection).count()).toBe(before);
    expect(await t.db.getRepository(Rectification).countBy({ communityId: estate.community.id })).toBe(0);
  });

  it('lets an office inspect only its own estates, and a company see only its own orders', async () => {
    const inspected = await inspect(office, await failingFire()).expect(201);
    const orderId = inspected.body.items[0].rectificationId;
    // Another office of the same town: neither A's templates by estate nor an inspection of it.
    const neighbourOffice = await t.signIn((await createUser(t.db, [{ role: 'community_office', areaId: (await createArea(t.db, 'community_office', estate.town)).id }])).devKey);
    await t.http().get(`/api/v1/inspection-templates?communityId=${estate.community.id}`).set(neighbourOffice).expect(404);
    expect((await inspect(neighbourOffice, await failingFire(neighbourOffice)).expect(404)).body.code).toBe('NOT_FOUND');
    await t.http().get(`/api/v1/inspections/${inspected.body.id}`).set(neighbourOffice).expect(404);
    expect((await t.http().get('/api/v1/rectifications').set(neighbourOffice).expect(200)).body.items).toEqual([]);

    // Another company serving an estate of the same office sees none of A's company's orders.
    const other = await createCompany(t.db);
    const otherEstate = await createCommunity(t.db, estate.office);
    await createContract(t.db, otherEstate, other);
    const otherAdmin = await t.signIn((await createUser(t.db, [{ role: 'company_admin', companyId: other.id }])).devKey);
    expect((await t.http().get('/api/v1/rectifications').set(otherAdmin).expect(200)).body.items).toEqual([]);
    await t.http().get(`/api/v1/rectifications/${orderId}`).set(otherAdmin).expect(404);
    await t.http().get(`/api/v1/inspections/${inspected.body.id}`).set(otherAdmin).expect(404);
    // A's own company admin and manager see it; the office sees it in its list.
    const ownAdmin = await t.signIn((await createUser(t.db, [{ role: 'company_admin', companyId: estate.company.id }])).devKey);
    expect((await t.http().get('/api/v1/rectifications').set(ownAdmin).expect(200)).body.items.map((o: { id: number }) => o.id)).toEqual([orderId]);
    expect((await t.http().get('/api/v1/rectifications').set(office).expect(200)).body.items.map((o: { id: number }) => o.id)).toEqual([orderId]);

    // A new company takes the estate over: the order stays the old company's, the new manager does not see it.
    await t.db.getRepository(ServiceContract).update(estate.contract.id, { endsOn: addDays(today, -1) });
    const successor = await createCompany(t.db);
    await createContract(t.db, estate.community, successor);
    const newManager = await t.signIn((await createUser(t.db, [{ role: 'manager', communityId: estate.community.id, companyId: successor.id }])).devKey);
    await t.http().get(`/api/v1/rectifications/${orderId}`).set(newManager).expect(404);
    expect((await t.http().get(`/api/v1/rectifications/${orderId}`).set(ownAdmin).expect(200)).body.companyId).toBe(estate.company.id);
  });

  it('runs the order lifecycle: reply needs text and a photo, the office returns it, the manager replies again, the office verifies (销号)', async () => {
    const id = (await inspect(office, await failingFire()).expect(201)).body.items[0].rectificationId;

    // A reply without a photo changes nothing.
    expect((await step(manager, id, 'reply', { note: '已清理', photoIds: [] }, 422)).body.details).toEqual({ field: 'photoIds' });
    expect((await order(manager, id)).state).toBe('open');
    // Only the office verifies, only the manager replies.
    expect((await step(manager, id, 'verify', {}, 403)).body.code).toBe('FORBIDDEN');
    expect((await step(office, id, 'reply', { note: 'x', photoIds: [await uploadPhoto(t, office, await photo())] }, 403)).body.code).toBe('FORBIDDEN');
    expect((await step(office, id, 'verify', {}, 409)).body.code).toBe('ILLEGAL_TRANSITION');

    const replied = await step(manager, id, 'reply', { note: '杂物已清理', photoIds: [await uploadPhoto(t, manager, await photo())] }, 200);
    expect(replied.body).toMatchObject({ state: 'replied', can: { reply: false, verify: false, return: false } });
    expect((await order(office, id)).can).toEqual({ reply: false, verify: true, return: true });

    // A stale version is a conflict, not a lost update.
    const stale = await t.http().post(`/api/v1/rectifications/${id}/verify`).set(office).send({ version: replied.body.version - 1 }).expect(409);
    expect(stale.body.code).toBe('STALE_VERSION');
    expect((await step(office, id, 'return', {}, 422)).body.message).toBe('请写明退回的原因');

    expect((await step(office, id, 'return', { note: '楼梯间仍有杂物' }, 200)).body).toMatchObject({ state: 'returned' });
    expect((await order(manager, id)).can.reply).toBe(true);
    await step(manager, id, 'reply', { note: '楼梯间已清理', photoIds: [await uploadPhoto(t, manager, await photo())] }, 200);
    const verified = await step(office, id, 'verify', { note: '复查合格' }, 200);
    expect(verified.body.state).toBe('verified');
    expect(verified.body.timeline.map((e: { action: string; note: string | null }) => [e.action, e.note])).toEqual([
      ['issued', null],
      ['reply', '杂物已清理'],
      ['return', '楼梯间仍有杂物'],
      ['reply', '楼梯间已清理'],
      ['verify', '复查合格'],
    ]);
    expect(verified.body.timeline[1].photos).toHaveLength(1);
    expect((await step(office, id, 'return', { note: '再看看' }, 409)).body.code).toBe('ILLEGAL_TRANSITION');
  });

  it('puts an order past its deadline into the office’s 督办 queue once, but not one waiting for the office', async () => {
    const results = await failingFire();
    results[1] = { code: 'i2', result: 'fail', note: '垃圾桶满溢', photoIds: [] };
    const inspection = await inspect(office, results, { inspectedOn: addDays(today, -20) }).expect(201);
    const [late, waiting] = inspection.body.items.slice(0, 2).map((i: { rectificationId: number }) => i.rectificationId);
    await step(manager, waiting, 'reply', { note: '已清运', photoIds: [await uploadPhoto(t, manager, await photo())] }, 200);

    const jobs = t.app.get(RectificationLifecycleService);
    expect(await jobs.sweepOverdue()).toBe(1);
    expect(await jobs.sweepOverdue()).toBe(0);
    const queue = (await t.http().get('/api/v1/rectifications?overdue=true').set(office).expect(200)).body.items;
    expect(queue.map((o: { id: number }) => o.id)).toEqual([late]);
    expect(queue[0].overdueAt).not.toBeNull();
    expect((await order(office, late)).timeline.map((e: { action: string }) => e.action)).toEqual(['issued', 'overdue']);
    const summary = (await t.http().get(`/api/v1/inspections/${inspection.body.id}`).set(office).expect(200)).body;
    expect(summary.orders).toEqual({ issued: 2, open: 2, closed: 0, overdue: 1 });
    // The timeline is append-only: the sweep added one row, nothing was rewritten.
    expect(await t.db.getRepository(RectificationEvent).countBy({ rectificationId: late })).toBe(2);
  });

  it('tells the manager when orders are issued and when one is returned, and the issuing office once when one goes overdue', async () => {
    const notices = async (auth: Auth, kind: string) =>
      ((await t.http().get('/api/v1/notifications').set(auth).expect(200)).body.items as { kind: string; title: string; body: string; page: string }[]).filter((n) => n.kind === kind);
    // Someone who must hear nothing: the manager of another company at another estate of the same office.
    const other = await createCompany(t.db);
    const otherEstate = await createCommunity(t.db, estate.office);
    await createContract(t.db, otherEstate, other);
    const otherManager = await t.signIn((await createUser(t.db, [{ role: 'manager', communityId: otherEstate.id, companyId: other.id }])).devKey);

    const results = await failingFire();
    results[1] = { code: 'i2', result: 'fail', note: '垃圾桶满溢', photoIds: [] };
    const inspection = await inspect(office, results, { inspectedOn: addDays(today, -20) }).expect(201);
    const [late, waiting] = inspection.body.items.slice(0, 2).map((i: { rectificationId: number }) => i.rectificationId);
    // One notice for the inspection's orders, opening the 整改单 inbox.
    const issued = await notices(manager, 'rectification_issued');
    expect(issued).toEqual([expect.objectContaining({ title: '收到整改单 2 项', page: 'packages/inspections/pages/index/index' })]);
    expect(issued[0].body).toContain(`${estate.community.name}：消防通道畅通、垃圾日产日清`);
    expect(await notices(otherManager, 'rectification_issued')).toEqual([]);
    // An inspection that issues one order: its notice opens that order.
    const single = (await inspect(office, await failingFire()).expect(201)).body.items[0].rectificationId;
    expect((await notices(manager, 'rectification_issued')).find((n) => n.title === '收到整改单 1 项')?.page).toBe(`packages/inspections/pages/order/index?id=${single}`);

    await step(manager, waiting, 'reply', { note: '已清运', photoIds: [await uploadPhoto(t, manager, await photo())] });
    await step(office, waiting, 'return', { note: '仍有满溢' });
    // A notice of one order opens that order.
    expect(await notices(manager, 'rectification_returned')).toEqual([expect.objectContaining({ title: '整改单被退回，请重新整改', body: `${estate.community.name}：#${waiting} 垃圾日产日清：仍有满溢`, page: `packages/inspections/pages/order/index?id=${waiting}` })]);

    // The sweep, run twice: the office that issued them hears once per overdue order; the county regulator (not the issuer) does not.
    const jobs = t.app.get(RectificationLifecycleService);
    await jobs.sweepOverdue();
    await jobs.sweepOverdue();
    const overdue = await notices(office, 'rectification_overdue');
    expect(overdue.map((n) => n.body.split('（')[0]).sort()).toEqual([`${estate.community.name}：#${late} 消防通道畅通`, `${estate.community.name}：#${waiting} 垃圾日产日清`].sort());
    expect(overdue.map((n) => [n.body.split('：')[1].split(' ')[0], n.page]).sort()).toEqual([[`#${late}`, `packages/inspections/pages/order/index?id=${late}`], [`#${waiting}`, `packages/inspections/pages/order/index?id=${waiting}`]].sort());
    expect(await notices(county, 'rectification_overdue')).toEqual([]);
    expect(await notices(manager, 'rectification_overdue')).toEqual([]);
  });

  it('records an offline draft once however often it is sent (Idempotency-Key)', async () => {
    const results = await failingFire();
    const first = await inspect(office, results, {}, { 'Idempotency-Key': 'draft-0001-abc' }).expect(201);
    const again = await inspect(office, results, {}, { 'Idempotency-Key': 'draft-0001-abc' }).expect(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body.id).toBe(first.body.id);
    expect(await t.db.getRepository(Inspection).countBy({ communityId: estate.community.id })).toBe(1);
    expect(await t.db.getRepository(Rectification).countBy({ communityId: estate.community.id })).toBe(1);
    expect((await inspect(office, results, {}, { 'Idempotency-Key': 'bad key' }).expect(400)).body.code).toBe('VALIDATION_FAILED');
  });

  it('shows residents the date, kind, score and orders open and closed, never the inspectors’ notes', async () => {
    const inspected = await inspect(office, await failingFire()).expect(201);
    const [house] = await createHouses(t.db, estate.community, '9栋', 1);
    const resident = await t.signIn((await createResident(t.db, house)).devKey);
    const res = await t.http().get(`/api/v1/communities/${estate.community.id}/inspections`).set(resident).expect(200);
    expect(res.body.items).toEqual([{ id: inspected.body.id, communityId: estate.community.id, communityName: estate.community.name, kind: 'quarterly', inspectedOn: today, score: 33.3, orders: { issued: 1, open: 1, closed: 0, overdue: 0 } }]);
    expect(JSON.stringify(res.body)).not.toContain('堆放杂物');
    await t.http().get(`/api/v1/inspections/${inspected.body.id}`).set(resident).expect(403);
    await t.http().get(`/api/v1/rectifications/${inspected.body.items[0].rectificationId}`).set(resident).expect(403);
  });

  it('lets a credit event cite an order of the company, and no other company’s', async () => {
    const id = (await inspect(office, await failingFire()).expect(201)).body.items[0].rectificationId;
    const credit = (body: object) => t.http().post('/api/v1/credit-events').set(county).send({ kind: 'criticism', occurredOn: today, reason: '整改不力', rectificationId: id, ...body });
    expect((await credit({ companyId: estate.company.id, communityId: estate.community.id }).expect(201)).body).toMatchObject({ rectificationId: id, kind: 'criticism' });
    const other = await createCompany(t.db);
    await createContract(t.db, await createCommunity(t.db, estate.office), other);
    expect((await credit({ companyId: other.id }).expect(422)).body.details).toEqual({ field: 'rectificationId' });
  });

  const xlsx = (url: string, auth: Auth) => downloadWorkbook(t, url, auth);

  it('counts inspections, the average score and orders per estate and period, beside the star-rating form and in .xlsx', async () => {
    const failed = await inspect(office, await failingFire()).expect(201);
    await inspect(office, [{ code: 'i1', result: 'pass' }, { code: 'i2', result: 'pass' }, { code: 'i3', result: 'pass' }]).expect(201);
    await t.app.get(RectificationLifecycleService).sweepOverdue(new Date(Date.now() + 30 * 86400_000));

    const quarter = quarterOf(today);
    const stats = (await t.http().get(`/api/v1/inspection-stats?areaId=${estate.office.id}&period=${quarter}`).set(office).expect(200)).body;
    // 33.3 and 100: the area's average over both inspections.
    // No patrol plans and no hazards here: nothing missed, nothing overdue.
    const figures = { inspections: 2, averageScore: 66.7, ordersIssued: 1, ordersClosed: 0, ordersOverdue: 1, ordersOpen: 1, patrolsMissed: 0, patrolsLate: 0, hazardsOverdue: 0 };
    expect(stats.total).toEqual(figures);
    expect(stats.communities).toEqual([{ id: estate.community.id, name: estate.community.name, ...figures }]);
    expect((await t.http().get(`/api/v1/inspection-stats?areaId=${estate.office.id}&period=2020`).set(office).expect(200)).body.total.inspections).toBe(0);
    expect((await t.http().get(`/api/v1/inspection-stats?areaId=${estate.office.id}&period=2026-Q5`).set(office).expect(400)).body.code).toBe('VALIDATION_FAILED');
    // Another county's regulator learns nothing of this office.
    const stranger = await t.signIn((await createUser(t.db, [{ role: 'regulator', areaId: (await createArea(t.db, 'county', null)).id }])).devKey);
    await t.http().get(`/api/v1/inspection-stats?areaId=${estate.office.id}&period=${quarter}`).set(stranger).expect(404);

    const ratings = (await t.http().get(`/api/v1/communities/${estate.community.id}/star-ratings`).set(county).expect(200)).body;
    expect(ratings.indicators).toMatchObject({ inspections: 2, inspectionAverageScore: 66.7, rectificationsIssued: 1, rectificationsClosed: 0, rectificationsOverdue: 1 });

    const orders = await xlsx(`/api/v1/rectifications/export.xlsx?areaId=${estate.office.id}&period=${quarter}`, office);
    expect(orders.worksheets.map((w) => w.name)).toEqual(['概览', '整改单']);
    const row = (orders.getWorksheet('整改单') as ExcelJS.Worksheet).getRow(2).values as unknown[];
    expect(row.slice(1, 10)).toEqual([failed.body.items[0].rectificationId, estate.community.name, estate.company.name, '消防安全', '消防通道畅通', '消防通道堆放杂物', '待整改', expect.any(String), '是']);
    const one = await xlsx(`/api/v1/inspections/${failed.body.id}/export.xlsx`, manager);
    expect((one.getWorksheet('检查记录') as ExcelJS.Worksheet).getRow(6).values).toEqual([undefined, 1, '消防安全', '消防通道畅通', 10, '不合格', '消防通道堆放杂物', failed.body.items[0].rectificationId]);
  });
});
