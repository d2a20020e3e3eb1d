import { DisclosureQuestionsService } from '../src/modules/disclosures/disclosure-questions.service';
import { DisclosureQuestion } from '../src/modules/disclosures/disclosure-question.entity';
import { Notification } from '../src/modules/notifications/notification.entity';
import { createTestApp, TestApp } from './support/app';
import { draftPublicIncome, publish } from './support/disclosures';
import { createEstate, createResident, Estate, roleIn } from './support/fixtures';
import { photo } from './support/images';
import { PERSONAL_NUMBERS } from './support/personal-numbers';
import { act, report, uploadPhoto } from './support/tickets';
import { downloadWorkbook } from './support/workbook';

type Auth = { Authorization: string };

/**
 * 个人信息保护: free text that leaves the property side goes through the one masking step (common/privacy.ts; the
 * table of forms its unit test and this spec share is support/personal-numbers.ts); public answers give coarse
 * coordinates; withdrawn tickets leave public lists.
 */
describe('privacy of what residents type', () => {
  let t: TestApp;
  let estate: Estate;
  let manager: Auth;
  let reporter: Auth;
  let neighbour: Auth;
  let office: Auth;

  // Forms from the unit table, one per free-text field, each with what must never be shown beyond the property side.
  const MOBILE = '+86 139-1234-5678';
  const LANDLINE = '（０５７１）８７６５４３２１';
  const ID_CARD = '110101 19900307 4518';
  const FULL_WIDTH_MOBILE = '１３８１２３４５６７８';
  const SECRETS = ['1234-5678', '12345678', '87654321', '８７６５４３２１', '19900307', '１２３４５６７８'];
  const leaks = (body: unknown) => SECRETS.filter((s) => JSON.stringify(body).includes(s));

  beforeAll(async () => {
    t = await createTestApp();
    estate = await createEstate(t.db);
    manager = await t.signInAs(roleIn(estate).manager);
    reporter = await t.signIn((await createResident(t.db, estate.houses[0])).devKey);
    neighbour = await t.signIn((await createResident(t.db, estate.houses[1])).devKey);
    office = await t.signInAs(roleIn(estate).office);
  });
  afterAll(() => t.close());

  /** A public ticket with a number in its description and place, a resolution note and a rating comment. */
  async function ticketFullOfNumbers() {
    const created = await report(t, reporter, {
      communityId: estate.community.id,
      kind: 'hazard',
      categoryCode: 'safety',
      description: `楼道堆放杂物，请联系 ${MOBILE}`,
      place: `3栋1单元1201门口 ${FULL_WIDTH_MOBILE}`,
      lat: 30.274567,
      long: 120.151234,
    }).expect(201);
    const id = created.body.id as number;
    expect((await act(t, manager, id, 'accept')).status).toBe(200);
    const after = await uploadPhoto(t, manager, await photo());
    expect((await act(t, manager, id, 'resolve', { note: `已清理，有事打物业 ${LANDLINE}`, photoIds: [after] })).status).toBe(200);
    await t.http().post(`/api/v1/tickets/${id}/rating`).set(reporter).send({ stars: 5, comment: `满意，我的身份证 ${ID_CARD}` }).expect(200);
    return id;
  }

  it('masks numbers in the description, place, timeline notes and rating comment for neighbours and oversight (rule: masking, ticket views)', async () => {
    const id = await ticketFullOfNumbers();
    for (const who of [neighbour, office]) {
      const detail = await t.http().get(`/api/v1/tickets/${id}`).set(who).expect(200);
      expect(leaks(detail.body)).toEqual([]);
      expect(detail.body.description).toBe('楼道堆放杂物，请联系 139****5678');
      expect(detail.body.place).toBe('3栋1单元1201门口 138****5678');
      expect(detail.body.timeline.find((e: { action: string }) => e.action === 'resolve').note).toBe('已清理，有事打物业 0571-****4321');
      expect(detail.body.rating.comment).toBe('满意，我的身份证 110101********4518');
    }
    const board = await t.http().get(`/api/v1/tickets?view=community&communityId=${estate.community.id}`).set(neighbour).expect(200);
    const item = board.body.items.find((i: { id: number }) => i.id === id);
    expect(item).toMatchObject({ summary: '楼道堆放杂物，请联系 139****5678', place: '3栋1单元1201门口 138****5678' });
    expect(leaks(board.body)).toEqual([]);
    const oversight = await t.http().get(`/api/v1/tickets?view=oversight&communityId=${estate.community.id}`).set(office).expect(200);
    expect(leaks(oversight.body)).toEqual([]);
    // The reporter and the property side read what was written.
    for (const who of [reporter, manager]) {
      const detail = await t.http().get(`/api/v1/tickets/${id}`).set(who).expect(200);
      expect(detail.body.description).toContain(MOBILE);
      expect(detail.body.rating.comment).toContain(ID_CARD);
    }
  });

  it('Open311 masks description and address and gives coordinates to 3 decimals, about 100 m (rule: masking Open311, coarse coordinates)', async () => {
    const id = await ticketFullOfNumbers();
    const list = await t.http().get(`/open311/v2/requests.json?jurisdiction_id=${estate.community.code}`).expect(200);
    const one = list.body.find((r: { service_request_id: string }) => r.service_request_id === String(id));
    expect(one).toMatchObject({ description: '楼道堆放杂物，请联系 139****5678', address: `${estate.community.name} 3栋1单元1201门口 138****5678`, lat: 30.275, long: 120.151 });
    expect(leaks(list.body)).toEqual([]);
    const single = await t.http().get(`/open311/v2/requests/${id}.json?jurisdiction_id=${estate.community.code}`).expect(200);
    expect(single.body[0]).toMatchObject({ lat: 30.275, long: 120.151 });
    // Neighbours get no coordinates at all.
    expect((await t.http().get(`/api/v1/tickets/${id}`).set(neighbour).expect(200)).body).toMatchObject({ lat: null, long: null });
  });

  it(`masks each of the ${PERSONAL_NUMBERS.length} forms of the unit table in what Open311 publishes (rule: masking, table of forms)`, async () => {
    expect(PERSONAL_NUMBERS.length).toBeGreaterThanOrEqual(20);
    const sent = [];
    for (const [form, typed, masked] of PERSONAL_NUMBERS) {
      const created = await report(t, reporter, { communityId: estate.community.id, description: `报修：${typed}`, place: `2栋 ${typed}` }).expect(201);
      sent.push({ form, id: String(created.body.id), typed, masked });
    }
    const published = (await t.http().get(`/open311/v2/requests.json?jurisdiction_id=${estate.community.code}`).expect(200)).body as { service_request_id: string; description: string; address: string }[];
    const shown = sent.map(({ form, id }) => {
      const one = published.find((r) => r.service_request_id === id);
      return [form, one?.description, one?.address];
    });
    expect(shown).toEqual(sent.map(({ form, masked }) => [form, `报修：${masked}`, `${estate.community.name} 2栋 ${masked}`]));
    expect(sent.filter(({ typed }) => JSON.stringify(published).includes(typed)).map(({ form }) => form)).toEqual([]);
  });

  it('takes a cancelled ticket off the community board and out of Open311 (rule: cancelled tickets leave public lists)', async () => {
    const created = await report(t, reporter, { communityId: estate.community.id, description: '路灯不亮，后来自己好了', place: '2栋南侧' }).expect(201);
    const id = created.body.id as number;
    const onBoard = async () => (await t.http().get(`/api/v1/tickets?view=community&communityId=${estate.community.id}&limit=100`).set(neighbour).expect(200)).body.items.some((i: { id: number }) => i.id === id);
    const inOpen311 = async () => (await t.http().get(`/open311/v2/requests.json?jurisdiction_id=${estate.community.code}`).expect(200)).body.some((r: { service_request_id: string }) => r.service_request_id === String(id));
    expect([await onBoard(), await inOpen311()]).toEqual([true, true]);
    expect((await act(t, reporter, id, 'cancel')).status).toBe(200);
    expect([await onBoard(), await inOpen311()]).toEqual([false, false]);
    await t.http().get(`/open311/v2/requests/${id}.json?jurisdiction_id=${estate.community.code}`).expect(404);
    const byId = await t.http().get(`/open311/v2/requests.json?jurisdiction_id=${estate.community.code}&service_request_id=${id}`).expect(200);
    expect(byId.body).toEqual([]);
    // The reporter still finds it among their own.
    const mine = await t.http().get('/api/v1/tickets?view=mine').set(reporter).expect(200);
    expect(mine.body.items.find((i: { id: number }) => i.id === id)).toMatchObject({ state: 'cancelled' });
  });

  it('masks numbers in notifications, in the app and in the WeChat message fields (rule: masking notifications)', async () => {
    const created = await report(t, reporter, { communityId: estate.community.id, description: `电梯异响，回电 ${FULL_WIDTH_MOBILE}`, place: '1栋' }).expect(201);
    const id = created.body.id as number;
    await t.http().post(`/api/v1/tickets/${id}/follow`).set(neighbour).expect(200);
    expect((await act(t, manager, id, 'accept')).status).toBe(200);
    const after = await uploadPhoto(t, manager, await photo());
    expect((await act(t, manager, id, 'resolve', { note: `已修好，维保电话 ${LANDLINE}`, photoIds: [after] })).status).toBe(200);
    const rows = await t.db.getRepository(Notification).findBy({ ticketId: id });
    expect(rows.length).toBeGreaterThanOrEqual(3); // the manager's new ticket, the reporter's accepted and resolved, the follower's
    expect(leaks(rows.map((n) => [n.title, n.body, n.wechatData]))).toEqual([]);
    expect(rows.find((n) => n.kind === 'ticket_resolved' && n.body.startsWith('“'))?.body).toContain('0571-****4321');
    const followerInbox = await t.http().get('/api/v1/notifications').set(neighbour).expect(200);
    expect(followerInbox.body.items.some((n: { ticketId: number }) => n.ticketId === id)).toBe(true);
    expect(leaks(followerInbox.body)).toEqual([]);
  });

  it('masks questions and answers for residents and oversight, in the view, the notifications and the .xlsx export (rule: masking questions, exports)', async () => {
    const voucher = await uploadPhoto(t, manager, await photo({ width: 300, height: 400 }));
    const draft = await draftPublicIncome(t, manager, estate.community.id, voucher, '2026-Q2').expect(201);
    const edited = await t.http().get(`/api/v1/disclosures/${draft.body.id}`).set(manager).expect(200);
    const lines = edited.body.lines.map((l: { kind: string; item: string; amountFen: number; fields: object; attachments: { id: number }[] }, i: number) => ({
      kind: l.kind,
      item: i === 0 ? `电梯轿厢广告（联系人 ${MOBILE}）` : l.item,
      amountFen: l.amountFen,
      fields: l.fields,
      attachmentIds: l.attachments.map((a) => a.id),
    }));
    await t.http().patch(`/api/v1/disclosures/${draft.body.id}`).set(manager).send({ rowVersion: edited.body.rowVersion, lines }).expect(200);
    const committee = await t.signInAs(roleIn(estate).committee);
    const chair = await t.signInAs(roleIn(estate).chair);
    const published = await publish(t, draft.body.id, manager, committee, chair);
    const asked = await t.http().post(`/api/v1/disclosures/${published.id}/questions`).set(reporter).send({ text: `停车收入对不上，请回电 ${FULL_WIDTH_MOBILE}` }).expect(201);
    const question = asked.body.questions.at(-1);
    await t.http().post(`/api/v1/questions/${question.id}/answer`).set(manager).send({ answer: `请到物业办公室核对，电话 ${LANDLINE}` }).expect(200);

    const asNeighbour = await t.http().get(`/api/v1/disclosures/${published.id}`).set(neighbour).expect(200);
    expect(leaks(asNeighbour.body)).toEqual([]);
    expect(asNeighbour.body.questions.at(-1)).toMatchObject({ text: '停车收入对不上，请回电 138****5678', answer: '请到物业办公室核对，电话 0571-****4321' });
    expect(asNeighbour.body.lines[0].item).toBe('电梯轿厢广告（联系人 139****5678）');
    const asOffice = await t.http().get(`/api/v1/communities/${estate.community.id}/questions`).set(office).expect(200);
    expect(leaks(asOffice.body)).toEqual([]);
    const asManager = await t.http().get(`/api/v1/disclosures/${published.id}`).set(manager).expect(200);
    expect(asManager.body.questions.at(-1).text).toContain(FULL_WIDTH_MOBILE);
    expect(leaks(await t.db.getRepository(Notification).findBy({ kind: 'question_answered' }))).toEqual([]);
    expect(leaks(await t.db.getRepository(Notification).findBy({ kind: 'disclosure_question' }))).toEqual([]);

    // The export a resident downloads is built from the resident's view.
    const wb = await downloadWorkbook(t, `/api/v1/disclosures/${published.id}/export.xlsx`, neighbour);
    const texts: string[] = [];
    wb.worksheets.forEach((ws) => ws.eachRow((row) => row.eachCell((c) => texts.push(String(c.value)))));
    expect(texts).toContain('电梯轿厢广告（联系人 139****5678）');
    expect(leaks(texts)).toEqual([]);
  });

  it('masks an overdue question put before the committee and the office (rule: masking notifications to oversight)', async () => {
    const voucher = await uploadPhoto(t, manager, await photo({ width: 300, height: 400 }));
    const draft = await draftPublicIncome(t, manager, estate.community.id, voucher, '2026-Q1').expect(201);
    const committee = await t.signInAs(roleIn(estate).committee);
    const chair = await t.signInAs(roleIn(estate).chair);
    const published = await publish(t, draft.body.id, manager, committee, chair);
    const asked = await t.http().post(`/api/v1/disclosures/${published.id}/questions`).set(reporter).send({ text: `身份证 ${ID_CARD} 的业主问：维修资金余额？` }).expect(201);
    await t.db.getRepository(DisclosureQuestion).update(asked.body.questions.at(-1).id, { dueAt: new Date(Date.now() - 1000) });
    expect(await t.app.get(DisclosureQuestionsService).flagOverdueQuestions()).toBeGreaterThanOrEqual(1);
    const overdue = await t.db.getRepository(Notification).findBy({ kind: 'question_overdue' });
    expect(overdue.length).toBeGreaterThanOrEqual(1);
    expect(overdue.map((n) => n.body)).toContain('身份证 110101********4518 的业主问：维修资金余额？');
    expect(leaks(overdue)).toEqual([]);
  });
});
