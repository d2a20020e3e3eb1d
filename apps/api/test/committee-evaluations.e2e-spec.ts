import { addDays, shanghaiDate } from '@wuye/contracts';
import { DisclosureQuestion } from '../src/modules/disclosures/disclosure-question.entity';
import { Disclosure } from '../src/modules/disclosures/disclosure.entity';
import { MeetingCommunity } from '../src/modules/meetings/meeting-community.entity';
import { Meeting } from '../src/modules/meetings/meeting.entity';
import { Vote } from '../src/modules/votes/vote.entity';
import { createTestApp, type TestApp } from './support/app';
import { createClosedVote, createEstate, createResident, type Estate, roleIn } from './support/fixtures';

type Auth = { Authorization: string };

/** 业委会履职考评: indicators from the estate's records, the office's versioned evaluation, the grade residents see. */
describe('committee evaluations', () => {
  let t: TestApp;
  let estate: Estate;
  let office: Auth;
  let resident: Auth;
  const year = Number(shanghaiDate().slice(0, 4)) - 1;
  const at = (date: string, time = '10:00') => new Date(`${date}T${time}:00+08:00`);

  beforeAll(async () => {
    t = await createTestApp();
    estate = await createEstate(t.db);
    office = await t.signInAs(roleIn(estate).office);
    resident = await t.signIn((await createResident(t.db, estate.houses[0])).devKey);
  });
  afterAll(() => t.close());

  const disclosure = (submittedOn: string, publishedOn: string | null, more: Partial<Disclosure> = {}) =>
    t.db.getRepository(Disclosure).save(
      t.db.getRepository(Disclosure).create({
        communityId: estate.community.id,
        areaPath: estate.community.areaPath,
        type: 'shared_cost',
        period: submittedOn.slice(0, 7),
        title: '公摊费用公示',
        state: publishedOn ? 'published' : 'in_review',
        lineageId: null,
        version: 1,
        supersedesId: null,
        correctionReason: null,
        content: {},
        totals: { totalFen: 0 },
        facts: null,
        reviewRound: 1,
        createdById: 1,
        submittedAt: at(submittedOn),
        publishedAt: publishedOn ? at(publishedOn) : null,
        ...more,
      }),
    );
  const question = async (disclosureId: number, askedOn: string, answered: boolean) => {
    const q = await t.db.getRepository(DisclosureQuestion).save(
      t.db.getRepository(DisclosureQuestion).create({ disclosureId, communityId: estate.community.id, lineId: null, askerId: 1, askerMask: '1栋业主', text: '为何增加', answer: answered ? '已说明' : null, answeredById: answered ? 1 : null, answeredAt: answered ? at(askedOn, '18:00') : null, dueAt: at(addDays(askedOn, 10)), overdueNotifiedAt: null }),
    );
    await t.db.getRepository(DisclosureQuestion).update(q.id, { createdAt: at(askedOn) });
  };
  /** A meeting of the estates it covers, the first one named on the meeting itself (as the API records it). */
  const meeting = async (heldOn: string, parties: string[], covers: Estate[] = [estate]) => {
    const saved = await t.db.getRepository(Meeting).save(
      t.db.getRepository(Meeting).create({
        communityId: covers[0].community.id,
        areaPath: covers[0].community.areaPath,
        officeAreaId: covers[0].office.id,
        kind: covers.length > 1 ? 'coordination' : 'four_party',
        heldOn,
        attendees: parties.map((party) => ({ party, name: '某某' })) as Meeting['attendees'],
        minutes: '议定事项',
        signInPhotoIds: [],
        agenda: [],
        createdById: 1,
        idempotencyKey: null,
      }),
    );
    await t.db.getRepository(MeetingCommunity).insert(covers.map((e) => ({ meetingId: saved.id, communityId: e.community.id, areaPath: e.community.areaPath })));
  };
  const evaluations = async (who: Auth, y = year) => (await t.http().get('/api/v1/committee-evaluations').query({ communityId: estate.community.id, year: y }).set(who).expect(200)).body;
  const record = (who: Auth, body: object) => t.http().post('/api/v1/committee-evaluations').set(who).send({ communityId: estate.community.id, year, score: 86, comment: '按时审核公示，参加联席会议', ...body });

  it('indicators from the year’s records: reviews in time, questions answered, meetings attended, votes run', async () => {
    const empty = (await evaluations(office)).indicators;
    expect(empty).toMatchObject({ reviewsDue: 0, reviewsInTimeRate: null, questionsAsked: 0, questionsAnsweredRate: null, meetingsHeld: 0, meetingsAttendedRate: null, votesRun: 0 });

    // Reviews: signed off in 3 days and exactly on the 7th day (in time), in 12 days (late), one left unreviewed
    // (late: its deadline passed), a vote result (not reviewed by the committee) and one of another year.
    const d1 = await disclosure(`${year}-03-01`, `${year}-03-04`);
    await disclosure(`${year}-04-01`, `${year}-04-08`);
    await disclosure(`${year}-05-01`, `${year}-05-13`);
    await disclosure(`${year}-12-01`, null);
    await disclosure(`${year}-06-01`, `${year}-06-01`, { type: 'vote_result' });
    await disclosure(`${year - 1}-06-01`, `${year - 1}-06-30`);
    // Questions: three asked in the year, two answered; one of the year before.
    await question(d1.id, `${year}-03-10`, true);
    await question(d1.id, `${year}-03-11`, true);
    await question(d1.id, `${year}-03-12`, false);
    await question(d1.id, `${year - 1}-12-30`, false);
    // Meetings: the committee at two of three; one of them a 协调委员会 that names another estate first.
    await meeting(`${year}-02-01`, ['committee', 'property']);
    await meeting(`${year}-06-01`, ['community_party', 'committee'], [await createEstate(t.db), estate]);
    await meeting(`${year}-09-01`, ['property', 'community_party']);
    await meeting(`${year + 1}-01-05`, ['property']);
    // Votes: two closed in the year, one the year after.
    for (const closedOn of [`${year}-04-20`, `${year}-11-20`, `${year + 1}-01-10`]) {
      const v = await createClosedVote(t.db, estate.community, true);
      await t.db.getRepository(Vote).update(v.id, { closedAt: at(closedOn) });
    }

    const { indicators, can } = await evaluations(office);
    expect(can).toEqual({ evaluate: true });
    expect(indicators).toEqual({
      year,
      reviewsDue: 4,
      reviewsInTime: 2,
      reviewsInTimeRate: 0.5,
      questionsAsked: 3,
      questionsAnswered: 2,
      questionsAnsweredRate: 0.6667,
      meetingsHeld: 3,
      meetingsAttended: 2,
      meetingsAttendedRate: 0.6667,
      votesRun: 2,
    });
  });

  it('only the estate’s community office records; the grade follows from the score; indicators are frozen in it', async () => {
    for (const role of ['manager', 'companyAdmin', 'committee', 'chair', 'countyRegulator'] as const) await record(await t.signInAs(roleIn(estate)[role]), {}).expect(403);
    await record(resident, {}).expect(403);
    await record(await t.signInAs(roleIn(await createEstate(t.db)).office), {}).expect(404);
    expect((await record(office, { year: year + 2 }).expect(422)).body.code).toBe('EVALUATION_YEAR_OUT_OF_RANGE');

    const first = (await record(office, {}).expect(201)).body;
    expect(first).toMatchObject({ version: 1, score: 86, grade: 'good', gradeLabel: '良好', changeReason: null, issuingArea: estate.office.name });
    expect(first.indicators.votesRun).toBe(2);
    // A vote closed afterwards changes the live indicators, not the recorded ones.
    const v = await createClosedVote(t.db, estate.community, false);
    await t.db.getRepository(Vote).update(v.id, { closedAt: at(`${year}-12-20`) });
    const after = await evaluations(office);
    expect(after.indicators.votesRun).toBe(3);
    expect(after.current.indicators.votesRun).toBe(2);
  });

  it('a change is a new version with its reason; the version changed must be the current one', async () => {
    expect((await record(office, { score: 92 }).expect(409)).body.code).toBe('STALE_VERSION');
    expect((await record(office, { score: 92, baseVersion: 1 }).expect(422)).body.code).toBe('EVALUATION_CHANGE_NEEDS_REASON');
    const second = (await record(office, { score: 92, baseVersion: 1, changeReason: '补充了业主大会记录' }).expect(201)).body;
    expect(second).toMatchObject({ version: 2, grade: 'excellent', gradeLabel: '优秀', changeReason: '补充了业主大会记录' });
    expect(second.indicators.votesRun).toBe(3);
    expect((await record(office, { score: 50, baseVersion: 1, changeReason: '再改' }).expect(409)).body.code).toBe('STALE_VERSION');
    const shown = await evaluations(office);
    expect(shown.current.version).toBe(2);
    expect(shown.history.map((h: { version: number }) => h.version)).toEqual([2, 1]);
  });

  it('residents see the grade; the area statistics count grades and show each estate’s', async () => {
    const seen = await evaluations(resident);
    expect(seen.current).toMatchObject({ grade: 'excellent', gradeLabel: '优秀', year });
    expect(seen.can.evaluate).toBe(false);
    const stranger = await t.signIn((await createResident(t.db, (await createEstate(t.db)).houses[0])).devKey);
    await t.http().get('/api/v1/committee-evaluations').query({ communityId: estate.community.id }).set(stranger).expect(404);

    const regulator = await t.signInAs(roleIn(estate).countyRegulator);
    const overview = (await t.http().get('/api/v1/stats/overview').query({ areaId: estate.county.id, from: shanghaiDate(), to: shanghaiDate() }).set(regulator).expect(200)).body;
    expect(overview.committeeGrades).toEqual({ excellent: 1, good: 0, pass: 0, fail: 0, none: 0 });
    expect(overview.communities[0].committeeGrade).toEqual({ year, grade: 'excellent', gradeLabel: '优秀' });
  });
});
