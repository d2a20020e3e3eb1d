import { addDays, shanghaiDate } from '@wuye/contracts';
import type { TestApp } from './app';
import { createArea, createCompany, createContract, createHouses, createResident, createUser, creditCode, unique } from './fixtures';
import { RoleAssignment } from '../../src/modules/identity/role-assignment.entity';
import { User } from '../../src/modules/identity/user.entity';
import { Notification } from '../../src/modules/notifications/notification.entity';
import { Ticket } from '../../src/modules/tickets/ticket.entity';
import { Escalation } from '../../src/modules/tickets/escalation.entity';
import { TicketJobsService } from '../../src/modules/tickets/ticket-jobs.service';
import { draftPublicIncome, publish } from './disclosures';
import { photo } from './images';
import { Building } from '../../src/modules/org/building.entity';
import { Community } from '../../src/modules/org/community.entity';
import type { House } from '../../src/modules/org/house.entity';
import { Vote } from '../../src/modules/votes/vote.entity';

type Auth = { Authorization: string } | Record<string, never>;

/**
 * Two estates in two counties. Estate A holds the data; everyone scoped to estate B (every role) tries to read or
 * change it. Marker strings let a test spot A's data in any answer.
 */
export interface MatrixWorld {
  A: {
    countyId: number;
    townId: number;
    officeId: number;
    communityId: number;
    companyId: number;
    contractId: number;
    buildingId: number;
    houses: House[];
    pending: number[];
    staffUserId: number;
    spareAssignmentId: number;
    communityCode: string;
    /** A's tickets: on the board, resolved (to rate), overdue (to urge). */
    ticket: number;
    resolvedTicket: number;
    overdueTicket: number;
    ticketVersion: number;
    notificationId: number;
    open311Key: string;
    open311ClientId: number;
    /** A's disclosures: published, a draft, two in review (one with an open query), and a question. */
    disclosure: number;
    draftDisclosure: number;
    reviewDisclosure: number;
    withdrawDisclosure: number;
    queryReview: number;
    question: number;
    escalation: number;
    /** A's inspection: a template of A's county, three orders — open (to reply), and two replied (to verify, to return). */
    template: number;
    inspection: number;
    openOrder: number;
    repliedOrders: [number, number];
    /** An upload of managerA's, unused: the photo of the reply. */
    replyPhoto: number;
    /** A's check points (隐患排查): one in use, one to retire; A's patrol plan over the first. */
    patrolPoint: number;
    sparePatrolPoint: number;
    patrolPlan: number;
    /** A's joint meeting by its office, with one open item for A's manager. */
    meeting: number;
    meetingItem: number;
    /** A's mediation, opened by its office, no outcome yet. */
    mediation: number;
    /** A's votes: two drafts (to edit, to submit), one open (to vote in), one whose window has ended (to close). */
    draftVote: number;
    submitVote: number;
    openVote: number;
    endedVote: number;
    /** A paper ballot in A's open vote, entered by A's committee, awaiting A's office. */
    paperBallot: number;
    /** A's announcement (公告), posted by its manager. */
    announcement: number;
    /** A satisfaction survey (满意度测评) of A's county, open today. */
    survey: number;
  };
  B: { communityId: number; companyId: number };
  /** Strings only A's data contains. `personal` ones may appear nowhere; `scoped` ones only in public answers. */
  markers: { personal: string[]; scoped: string[] };
  intruders: Record<string, Auth>;
  insiders: Record<'anonymous' | 'admin' | 'managerA' | 'companyAdminA' | 'committeeA' | 'chairA' | 'officeA' | 'residentA' | 'neighbourA', Auth>;
}

export async function buildMatrixWorld(t: TestApp): Promise<MatrixWorld> {
  const admin = await t.signIn((await createUser(t.db, [{ role: 'platform_admin' }])).devKey);
  const tag = unique('');
  const communityName = `甲小区${tag}`;
  const companyName = `甲物业${tag}`;
  const buildingName = `甲${tag.slice(-4)}栋`;
  const residentName = `甲业主${tag}`;
  const staffName = `甲员工${tag}`;
  const applicantName = `甲申请人${tag}`;
  const note = `甲备注${tag}`;

  // Estate A, created through the API where that leaves audit entries with A's names in them.
  const countyA = await createArea(t.db, 'county', null);
  const townA = await createArea(t.db, 'town', countyA);
  const officeA = await createArea(t.db, 'community_office', townA);
  const companyA = await t.http().post('/api/v1/companies').set(admin).send({ name: companyName, creditCode: creditCode() }).expect(201);
  const communityA = await t.http().post('/api/v1/communities').set(admin).send({ code: unique('MA'), name: communityName, areaId: officeA.id, address: `甲地址${tag}` }).expect(201);
  const contractA = await t.http().post('/api/v1/contracts').set(admin).send({ communityId: communityA.body.id, companyId: companyA.body.id, startsOn: '2020-01-01', endsOn: '2098-12-31', serviceGrade: '二级' }).expect(201);
  const community = await t.db.getRepository(Community).findOneByOrFail({ id: communityA.body.id });
  const houses = await createHouses(t.db, community, buildingName, 6);
  const building = await t.db.getRepository(Building).findOneByOrFail({ name: buildingName });

  const resident = await createResident(t.db, houses[0], 'owner');
  await t.db.getRepository(User).update(resident.user.id, { displayName: residentName });
  const staff = await createUser(t.db, [{ role: 'staff', communityId: community.id, companyId: companyA.body.id, title: '维修工' }], staffName);
  const spare = await createUser(t.db, [{ role: 'staff', communityId: community.id, companyId: companyA.body.id }], `甲备员${tag}`);
  const spareAssignment = await t.db.getRepository(RoleAssignment).findOneByOrFail({ userId: spare.user.id });

  const pending: number[] = [];
  for (const house of houses.slice(1, 4)) {
    const applicant = await t.signIn((await createUser(t.db, [], `${applicantName}${house.id}`)).devKey);
    const res = await t.http().post('/api/v1/bindings').set(applicant).send({ houseId: house.id, relation: 'owner', note }).expect(201);
    pending.push(res.body.id);
  }

  const managerA = await t.signIn((await createUser(t.db, [{ role: 'manager', communityId: community.id, companyId: companyA.body.id }])).devKey);
  const companyAdminA = await t.signIn((await createUser(t.db, [{ role: 'company_admin', companyId: companyA.body.id }])).devKey);
  const committeeA = await t.signIn((await createUser(t.db, [{ role: 'committee', communityId: community.id }])).devKey);
  const officeAuthA = await t.signIn((await createUser(t.db, [{ role: 'community_office', areaId: officeA.id }])).devKey);
  await t.http().post('/api/v1/invitations').set(companyAdminA).send({ role: 'staff', communityId: community.id, title: '保洁' }).expect(201);

  // A's tickets, reported through the API by A's resident.
  const residentA = await t.signIn(resident.devKey);
  const neighbourA = await t.signIn((await createResident(t.db, houses[5], 'owner')).devKey);
  const ticketText = `甲工单${tag}`;
  const newTicket = async (description: string) =>
    (await t.http().post('/api/v1/tickets').set(residentA).send({ communityId: community.id, kind: 'repair', categoryCode: 'facility', description, photoIds: [], place: '1号门' }).expect(201)).body;
  const boardTicket = await newTicket(ticketText);
  const resolved = await newTicket(`${ticketText}已修`);
  await t.http().post(`/api/v1/tickets/${resolved.id}/transitions`).set(managerA).send({ action: 'accept', version: resolved.version }).expect(200);
  const photoId = (await t.http().post('/api/v1/uploads').set(managerA).attach('file', await photo({ width: 64, height: 64 }), 'p.jpg').expect(201)).body.id;
  await t.http().post(`/api/v1/tickets/${resolved.id}/transitions`).set(managerA).send({ action: 'resolve', version: resolved.version + 1, note: '已修好', photoIds: [photoId] }).expect(200);
  const overdue = await newTicket(`${ticketText}超时`);
  await t.db.getRepository(Ticket).update(overdue.id, { responseDueAt: new Date(Date.now() - 60_000) });
  const notification = await t.db.getRepository(Notification).findOneByOrFail({ userId: resident.user.id, ticketId: resolved.id, kind: 'ticket_accepted' });
  const open311 = await t.http().post('/api/v1/open311-clients').set(admin).send({ name: '甲县12345', areaId: countyA.id }).expect(201);

  // A's disclosures, through the committee.
  const chairA = await t.signIn((await createUser(t.db, [{ role: 'committee_chair', communityId: community.id }])).devKey);
  const disclosureText = `甲公示${tag}`;
  const voucher = async () => (await t.http().post('/api/v1/uploads').set(managerA).attach('file', await photo({ width: 64, height: 64 }), 'v.jpg').expect(201)).body.id;
  const newDisclosure = async (period: string) =>
    (await draftPublicIncome(t, managerA, community.id, await voucher(), period).send({ title: disclosureText }).expect(201)).body.id as number;
  const publishedId = await newDisclosure('2026-Q1');
  await publish(t, publishedId, managerA, committeeA, chairA);
  const question = await t.http().post(`/api/v1/disclosures/${publishedId}/questions`).set(residentA).send({ text: `${disclosureText}为何减少` }).expect(201);
  const draftId = await newDisclosure('2026-Q2');
  const reviewId = await newDisclosure('2026-Q3');
  await t.http().post(`/api/v1/disclosures/${reviewId}/submit`).set(managerA).expect(200);
  const queried = await t.http().post(`/api/v1/disclosures/${reviewId}/reviews`).set(committeeA).send({ decision: 'query', comment: '请补充合同' }).expect(201);
  const withdrawId = await newDisclosure('2026-Q4');
  await t.http().post(`/api/v1/disclosures/${withdrawId}/submit`).set(managerA).expect(200);

  // The overdue ticket is escalated to A's community office by the scheduled job.
  await t.app.get(TicketJobsService).runOnce();
  const escalation = await t.db.getRepository(Escalation).findOneByOrFail({ ticketId: overdue.id });

  // A's inspection by its office against its county's template; two orders already replied to.
  const inspectionText = `甲检查${tag}`;
  const template = await t.http().post('/api/v1/inspection-templates').set(admin).send({ areaId: countyA.id, name: '季度检查表', items: [1, 2, 3].map((i) => ({ section: 'fire', text: `检查项${i}`, weight: i })) }).expect(201);
  const inspection = await t
    .http()
    .post('/api/v1/inspections')
    .set(officeAuthA)
    .send({ communityId: community.id, templateId: template.body.id, kind: 'quarterly', inspectedOn: shanghaiDate(), inspectors: ['甲检查员'], results: ['i1', 'i2', 'i3'].map((code) => ({ code, result: 'fail', note: inspectionText })) })
    .expect(201);
  const [openOrder, ...replied] = inspection.body.items.map((i: { rectificationId: number }) => i.rectificationId) as number[];
  for (const id of replied) {
    const reply = { version: 1, note: '已整改', photoIds: [(await t.http().post('/api/v1/uploads').set(managerA).attach('file', await photo({ width: 64, height: 64 }), 'r.jpg').expect(201)).body.id] };
    await t.http().post(`/api/v1/rectifications/${id}/reply`).set(managerA).send(reply).expect(200);
  }
  const replyPhoto = (await t.http().post('/api/v1/uploads').set(managerA).attach('file', await photo({ width: 64, height: 64 }), 'r.jpg').expect(201)).body.id;

  // A's check point, defined by its manager.
  const pointName = `甲巡检点${tag}`;
  const patrolPoint = await t.http().post(`/api/v1/communities/${community.id}/patrol-points`).set(managerA).send({ name: pointName, place: '地下一层', kind: 'pump_room' }).expect(201);
  const sparePatrolPoint = await t.http().post(`/api/v1/communities/${community.id}/patrol-points`).set(managerA).send({ name: `${pointName}乙`, place: '屋顶', kind: 'other' }).expect(201);
  const patrolPlan = await t
    .http()
    .post('/api/v1/patrol-plans')
    .set(managerA)
    .send({ communityId: community.id, name: pointName, pointIds: [patrolPoint.body.id, sparePatrolPoint.body.id], frequency: 'daily', windowStart: '08:00', windowEnd: '10:00', assigneeId: staff.user.id })
    .expect(201);

  // A's joint meeting, recorded by its office: one item the property side answers for.
  const meetingText = `甲联席会${tag}`;
  const meeting = await t
    .http()
    .post('/api/v1/meetings')
    .set(officeAuthA)
    .send({ communityId: community.id, kind: 'four_party', heldOn: shanghaiDate(), attendees: [{ party: 'property', name: '甲经理' }], minutes: meetingText, agenda: [{ text: meetingText }], items: [{ text: meetingText, ownerParty: 'property', ownerName: '甲经理', deadline: addDays(shanghaiDate(), 7) }] })
    .expect(201);

  const mediation = await t.http().post('/api/v1/mediations').set(officeAuthA).send({ communityId: community.id, subject: meetingText, parties: [{ name: applicantName, standing: '业主' }] }).expect(201);
  // A's votes, drafted by its chair and opened by its office.
  const voteTitle = `甲表决${tag}`;
  const newVote = async () =>
    (await t.http().post('/api/v1/votes').set(chairA).send({ communityId: community.id, matter: 'fee_change', title: voteTitle, text: '物业费由每平方米 1.5 元调整为 1.8 元', endsAt: new Date(Date.now() + 7 * 86400e3).toISOString() }).expect(201)).body.id as number;
  const openVote = async () => {
    const id = await newVote();
    await t.http().post(`/api/v1/votes/${id}/actions`).set(chairA).send({ step: 'submit' }).expect(200);
    await t.http().post(`/api/v1/votes/${id}/actions`).set(officeAuthA).send({ step: 'approve' }).expect(200);
    return id;
  };
  const [draftVote, submitVote, openVoteId, endedVote] = [await newVote(), await newVote(), await openVote(), await openVote()];
  await t.db.getRepository(Vote).update(endedVote, { endsAt: new Date(Date.now() - 60_000) });
  const paperPhoto = (await t.http().post('/api/v1/uploads').set(committeeA).attach('file', await photo({ width: 64, height: 64 }), 'b.jpg').expect(201)).body.id;
  const paperBallot = (await t.http().post(`/api/v1/votes/${openVoteId}/ballots`).set(committeeA).send({ houseId: houses[1].id, choice: 0, paperPhotoId: paperPhoto }).expect(201)).body.id as number;
  // A's announcement, posted by its manager.
  const announcementTitle = `甲公告${tag.slice(-6)}`;
  const announcement = await t.http().post(`/api/v1/communities/${community.id}/announcements`).set(managerA).send({ title: announcementTitle, body: '停水通知' }).expect(201);

  // A satisfaction survey of A's county, launched by the platform.
  const surveyTitle = `甲测评${tag.slice(-6)}`;
  const day = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
  const survey = await t.http().post('/api/v1/surveys').set(admin).send({ areaId: countyA.id, title: surveyTitle, year: Number(day.slice(0, 4)), opensOn: day, closesOn: day }).expect(201);

  // Estate B in another county, and one intruder for every role there.
  const countyB = await createArea(t.db, 'county', null);
  const townB = await createArea(t.db, 'town', countyB);
  const officeB = await createArea(t.db, 'community_office', townB);
  const companyB = await createCompany(t.db);
  const communityB = await t.http().post('/api/v1/communities').set(admin).send({ code: unique('MB'), name: unique('乙小区'), areaId: officeB.id }).expect(201);
  const estateB = await t.db.getRepository(Community).findOneByOrFail({ id: communityB.body.id });
  await createContract(t.db, estateB, companyB);
  const housesB = await createHouses(t.db, estateB, '乙1栋', 2);
  const residentB = await createResident(t.db, housesB[0], 'owner');
  const b = communityB.body.id as number;
  const intruderKeys: Record<string, string> = {
    resident: residentB.devKey,
    staff: (await createUser(t.db, [{ role: 'staff', communityId: b, companyId: companyB.id }])).devKey,
    manager: (await createUser(t.db, [{ role: 'manager', communityId: b, companyId: companyB.id }])).devKey,
    company_admin: (await createUser(t.db, [{ role: 'company_admin', companyId: companyB.id }])).devKey,
    committee: (await createUser(t.db, [{ role: 'committee', communityId: b }])).devKey,
    committee_chair: (await createUser(t.db, [{ role: 'committee_chair', communityId: b }])).devKey,
    community_office: (await createUser(t.db, [{ role: 'community_office', areaId: officeB.id }])).devKey,
    regulator_town: (await createUser(t.db, [{ role: 'regulator', areaId: townB.id }])).devKey,
    regulator_county: (await createUser(t.db, [{ role: 'regulator', areaId: countyB.id }])).devKey,
    newcomer: (await createUser(t.db, [])).devKey,
  };
  const intruders: Record<string, Auth> = { anonymous: {} };
  for (const [role, key] of Object.entries(intruderKeys)) intruders[role] = await t.signIn(key);

  return {
    A: {
      countyId: countyA.id,
      townId: townA.id,
      officeId: officeA.id,
      communityId: community.id,
      companyId: companyA.body.id,
      contractId: contractA.body.id,
      buildingId: building.id,
      houses,
      pending,
      staffUserId: staff.user.id,
      spareAssignmentId: spareAssignment.id,
      communityCode: communityA.body.code,
      ticket: boardTicket.id,
      resolvedTicket: resolved.id,
      overdueTicket: overdue.id,
      ticketVersion: boardTicket.version,
      notificationId: notification.id,
      open311Key: open311.body.apiKey,
      open311ClientId: open311.body.id,
      disclosure: publishedId,
      draftDisclosure: draftId,
      reviewDisclosure: reviewId,
      withdrawDisclosure: withdrawId,
      queryReview: queried.body.reviews[0].id,
      question: question.body.questions[0].id,
      escalation: escalation.id,
      template: template.body.id,
      inspection: inspection.body.id,
      openOrder,
      repliedOrders: replied as [number, number],
      replyPhoto,
      patrolPoint: patrolPoint.body.id,
      sparePatrolPoint: sparePatrolPoint.body.id,
      patrolPlan: patrolPlan.body.id,
      meeting: meeting.body.id,
      meetingItem: meeting.body.items[0].id,
      mediation: mediation.body.id,
      draftVote,
      submitVote,
      openVote: openVoteId,
      endedVote,
      paperBallot,
      announcement: announcement.body.id,
      survey: survey.body.id,
    },
    B: { communityId: b, companyId: companyB.id },
    markers: { personal: [residentName, staffName, applicantName, note], scoped: [communityName, companyName, buildingName, `甲地址${tag}`, ticketText, disclosureText, inspectionText, pointName, meetingText, voteTitle, announcementTitle, surveyTitle] },
    intruders,
    insiders: { anonymous: {}, admin, managerA, companyAdminA, committeeA, chairA, officeA: officeAuthA, residentA, neighbourA },
  };
}

/** Every route the OpenAPI document lists, as 'METHOD /path': the cases must cover each. */
export async function documentedRoutes(t: TestApp): Promise<string[]> {
  const doc = (await t.http().get('/api/docs-json').expect(200)).body as { paths: Record<string, Record<string, unknown>> };
  return Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`));
}
