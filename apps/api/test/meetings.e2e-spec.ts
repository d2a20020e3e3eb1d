import { addDays, periodDays, quarterOf, shanghaiDate } from '@wuye/contracts';
import { MeetingItemLifecycleService } from '../src/modules/meetings/meeting-item-lifecycle.service';
import { MeetingItem } from '../src/modules/meetings/meeting-item.entity';
import { Meeting } from '../src/modules/meetings/meeting.entity';
import { Referral } from '../src/modules/meetings/referral.entity';
import { TicketJobsService } from '../src/modules/tickets/ticket-jobs.service';
import { Ticket } from '../src/modules/tickets/ticket.entity';
import { createTestApp, TestApp } from './support/app';
import { MeetingCommunity } from '../src/modules/meetings/meeting-community.entity';
import { DisclosureQuestion } from '../src/modules/disclosures/disclosure-question.entity';
import { RectificationEvent } from '../src/modules/inspections/rectification-event.entity';
import { draftPublicIncome, publish } from './support/disclosures';
import { createEstate, createResident, createUser, roleIn, Estate } from './support/fixtures';
import { pdf, photo } from './support/images';
import { downloadWorkbook } from './support/workbook';
import { report, uploadPhoto } from './support/tickets';

type Auth = { Authorization: string };

/** 四方联席会: referral from the 督办 queue, meetings with agreed items, the item lifecycle, residents' summary. */
describe('joint meetings and agreed items', () => {
  let t: TestApp;
  let a: Estate;
  let b: Estate;
  let office: Auth;
  let manager: Auth;
  let committee: Auth;
  let resident: Auth;
  let otherOffice: Auth;
  let otherManager: Auth;
  let otherResident: Auth;
  let town: Auth;
  const today = shanghaiDate();

  beforeAll(async () => {
    t = await createTestApp();
  });
  beforeEach(async () => {
    a = await createEstate(t.db);
    // Another office of the same town: a neighbour that must see nothing of a's.
    b = await createEstate(t.db, { county: a.county, town: a.town });
    office = await t.signInAs(roleIn(a).office);
    manager = await t.signInAs(roleIn(a).manager);
    committee = await t.signInAs(roleIn(a).committee);
    town = await t.signInAs(roleIn(a).townRegulator);
    resident = await t.signIn((await createResident(t.db, a.houses[0])).devKey);
    otherOffice = await t.signInAs(roleIn(b).office);
    otherManager = await t.signInAs(roleIn(b).manager);
    otherResident = await t.signIn((await createResident(t.db, b.houses[0])).devKey);
  });
  afterAll(() => t.close());

  const item = (more: object = {}) => ({ text: '物业两周内更换3栋电梯门机', ownerParty: 'property', ownerName: '李经理', deadline: addDays(today, 14), ...more });
  const meetingBody = (more: object = {}) => ({
    communityId: a.community.id,
    kind: 'four_party',
    heldOn: today,
    attendees: [
      { party: 'community_party', name: '王书记' },
      { party: 'property', name: '李经理' },
      { party: 'committee', name: '张主任' },
    ],
    minutes: '会议讨论了3栋电梯问题，联系人赵先生 13812345678',
    agenda: [{ text: '3栋电梯频繁故障' }],
    items: [item()],
    ...more,
  });
  const record = (auth: Auth, more: object = {}, status = 201) => t.http().post('/api/v1/meetings').set(auth).send(meetingBody(more)).expect(status);
  const itemOf = async (auth: Auth, meetingId: number, index = 0) => (await t.http().get(`/api/v1/meetings/${meetingId}/items`).set(auth).expect(200)).body[index];
  /** A step with the version the caller sees now. */
  const step = async (auth: Auth, meetingId: number, index: number, action: string, note?: string, status = 200) => {
    const { id, version } = await itemOf(office, meetingId, index);
    return t.http().post(`/api/v1/meeting-items/${id}/transitions`).set(auth).send({ action, version, note }).expect(status);
  };
  /** An app ticket of a's past its response deadline: the scheduler puts it in the office's 督办 queue. */
  const escalated = async () => {
    const id = (await report(t, resident, { communityId: a.community.id, description: '3栋电梯三天两头坏' }).expect(201)).body.id as number;
    await t.db.getRepository(Ticket).update(id, { responseDueAt: new Date(Date.now() - 1000) });
    await t.app.get(TicketJobsService).runOnce();
    const queue = await t.http().get(`/api/v1/escalations?ticketId=${id}`).set(office).expect(200);
    return { ticketId: id, escalation: queue.body.items[0] };
  };

  it('refers an overdue ticket from the 督办 queue to the next meeting, which takes it up and writes its decision on the ticket', async () => {
    const { ticketId, escalation } = await escalated();
    expect(escalation).toMatchObject({ referredTo: [], canRefer: ['meeting', 'town', 'mediation'] });
    await t.http().post(`/api/v1/escalations/${escalation.id}/refer`).set(manager).send({ to: 'meeting' }).expect(403);
    await t.http().post(`/api/v1/escalations/${escalation.id}/refer`).set(otherOffice).send({ to: 'meeting' }).expect(404);
    await t.http().post(`/api/v1/escalations/${escalation.id}/refer`).set(office).send({ to: 'court' }).expect(400);
    const referred = await t.http().post(`/api/v1/escalations/${escalation.id}/refer`).set(office).send({ to: 'meeting', note: '涉及维修资金' }).expect(200);
    expect(referred.body).toMatchObject({ ticketId, to: 'meeting', meetingId: null, subject: expect.stringContaining('3栋电梯') });
    const again = await t.http().post(`/api/v1/escalations/${escalation.id}/refer`).set(office).send({ to: 'meeting' }).expect(409);
    expect(again.body.code).toBe('ALREADY_REFERRED');
    const queue = await t.http().get(`/api/v1/escalations?ticketId=${ticketId}`).set(office).expect(200);
    expect(queue.body.items[0]).toMatchObject({ state: 'open', referredTo: ['meeting'], canRefer: ['town', 'mediation'] });

    // The ticket's timeline says where it went; its reporter reads it too.
    const seen = await t.http().get(`/api/v1/tickets/${ticketId}`).set(resident).expect(200);
    expect(seen.body.timeline.map((e: { action: string }) => e.action)).toContain('referred_meeting');
    expect(seen.body.timeline.find((e: { action: string }) => e.action === 'referred_meeting').note).toBe('已提交联席会，待会议议定');

    // The meeting form offers it as agenda; the meeting takes it up and decides it.
    const pending = await t.http().get(`/api/v1/referrals?communityId=${a.community.id}`).set(office).expect(200);
    expect(pending.body.map((r: { ticketId: number }) => r.ticketId)).toEqual([ticketId]);
    await t.http().get(`/api/v1/referrals?communityId=${a.community.id}`).set(otherOffice).expect(404);
    const meeting = await record(office, { agenda: [{ text: pending.body[0].subject, ticketId }], items: [item({ ticketId })] });
    expect(meeting.body.agenda).toEqual([{ text: pending.body[0].subject, ticketId, questionId: null, rectificationId: null }]);
    expect((await t.http().get(`/api/v1/referrals?communityId=${a.community.id}`).set(office).expect(200)).body).toEqual([]);
    expect(await t.db.getRepository(Referral).findOneByOrFail({ ticketId })).toMatchObject({ meetingId: meeting.body.id });
    const decided = await t.http().get(`/api/v1/tickets/${ticketId}`).set(resident).expect(200);
    const decision = decided.body.timeline.find((e: { action: string }) => e.action === 'meeting_decision');
    expect(decision.note).toBe(`联席会议定：物业两周内更换3栋电梯门机（期限 ${addDays(today, 14)}）`);
    // The ticket's own state is not the meeting's: it stays where it was.
    expect(decided.body.state).toBe('submitted');
  });

  it('sends a 督办 up to the town: its regulator has it in their queue, a neighbouring town does not', async () => {
    const { ticketId, escalation } = await escalated();
    const otherTown = await t.signInAs(roleIn(await createEstate(t.db, { county: a.county })).townRegulator);
    await t.http().post(`/api/v1/escalations/${escalation.id}/refer`).set(town).send({ to: 'town' }).expect(403);
    const sent = await t.http().post(`/api/v1/escalations/${escalation.id}/refer`).set(office).send({ to: 'town', note: '涉及多个部门' }).expect(200);
    expect(sent.body).toMatchObject({ to: 'town', ticketId, communityName: a.community.name, note: '涉及多个部门' });
    expect((await t.http().post(`/api/v1/escalations/${escalation.id}/refer`).set(office).send({ to: 'town' }).expect(409)).body.code).toBe('ALREADY_REFERRED');
    const queue = await t.http().get('/api/v1/referrals?to=town').set(town).expect(200);
    expect(queue.body.map((r: { ticketId: number }) => r.ticketId)).toEqual([ticketId]);
    expect((await t.http().get('/api/v1/referrals?to=town').set(otherTown).expect(200)).body).toEqual([]);
    await t.http().get('/api/v1/referrals?to=town').set(manager).expect(403);
    const timeline = (await t.http().get(`/api/v1/tickets/${ticketId}`).set(resident).expect(200)).body.timeline;
    expect(timeline.find((e: { action: string }) => e.action === 'referred_town').note).toBe('已上报街道（乡镇）协调处理');
  });

  it('sends a 督办 to mediation: the office records mediators, parties and the outcome with the agreement; others read the parties masked', async () => {
    const { ticketId, escalation } = await escalated();
    const referred = await t.http().post(`/api/v1/escalations/${escalation.id}/refer`).set(office).send({ to: 'mediation' }).expect(200);
    const id = referred.body.mediationId as number;
    expect(id).toEqual(expect.any(Number));
    const opened = await t.http().get(`/api/v1/mediations/${id}`).set(office).expect(200);
    expect(opened.body).toMatchObject({ ticketId, outcome: null, parties: [], can: { recordOutcome: true } });
    const outcome = { outcome: 'resolved', mediatedOn: today, mediators: [{ role: 'judge', name: '王法官' }, { role: 'mediator', name: '李调解员' }], parties: [{ name: '张三丰', standing: '业主' }, { name: '李四', standing: '物业服务企业' }], note: '物业赔偿维修费' };
    // Resolved needs the signed agreement, as a PDF: a photo will not do; nothing is recorded meanwhile.
    await t.http().post(`/api/v1/mediations/${id}/outcome`).set(office).send(outcome).expect(422);
    const image = await uploadPhoto(t, office, await photo());
    await t.http().post(`/api/v1/mediations/${id}/outcome`).set(office).send({ ...outcome, agreementUploadId: image }).expect(422);
    await t.http().post(`/api/v1/mediations/${id}/outcome`).set(town).send({ ...outcome, outcome: 'unresolved' }).expect(403);
    expect((await t.http().get(`/api/v1/mediations/${id}`).set(office).expect(200)).body.outcome).toBeNull();
    const agreement = (await t.http().post('/api/v1/uploads').set(office).attach('file', await pdf(), 'agreement.pdf').expect(201)).body.id;
    const recorded = await t.http().post(`/api/v1/mediations/${id}/outcome`).set(office).send({ ...outcome, agreementUploadId: agreement }).expect(200);
    expect(recorded.body).toMatchObject({ outcome: 'resolved', partiesMasked: false, parties: outcome.parties, mediators: outcome.mediators, agreement: { id: agreement }, can: { recordOutcome: false } });
    expect((await t.http().post(`/api/v1/mediations/${id}/outcome`).set(office).send({ ...outcome, outcome: 'unresolved' }).expect(409)).body.code).toBe('OUTCOME_RECORDED');

    // The town reads it with the parties masked; a neighbouring office not at all; the ticket's state is its own.
    const seen = await t.http().get(`/api/v1/mediations/${id}`).set(town).expect(200);
    expect(seen.body).toMatchObject({ partiesMasked: true, parties: [{ name: '张**', standing: '业主' }, { name: '李*', standing: '物业服务企业' }], can: { recordOutcome: false } });
    expect(JSON.stringify((await t.http().get('/api/v1/mediations').set(town).expect(200)).body)).not.toContain('张三丰');
    await t.http().get(`/api/v1/mediations/${id}`).set(otherOffice).expect(404);
    await t.http().get(`/api/v1/mediations/${id}`).set(manager).expect(403);
    const ticket = (await t.http().get(`/api/v1/tickets/${ticketId}`).set(resident).expect(200)).body;
    expect(ticket.timeline.map((e: { note: string }) => e.note)).toEqual(expect.arrayContaining(['已转人民调解', '调解结果：化解，物业赔偿维修费']));
    expect(JSON.stringify(ticket)).not.toContain('张三丰');
    expect(ticket.state).toBe('submitted');
  });

  it('records a mediation the office takes directly, the parties required', async () => {
    await t.http().post('/api/v1/mediations').set(office).send({ communityId: a.community.id, subject: '邻里噪音纠纷', parties: [] }).expect(400);
    await t.http().post('/api/v1/mediations').set(otherOffice).send({ communityId: a.community.id, subject: '邻里噪音纠纷', parties: [{ name: '王五', standing: '业主' }] }).expect(404);
    const made = await t.http().post('/api/v1/mediations').set(office).send({ communityId: a.community.id, subject: '邻里噪音纠纷', parties: [{ name: '王五', standing: '业主' }] }).expect(201);
    expect(made.body).toMatchObject({ outcome: null, parties: [{ name: '王五', standing: '业主' }], ticketId: null });
    const done = await t.http().post(`/api/v1/mediations/${made.body.id}/outcome`).set(office).send({ outcome: 'litigation', mediatedOn: today, mediators: [{ role: 'lawyer', name: '赵律师' }] }).expect(200);
    expect(done.body).toMatchObject({ outcome: 'litigation', agreement: null });
  });

  it('keeps quarterly attendance of the liaison leader assigned by the county: met, due, overdue', async () => {
    const county = await t.signInAs(roleIn(a).countyRegulator);
    const c = await createEstate(t.db, { county: a.county, town: a.town, office: a.office });
    const assign = (auth: Auth, communityId: number, name: string, status: number) => t.http().post('/api/v1/liaisons').set(auth).send({ communityId, name, title: '县住建局副局长' }).expect(status);
    await assign(town, a.community.id, '王建国', 404);
    await assign(office, a.community.id, '王建国', 403);
    await assign(county, a.community.id, '刘志强', 201);
    // A new leader takes over: the one before steps down.
    expect((await assign(county, a.community.id, '王建国', 201)).body).toMatchObject({ communityName: a.community.name, name: '王建国', since: today });
    await assign(county, c.community.id, '赵一鸣', 201);

    const thisQuarter = quarterOf(today);
    const lastQuarter = quarterOf(addDays(periodDays(thisQuarter).from, -1));
    // Last quarter's meeting went without the leader; this quarter's had him sign in.
    await record(office, { heldOn: addDays(periodDays(thisQuarter).from, -10), items: [item({ deadline: addDays(periodDays(thisQuarter).from, -5) })] });
    const met = await record(office, { attendees: [{ party: 'liaison', name: '王建国' }, { party: 'property', name: '李经理' }] });
    const rows = async (auth: Auth, period: string) => (await t.http().get(`/api/v1/liaisons?areaId=${a.office.id}&period=${period}`).set(auth).expect(200)).body.rows;
    expect(await rows(office, thisQuarter)).toEqual(
      expect.arrayContaining([
        { communityId: a.community.id, communityName: a.community.name, liaison: { name: '王建国', title: '县住建局副局长' }, status: 'met', meetingId: met.body.id },
        { communityId: c.community.id, communityName: c.community.name, liaison: { name: '赵一鸣', title: '县住建局副局长' }, status: 'due', meetingId: null },
      ]),
    );
    expect((await rows(town, lastQuarter)).find((r: { communityId: number }) => r.communityId === a.community.id)).toMatchObject({ status: 'overdue', meetingId: null });
    const townRows = await t.http().get(`/api/v1/liaisons?areaId=${a.town.id}&period=${thisQuarter}`).set(town).expect(200);
    expect(townRows.body.rows.find((r: { communityId: number }) => r.communityId === b.community.id)).toMatchObject({ liaison: null, status: null });
    await t.http().get(`/api/v1/liaisons?areaId=${a.office.id}`).set(otherOffice).expect(404);
    await t.http().get(`/api/v1/liaisons?areaId=${a.office.id}&period=2026-13`).set(office).expect(400);
  });

  it('counts meetings held, items agreed, done and verified, disputes taken and resolved per estate and period, and in .xlsx', async () => {
    const meeting = (await record(office, { items: [item(), item({ text: '业委会公示方案', ownerParty: 'committee', ownerName: '张主任' }), item({ text: '党支部组织清理', ownerParty: 'estate_party', ownerName: '陈支书' })] })).body;
    await record(office);
    await step(manager, meeting.id, 0, 'done', '已更换');
    await step(office, meeting.id, 0, 'verify');
    await step(committee, meeting.id, 1, 'done', '已公示');
    const taken = await t.http().post('/api/v1/mediations').set(office).send({ communityId: a.community.id, subject: '噪音纠纷', parties: [{ name: '王五', standing: '业主' }] }).expect(201);
    await t.http().post(`/api/v1/mediations/${taken.body.id}/outcome`).set(office).send({ outcome: 'resolved', mediatedOn: today, mediators: [{ role: 'mediator', name: '李调解员' }], agreementUploadId: (await t.http().post('/api/v1/uploads').set(office).attach('file', await pdf(), 'a.pdf').expect(201)).body.id }).expect(200);
    await t.http().post('/api/v1/mediations').set(office).send({ communityId: a.community.id, subject: '停车纠纷', parties: [{ name: '赵六', standing: '业主' }] }).expect(201);
    // A neighbour's meeting counts for its own estate only.
    await record(otherOffice, { communityId: b.community.id });

    const year = today.slice(0, 4);
    const res = await t.http().get(`/api/v1/meeting-stats?areaId=${a.office.id}&period=${year}`).set(office).expect(200);
    const figures = { meetings: 2, itemsAgreed: 4, itemsDone: 2, itemsVerified: 1, disputesTaken: 2, disputesResolved: 1 };
    expect(res.body.communities).toEqual([{ id: a.community.id, name: a.community.name, ...figures }]);
    expect(res.body.total).toEqual(figures);
    const townWide = await t.http().get(`/api/v1/meeting-stats?areaId=${a.town.id}&period=${year}`).set(town).expect(200);
    expect(townWide.body.total).toMatchObject({ meetings: 3, itemsAgreed: 5, disputesTaken: 2 });
    await t.http().get(`/api/v1/meeting-stats?areaId=${a.office.id}&period=${year}`).set(otherOffice).expect(404);
    await t.http().get(`/api/v1/meeting-stats?areaId=${a.office.id}&period=${year}`).set(manager).expect(403);
    // Last year: nothing.
    expect((await t.http().get(`/api/v1/meeting-stats?areaId=${a.office.id}&period=${Number(year) - 1}`).set(office).expect(200)).body.total).toEqual({ meetings: 0, itemsAgreed: 0, itemsDone: 0, itemsVerified: 0, disputesTaken: 0, disputesResolved: 0 });

    const wb = await downloadWorkbook(t, `/api/v1/meeting-stats/export.xlsx?areaId=${a.office.id}&period=${year}`, office);
    const sheet = wb.getWorksheet('联席会议与调解')!;
    expect(sheet.getRow(3).values).toEqual([undefined, '小区', '召开会议', '议定项目', '已落实', '已核验', '受理纠纷', '化解纠纷']);
    expect(sheet.getRow(4).values).toEqual([undefined, a.community.name, 2, 4, 2, 1, 2, 1]);
    expect(sheet.getRow(5).values).toEqual([undefined, `${a.office.name}合计`, 2, 4, 2, 1, 2, 1]);
  });

  it('takes an agreed item open → done by its owner party → verified by the office, the buttons following the state', async () => {
    const meeting = (await record(office, { items: [item(), item({ text: '党支部组织楼道清理', ownerParty: 'estate_party', ownerName: '陈支书' })] })).body;
    expect(meeting.items.map((i: { state: string }) => i.state)).toEqual(['open', 'open']);
    // 物业's item: its manager reports; the office verifies. The party's item: the office reports for it.
    expect((await itemOf(manager, meeting.id, 0)).can).toEqual({ done: true, verify: false, return: false });
    expect((await itemOf(office, meeting.id, 0)).can).toEqual({ done: false, verify: false, return: false });
    expect((await itemOf(committee, meeting.id, 0)).can).toEqual({ done: false, verify: false, return: false });
    expect((await itemOf(office, meeting.id, 1)).can).toEqual({ done: true, verify: false, return: false });

    await step(office, meeting.id, 0, 'done', '已更换', 403);
    expect((await step(manager, meeting.id, 0, 'done', undefined, 422)).body.details).toMatchObject({ field: 'note' });
    await step(manager, meeting.id, 0, 'verify', undefined, 403);
    const done = await step(manager, meeting.id, 0, 'done', '门机已更换，电梯公司验收合格');
    expect(done.body).toMatchObject({ state: 'done', can: { done: false, verify: false, return: false } });
    expect((await step(manager, meeting.id, 0, 'done', '再报一次', 409)).body.code).toBe('ILLEGAL_TRANSITION');
    expect((await itemOf(office, meeting.id, 0)).can).toEqual({ done: false, verify: true, return: true });
    // Two offices' clerks at once: the one who saw the old version loses.
    const stale = (await itemOf(office, meeting.id, 0)).version - 1;
    const staleRes = await t.http().post(`/api/v1/meeting-items/${meeting.items[0].id}/transitions`).set(office).send({ action: 'verify', version: stale }).expect(409);
    expect(staleRes.body.code).toBe('STALE_VERSION');
    await step(office, meeting.id, 0, 'return', undefined, 422);
    expect((await step(office, meeting.id, 0, 'return', '门厅按钮仍失灵')).body.state).toBe('open');
    await step(manager, meeting.id, 0, 'done', '按钮已更换');
    const verified = await step(office, meeting.id, 0, 'verify', '现场核验');
    expect(verified.body).toMatchObject({ state: 'verified', can: { done: false, verify: false, return: false } });
    expect(verified.body.timeline.map((e: { action: string }) => e.action)).toEqual(['agreed', 'done', 'return', 'done', 'verify']);
    // A manager of another estate learns nothing of it.
    await t.http().post(`/api/v1/meeting-items/${meeting.items[0].id}/transitions`).set(otherManager).send({ action: 'done', version: 1, note: 'x' }).expect(404);
    expect((await step(office, meeting.id, 1, 'done', '已组织清理')).body.state).toBe('done');
  });

  it('puts an item still open past its deadline into the office’s 督办 queue, once', async () => {
    const meeting = (await record(office, { items: [item(), item({ text: '业委会公示维修方案', ownerParty: 'committee', ownerName: '张主任' })] })).body;
    const [late, doneLate] = meeting.items.map((i: { id: number }) => i.id);
    await step(committee, meeting.id, 1, 'done', '已公示');
    // Late items other tests left behind are flagged first: what follows counts only these two.
    await t.app.get(MeetingItemLifecycleService).sweepOverdue();
    await t.db.getRepository(MeetingItem).update([late, doneLate], { deadlineAt: new Date(Date.now() - 1000) });
    expect(await t.app.get(MeetingItemLifecycleService).sweepOverdue()).toBe(1);
    expect(await t.app.get(MeetingItemLifecycleService).sweepOverdue()).toBe(0);
    const queue = await t.http().get('/api/v1/meeting-items?overdue=true').set(office).expect(200);
    expect(queue.body.items.map((i: { id: number }) => i.id)).toEqual([late]);
    expect(queue.body.items[0].timeline.map((e: { action: string }) => e.action)).toEqual(['agreed', 'overdue']);
    expect((await t.http().get('/api/v1/meeting-items?overdue=true').set(otherOffice).expect(200)).body.items).toEqual([]);
    // Once reported done it leaves the queue.
    await step(manager, meeting.id, 0, 'done', '已更换');
    expect((await t.http().get('/api/v1/meeting-items?overdue=true').set(office).expect(200)).body.items).toEqual([]);
  });

  it('scopes meetings by area: the office and its town see them, a neighbouring office and estate do not', async () => {
    const meeting = (await record(office)).body;
    await record(otherOffice, {}, 404);
    await record(town, { heldOn: addDays(today, -3) }, 201);
    const ids = async (auth: Auth) => (await t.http().get('/api/v1/meetings').set(auth).expect(200)).body.items.map((m: { id: number }) => m.id);
    expect(await ids(office)).toContain(meeting.id);
    expect(await ids(town)).toContain(meeting.id);
    expect(await ids(manager)).toContain(meeting.id);
    expect(await ids(otherOffice)).not.toContain(meeting.id);
    expect(await ids(otherManager)).not.toContain(meeting.id);
    await t.http().get(`/api/v1/meetings/${meeting.id}`).set(otherOffice).expect(404);
    await t.http().get(`/api/v1/meetings/${meeting.id}`).set(otherManager).expect(404);
    await t.http().get(`/api/v1/meetings?communityId=${a.community.id}`).set(otherOffice).expect(404);
    await t.http().get('/api/v1/meetings').set(resident).expect(403);
    await t.http().post(`/api/v1/meetings/${meeting.id}/items`).set(otherOffice).send({ items: [item()] }).expect(404);
    await t.http().post(`/api/v1/meetings/${meeting.id}/items`).set(manager).send({ items: [item()] }).expect(403);
    const added = await t.http().post(`/api/v1/meetings/${meeting.id}/items`).set(office).send({ items: [item({ text: '补充：更换楼道灯' })] }).expect(201);
    expect(added.body.items).toHaveLength(2);
    expect((await t.http().get(`/api/v1/meetings/${meeting.id}`).set(manager).expect(200)).body.can).toEqual({ addItems: false });
  });

  it('adds items sent again with their key once (a lost answer retried, or the same form sent twice at once), each with its 议定 entry', async () => {
    const meeting = (await record(office)).body;
    const add = (key: string, items: object[]) => t.http().post(`/api/v1/meetings/${meeting.id}/items`).set({ ...office, 'Idempotency-Key': key }).send({ items });
    const two = [item({ text: '补充：更换楼道灯' }), item({ text: '补充：清理消防通道', ownerParty: 'committee', ownerName: '周主任' })];
    const first = await add('added-items-0001', two).expect(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(first.body.items.map((i: { text: string }) => i.text)).toEqual(['物业两周内更换3栋电梯门机', '补充：更换楼道灯', '补充：清理消防通道']);
    const again = await add('added-items-0001', two).expect(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body.items).toHaveLength(3);
    // Sent twice at once: one of them adds the items, the other answers with the meeting as it then is.
    const [x, y] = await Promise.all([add('added-items-0002', [item({ text: '补充：修补路面' })]), add('added-items-0002', [item({ text: '补充：修补路面' })])]);
    expect([x.status, y.status]).toEqual([201, 201]);
    const items = (await t.http().get(`/api/v1/meetings/${meeting.id}/items`).set(office).expect(200)).body as { id: number; text: string }[];
    expect(items.map((i) => i.text)).toEqual(['物业两周内更换3栋电梯门机', '补充：更换楼道灯', '补充：清理消防通道', '补充：修补路面']);
    // Another form (another key) adds its own, even with the same text; a bad key is refused and adds nothing.
    await add('added-items-0003', [item({ text: '补充：修补路面' })]).expect(201);
    const refused = await add('bad key!', [item()]).expect(400);
    expect(refused.body.code).toBe('VALIDATION_FAILED');
    expect((await t.http().get(`/api/v1/meetings/${meeting.id}/items`).set(office).expect(200)).body).toHaveLength(5);
    // Each added item is on the record as agreed, once.
    const agreed = await t.db.query(`SELECT COUNT(*) AS n FROM meeting_item_event e JOIN meeting_item i ON i.id = e.item_id WHERE i.meeting_id = ? AND e.action = 'agreed'`, [meeting.id]);
    expect(Number(agreed[0].n)).toBe(5);
  });

  it('shows residents the date and the agreed items with their states, and nothing personal', async () => {
    const sheet = await uploadPhoto(t, office, await photo());
    const meeting = (await record(office, { signInPhotoIds: [sheet], items: [item({ text: '联系业主赵先生 13812345678 协商赔偿', ownerName: '赵经理' })] })).body;
    expect(meeting.signInPhotos).toHaveLength(1);
    expect(meeting.attendees.map((x: { name: string }) => x.name)).toEqual(['王书记', '李经理', '张主任']);
    const res = await t.http().get(`/api/v1/communities/${a.community.id}/meetings`).set(resident).expect(200);
    expect(res.body.items).toEqual([
      { id: meeting.id, communityName: a.community.name, estates: 1, kind: 'four_party', heldOn: today, items: [{ id: meeting.items[0].id, text: expect.any(String), ownerParty: 'property', deadline: addDays(today, 14), state: 'open' }] },
    ]);
    const text = JSON.stringify(res.body);
    for (const personal of ['13812345678', '王书记', '李经理', '张主任', '赵经理', '会议讨论']) expect(text).not.toContain(personal);
    expect(res.body.items[0].items[0].text).toContain('138****5678');
    await t.http().get(`/api/v1/communities/${a.community.id}/meetings`).set(otherResident).expect(404);
    await t.http().get(`/api/v1/meetings/${meeting.id}`).set(resident).expect(403);
  });

  it('refuses a meeting in the future, an item due before it, a ticket of another estate, and records nothing', async () => {
    const foreign = (await report(t, otherResident, { communityId: b.community.id, description: '别的小区' }).expect(201)).body.id;
    await record(office, { heldOn: addDays(today, 1) }, 422);
    await record(office, { items: [item({ deadline: addDays(today, -1) })] }, 422);
    await record(office, { items: [item({ deadline: addDays(today, 181) })] }, 422);
    await record(office, { agenda: [{ text: '别处', ticketId: foreign }] }, 422);
    await record(office, { items: [item({ ticketId: foreign })] }, 422);
    await record(office, { attendees: [] }, 400);
    await record(office, { items: [] }, 400);
    await record(office, { items: [item({ ownerParty: 'nobody' })] }, 400);
    expect(await t.db.getRepository(Meeting).countBy({ communityId: a.community.id })).toBe(0);
  });

  it('records a form sent twice with its Idempotency-Key once', async () => {
    const first = await t.http().post('/api/v1/meetings').set(office).set('Idempotency-Key', 'meeting-form-0001').send(meetingBody()).expect(201);
    const second = await t.http().post('/api/v1/meetings').set(office).set('Idempotency-Key', 'meeting-form-0001').send(meetingBody()).expect(201);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.body.id).toBe(first.body.id);
    expect(await t.db.getRepository(MeetingItem).countBy({ meetingId: first.body.id })).toBe(1);
  });

  it('records a 协调委员会 meeting over several estates of the office: residents of each covered estate see their items, a third estate nothing', async () => {
    const c = await createEstate(t.db, { county: a.county, town: a.town, office: a.office });
    const third = await createEstate(t.db, { county: a.county, town: a.town, office: a.office });
    const residentC = await t.signIn((await createResident(t.db, c.houses[0])).devKey);
    const residentThird = await t.signIn((await createResident(t.db, third.houses[0])).devKey);
    const body = { kind: 'coordination', communityIds: [a.community.id, c.community.id], items: [item(), item({ text: '两小区共用围墙由社区协调修缮', ownerParty: 'community_party', ownerName: '王书记', communityId: c.community.id })] };
    // A 四方联席会 is one estate's.
    expect((await record(office, { ...body, kind: 'four_party' }, 422)).body.code).toBe('ESTATES_NOT_ONE');
    const meeting = (await record(office, body)).body;
    expect(meeting.communities).toEqual([
      { id: a.community.id, name: a.community.name },
      { id: c.community.id, name: c.community.name },
    ]);
    expect(meeting.items.map((i: { communityId: number }) => i.communityId)).toEqual([a.community.id, c.community.id]);

    const summary = async (auth: Auth, estate: Estate) => (await t.http().get(`/api/v1/communities/${estate.community.id}/meetings`).set(auth).expect(200)).body.items;
    expect((await summary(resident, a))[0]).toMatchObject({ id: meeting.id, communityName: a.community.name, estates: 2, items: [{ text: '物业两周内更换3栋电梯门机' }] });
    expect((await summary(residentC, c))[0]).toMatchObject({ id: meeting.id, communityName: c.community.name, estates: 2, items: [{ text: '两小区共用围墙由社区协调修缮', ownerParty: 'community_party' }] });
    expect(JSON.stringify(await summary(residentC, c))).not.toContain('王书记');
    expect(await summary(residentThird, third)).toEqual([]);
    // The property side of the second estate finds it too; its own items only are its to report.
    const managerC = await t.signInAs(roleIn(c).manager);
    expect((await t.http().get(`/api/v1/meetings?communityId=${c.community.id}`).set(managerC).expect(200)).body.items.map((m: { id: number }) => m.id)).toEqual([meeting.id]);
    await t.http().get(`/api/v1/meetings/${meeting.id}`).set(await t.signInAs(roleIn(third).manager)).expect(404);

    // Statistics: once in each estate's row, once in the office's total; each item in its own estate's row.
    const stats = (await t.http().get(`/api/v1/meeting-stats?areaId=${a.office.id}&period=${today.slice(0, 4)}`).set(office).expect(200)).body;
    const row = (estate: Estate) => stats.communities.find((r: { id: number }) => r.id === estate.community.id);
    expect(row(a)).toMatchObject({ meetings: 1, itemsAgreed: 1 });
    expect(row(c)).toMatchObject({ meetings: 1, itemsAgreed: 1 });
    expect(row(third)).toMatchObject({ meetings: 0, itemsAgreed: 0 });
    expect(stats.total).toMatchObject({ meetings: 1, itemsAgreed: 2 });

    // An item added later for a covered estate; one for an estate the meeting did not cover is refused.
    await t.http().post(`/api/v1/meetings/${meeting.id}/items`).set(office).send({ items: [item({ communityId: third.community.id })] }).expect(422);
    const added = await t.http().post(`/api/v1/meetings/${meeting.id}/items`).set(office).send({ items: [item({ text: '补充：共用道路划线', communityId: c.community.id })] }).expect(201);
    expect(added.body.items.at(-1)).toMatchObject({ communityId: c.community.id, communityName: c.community.name });
  });

  it('refuses an estate outside the recorder’s area and writes nothing', async () => {
    const before = await t.db.getRepository(MeetingCommunity).count();
    expect((await record(office, { kind: 'coordination', communityIds: [a.community.id, b.community.id] }, 404)).body.code).toBe('NOT_FOUND');
    await record(office, { kind: 'coordination', communityIds: [a.community.id, 2 ** 31 - 2] }, 404);
    // The town covers both offices' estates.
    await record(town, { kind: 'coordination', communityIds: [a.community.id], items: [item({ communityId: b.community.id })] }, 422);
    expect(await t.db.getRepository(Meeting).countBy({ communityId: a.community.id })).toBe(0);
    expect(await t.db.getRepository(MeetingCommunity).count()).toBe(before);
    const townWide = (await record(town, { kind: 'coordination', communityIds: [a.community.id, b.community.id] })).body;
    expect(townWide.communities.map((c: { id: number }) => c.id)).toEqual([a.community.id, b.community.id]);
    expect((await t.http().get(`/api/v1/communities/${b.community.id}/meetings`).set(otherResident).expect(200)).body.items.map((m: { id: number }) => m.id)).toEqual([townWide.id]);
  });

  it('draws the agenda from owners’ questions on disclosures and rectification orders of the covered estates, and the sources show it', async () => {
    // A published disclosure of a's with a resident's question.
    const chair = await t.signInAs(roleIn(a).chair);
    const voucher = (await t.http().post('/api/v1/uploads').set(manager).attach('file', await pdf(), 'v.pdf').expect(201)).body.id;
    const disclosure = (await draftPublicIncome(t, manager, a.community.id, voucher).expect(201)).body;
    await publish(t, disclosure.id, manager, committee, chair);
    const asked = await t.http().post(`/api/v1/disclosures/${disclosure.id}/questions`).set(resident).send({ text: '停车收入为什么下降了？' }).expect(201);
    const questionId = asked.body.questions[0].id as number;
    // A rectification order of a's from an office inspection.
    const county = await t.signInAs(roleIn(a).countyRegulator);
    const template = await t.http().post('/api/v1/inspection-templates').set(county).send({ areaId: a.county.id, name: '季度检查表', items: [{ section: 'fire', text: '消防通道畅通', weight: 10 }] }).expect(201);
    const inspection = await t
      .http()
      .post('/api/v1/inspections')
      .set(office)
      .send({ communityId: a.community.id, templateId: template.body.id, kind: 'quarterly', inspectedOn: today, inspectors: ['赵书记'], results: [{ code: 'i1', result: 'fail', note: '消防通道堆放杂物', photoIds: [await uploadPhoto(t, office, await photo())] }] })
      .expect(201);
    const orderId = inspection.body.items[0].rectificationId as number;

    const candidates = await t.http().get(`/api/v1/meeting-agenda?communityIds=${a.community.id}`).set(office).expect(200);
    expect(candidates.body.questions).toEqual([expect.objectContaining({ id: questionId, communityId: a.community.id, disclosureTitle: disclosure.title, answered: false, meetingNote: null })]);
    expect(candidates.body.rectifications).toEqual([expect.objectContaining({ id: orderId, itemText: '消防通道畅通', state: 'open', overdue: false })]);
    await t.http().get(`/api/v1/meeting-agenda?communityIds=${a.community.id},${b.community.id}`).set(office).expect(404);
    await t.http().get(`/api/v1/meeting-agenda?communityIds=${a.community.id}`).set(manager).expect(403);
    await t.http().get('/api/v1/meeting-agenda?communityIds=x').set(office).expect(400);

    // Sources of another estate are refused; one source per point.
    const { id: _asked, ...original } = await t.db.getRepository(DisclosureQuestion).findOneByOrFail({ id: questionId });
    const foreignQuestion = await t.db.getRepository(DisclosureQuestion).save({ ...original, communityId: b.community.id });
    expect(foreignQuestion.id).not.toBe(_asked);
    await record(office, { agenda: [{ text: '别处的质询', questionId: foreignQuestion.id }] }, 422);
    await record(office, { agenda: [{ text: '两个来源', questionId, rectificationId: orderId }] }, 422);
    await record(office, { items: [item({ rectificationId: orderId, communityId: b.community.id })] }, 422);

    const meeting = (
      await record(office, {
        agenda: [
          { text: '停车收入下降的质询', questionId },
          { text: '消防通道堆放杂物的整改', rectificationId: orderId },
        ],
        items: [item({ text: '物业一周内清理消防通道', rectificationId: orderId }), item({ text: '物业公示停车收入明细', questionId })],
      })
    ).body;
    expect(meeting.agenda[1]).toEqual({ text: '消防通道堆放杂物的整改', ticketId: null, questionId: null, rectificationId: orderId });
    expect(meeting.items.map((i: { questionId: number | null; rectificationId: number | null }) => [i.rectificationId, i.questionId])).toEqual([
      [orderId, null],
      [null, questionId],
    ]);
    // The order's timeline: 已提交联席会 (on the agenda, then the decision); its state and version are the company's still.
    const order = (await t.http().get(`/api/v1/rectifications/${orderId}`).set(manager).expect(200)).body;
    expect(order).toMatchObject({ state: 'open', version: 1, can: { reply: true } });
    expect(order.timeline.filter((e: { action: string }) => e.action === 'meeting').map((e: { actionLabel: string; note: string }) => [e.actionLabel, e.note])).toEqual([
      ['已提交联席会', `${today} 四方联席会列入议题`],
      ['已提交联席会', `联席会议定：物业一周内清理消防通道（期限 ${addDays(today, 14)}）`],
    ]);
    expect(await t.db.getRepository(RectificationEvent).countBy({ rectificationId: orderId, action: 'meeting' })).toBe(2);
    // The question, as the resident who asked reads it on the disclosure.
    const seen = (await t.http().get(`/api/v1/disclosures/${disclosure.id}`).set(resident).expect(200)).body;
    expect(seen.questions[0]).toMatchObject({ id: questionId, meetingNote: `联席会议定：物业公示停车收入明细（期限 ${addDays(today, 14)}）` });
    // The residents' summary still names nobody.
    expect(JSON.stringify((await t.http().get(`/api/v1/communities/${a.community.id}/meetings`).set(resident).expect(200)).body)).not.toMatch(/李经理|王书记|赵书记/);
  });

  it('assigns a liaison leader and reads the quarter’s attendance through the app’s routes', async () => {
    const county = await t.signInAs(roleIn(a).countyRegulator);
    const rows = async (auth: Auth) => (await t.http().get(`/api/v1/liaisons?areaId=${a.town.id}`).set(auth).expect(200)).body;
    expect(await rows(town)).toMatchObject({ canAssign: false });
    expect((await t.http().get(`/api/v1/liaisons?areaId=${a.county.id}`).set(county).expect(200)).body.canAssign).toBe(true);
    await t.http().post('/api/v1/liaisons').set(county).send({ communityId: a.community.id, name: '王建国', title: '县住建局副局长' }).expect(201);
    // A coordination meeting over both estates with the leader signed in counts for the estate he is assigned to.
    await t.http().post('/api/v1/liaisons').set(county).send({ communityId: b.community.id, name: '赵一鸣', title: '县司法局副局长' }).expect(201);
    await record(town, { kind: 'coordination', communityIds: [a.community.id, b.community.id], attendees: [{ party: 'liaison', name: '王建国' }] });
    const townRows = (await rows(county)).rows;
    expect(townRows.find((r: { communityId: number }) => r.communityId === a.community.id)).toMatchObject({ liaison: { name: '王建国' }, status: 'met' });
    expect(townRows.find((r: { communityId: number }) => r.communityId === b.community.id)).toMatchObject({ liaison: { name: '赵一鸣' }, status: 'due', meetingId: null });
  });

  it('lets someone other than the office user who reported a party’s item done verify it', async () => {
    const clerk = await t.signIn((await createUser(t.db, [roleIn(a).office])).devKey);
    const meeting = (await record(office, { items: [item({ text: '党支部组织楼道清理', ownerParty: 'estate_party', ownerName: '陈支书' }), item({ text: '挂钩领导协调供电改造', ownerParty: 'liaison', ownerName: '王建国' })] })).body;
    await step(office, meeting.id, 0, 'done', '已组织清理');
    const mine = await itemOf(office, meeting.id, 0);
    expect(mine.can).toEqual({ done: false, verify: false, return: true });
    expect(mine.blocked).toEqual({ verify: '报落实的人不能核验同一事项，请由社区其他工作人员或街道（乡镇）核验' });
    const refused = await step(office, meeting.id, 0, 'verify', undefined, 403);
    expect(refused.body).toMatchObject({ code: 'VERIFIER_IS_REPORTER', message: '报落实的人不能核验同一事项，请由社区其他工作人员或街道（乡镇）核验' });
    expect((await itemOf(office, meeting.id, 0)).state).toBe('done');
    expect((await itemOf(clerk, meeting.id, 0)).can).toEqual({ done: false, verify: true, return: true });
    expect((await step(clerk, meeting.id, 0, 'verify', '现场看过')).body.state).toBe('verified');
    // The town's regulator verifies the liaison leader's item the office reported.
    await step(clerk, meeting.id, 1, 'done', '供电改造已立项');
    await step(clerk, meeting.id, 1, 'verify', undefined, 403);
    expect((await step(town, meeting.id, 1, 'verify')).body.state).toBe('verified');
  });
});
