import { addDays, shanghaiDate } from '@wuye/contracts';
import { Survey } from '../src/modules/surveys/survey.entity';
import { createTestApp, type TestApp } from './support/app';
import { createEstate, createResident, createUser, type Estate, roleIn } from './support/fixtures';

type Auth = { Authorization: string };

interface Result {
  communityId: number;
  answers: number;
  enough: boolean;
  average: number | null;
  sections: { section: string; label: string; average: number | null }[];
}

/** 满意度测评: launching per area, one answer per house inside the window, results only at or above the minimum. */
describe('satisfaction surveys', () => {
  let t: TestApp;
  let a: Estate;
  let b: Estate;
  let elsewhere: Estate;
  let regulator: Auth;
  let townRegulator: Auth;
  let office: Auth;
  let manager: Auth;
  let companyAdmin: Auth;
  const year = Number(shanghaiDate().slice(0, 4));
  const today = shanghaiDate();

  beforeAll(async () => {
    t = await createTestApp();
    a = await createEstate(t.db);
    // B: another estate of the same county, under another town.
    b = await createEstate(t.db, { county: a.county });
    elsewhere = await createEstate(t.db);
    regulator = await t.signInAs(roleIn(a).countyRegulator);
    townRegulator = await t.signInAs(roleIn(a).townRegulator);
    office = await t.signInAs(roleIn(a).office);
    manager = await t.signInAs(roleIn(a).manager);
    companyAdmin = await t.signInAs(roleIn(a).companyAdmin);
  });
  afterAll(() => t.close());

  const launch = (who: Auth, body: object = {}) =>
    t
      .http()
      .post('/api/v1/surveys')
      .set(who)
      .send({ areaId: a.county.id, title: `${year}年度物业服务满意度测评`, year, opensOn: today, closesOn: addDays(today, 30), minAnswers: 2, ...body });
  const resident = async (e: Estate, house: number, relation: 'owner' | 'family' | 'tenant' = 'owner') => {
    const r = await createResident(t.db, e.houses[house], relation);
    return { auth: await t.signIn(r.devKey), userId: r.user.id, houseId: e.houses[house].id };
  };
  const allFives = (codes: string[], score = 5) => Object.fromEntries(codes.map((c) => [c, score]));
  const answer = (who: Auth, surveyId: number, houseId: number, scores: Record<string, number>, comment?: string) =>
    t.http().post(`/api/v1/surveys/${surveyId}/answers`).set(who).send({ houseId, scores, comment });
  const view = async (who: Auth, id: number) => (await t.http().get(`/api/v1/surveys/${id}`).set(who).expect(200)).body as { results: Result[]; items: { code: string; section: string }[]; can: { answer: boolean }; toAnswer: number; myHouses: { houseId: number; answered: boolean }[] };
  const resultOf = (v: { results: Result[] }, e: Estate) => v.results.find((r) => r.communityId === e.community.id) as Result;

  it('a county regulator launches a campaign with one item per section; a town regulator cannot launch for the county', async () => {
    const survey = (await launch(regulator).expect(201)).body;
    expect(survey.items.map((i: { section: string }) => i.section)).toEqual(['management', 'order', 'cleaning', 'greening', 'facilities', 'fire']);
    expect(survey).toMatchObject({ areaId: a.county.id, areaName: a.county.name, state: 'open', minAnswers: 2 });
    await launch(townRegulator).expect(404);
    await launch(office).expect(403);
    await launch(manager).expect(403);
    // Its own town, custom items: allowed.
    const custom = (await launch(townRegulator, { areaId: a.town.id, items: [{ section: 'cleaning', text: '楼道是否干净' }] }).expect(201)).body;
    expect(custom.items).toEqual([{ code: 's1', section: 'cleaning', text: '楼道是否干净' }]);
    await launch(regulator, { closesOn: addDays(today, -1), opensOn: addDays(today, -5) }).expect(422);
  });

  it('results per estate and section only at or above the minimum; below it the count and no averages', async () => {
    const survey = (await launch(regulator).expect(201)).body;
    const codes = survey.items.map((i: { code: string }) => i.code);
    const [a1, a2, b1] = [await resident(a, 0), await resident(a, 1), await resident(b, 0)];
    // A: 5 everywhere and 3 everywhere → 4.00; 保洁 (s3) 4 and 2 → 3.00.
    await answer(a1.auth, survey.id, a1.houseId, { ...allFives(codes), s3: 4 }, '希望楼道多打扫，我是3栋1201张三').expect(201);
    const before = resultOf(await view(regulator, survey.id), a);
    expect(before).toMatchObject({ answers: 1, enough: false, average: null });
    expect(before.sections.every((s) => s.average === null)).toBe(true);
    await answer(a2.auth, survey.id, a2.houseId, { ...allFives(codes, 3), s3: 2 }).expect(201);
    await answer(b1.auth, survey.id, b1.houseId, allFives(codes, 1)).expect(201);

    const seen = await view(regulator, survey.id);
    const ra = resultOf(seen, a);
    expect(ra).toMatchObject({ answers: 2, enough: true });
    expect(ra.average).toBeCloseTo((5 * 5 + 4 + 3 * 5 + 2) / 12, 2);
    expect(ra.sections.find((s) => s.section === 'cleaning')).toMatchObject({ label: '保洁', average: 3 });
    expect(ra.sections.find((s) => s.section === 'fire')?.average).toBe(4);
    expect(resultOf(seen, b)).toMatchObject({ answers: 1, enough: false, average: null });
    // Nobody's answer text is in any aggregate.
    expect(JSON.stringify(seen)).not.toContain('张三');

    // Residents see their own estate's result, nothing of others'.
    const mine = await view(a1.auth, survey.id);
    expect(mine.results.map((r) => r.communityId)).toEqual([a.community.id]);
    expect(resultOf(mine, a).average).toBe(ra.average);
    const theirs = await view(b1.auth, survey.id);
    expect(theirs.results.map((r) => r.communityId)).toEqual([b.community.id]);
    expect(resultOf(theirs, b).average).toBeNull();

    // The estate's result is an indicator beside the star-rating form.
    const rating = (await t.http().get(`/api/v1/communities/${a.community.id}/star-ratings`).query({ year }).set(regulator).expect(200)).body;
    expect(rating.indicators).toMatchObject({ surveyScore: ra.average, surveyAnswers: 2 });
    const ratingB = (await t.http().get(`/api/v1/communities/${b.community.id}/star-ratings`).query({ year }).set(regulator).expect(200)).body;
    expect(ratingB.indicators).toMatchObject({ surveyScore: null, surveyAnswers: 1 });
  });

  it('one answer per house: a second owner (or a family member) of the same house is refused', async () => {
    const survey = (await launch(regulator).expect(201)).body;
    const codes = survey.items.map((i: { code: string }) => i.code);
    const first = await resident(a, 2);
    const second = await resident(a, 2);
    const family = await resident(a, 2, 'family');
    expect((await view(second.auth, survey.id)).can.answer).toBe(true);
    await answer(first.auth, survey.id, first.houseId, allFives(codes)).expect(201);
    const refused = await answer(second.auth, survey.id, second.houseId, allFives(codes, 1)).expect(409);
    expect(refused.body.code).toBe('SURVEY_ALREADY_ANSWERED');
    expect((await answer(family.auth, survey.id, family.houseId, allFives(codes, 1)).expect(409)).body.code).toBe('SURVEY_ALREADY_ANSWERED');
    const again = await view(second.auth, survey.id);
    expect(again).toMatchObject({ toAnswer: 0, can: { answer: false } });
    expect(resultOf(await view(regulator, survey.id), a).answers).toBe(1);
    // The household's answer is theirs to see; a house not theirs, or scores missing, is refused.
    const own = (await t.http().get(`/api/v1/surveys/${survey.id}/answers`).set(second.auth).expect(200)).body;
    expect(own).toHaveLength(1);
    expect(own[0].scores).toEqual(allFives(codes));
    const other = await resident(a, 3);
    expect((await answer(other.auth, survey.id, first.houseId, allFives(codes)).expect(403)).body.code).toBe('SURVEY_NOT_ELIGIBLE');
    expect((await answer(other.auth, survey.id, other.houseId, { s1: 5 }).expect(422)).body.code).toBe('SURVEY_SCORES_INVALID');
    expect((await answer(other.auth, survey.id, other.houseId, { ...allFives(codes), s1: 6 }).expect(422)).body.code).toBe('SURVEY_SCORES_INVALID');
  });

  it('only inside the window: before it opens and after it closes the answer is refused and nothing is saved', async () => {
    const later = (await launch(regulator, { opensOn: addDays(today, 3) }).expect(201)).body;
    const codes = later.items.map((i: { code: string }) => i.code);
    const r = await resident(a, 3);
    expect(later.state).toBe('upcoming');
    expect((await answer(r.auth, later.id, r.houseId, allFives(codes)).expect(409)).body.code).toBe('SURVEY_NOT_OPEN');
    const ended = (await launch(regulator).expect(201)).body;
    await t.db.getRepository(Survey).update(ended.id, { opensOn: addDays(today, -20), closesOn: addDays(today, -1) });
    expect((await answer(r.auth, ended.id, r.houseId, allFives(codes)).expect(409)).body.code).toBe('SURVEY_NOT_OPEN');
    expect(resultOf(await view(regulator, ended.id), a).answers).toBe(0);
    // A resident's home card asks for open campaigns with houses still to answer.
    const open = (await t.http().get('/api/v1/surveys').query({ open: true }).set(r.auth).expect(200)).body.items as { id: number; toAnswer: number }[];
    expect(open.map((s) => s.id)).not.toContain(later.id);
    expect(open.map((s) => s.id)).not.toContain(ended.id);
  });

  it('the company side never sees an individual answer: no route returns one to a manager or a company admin', async () => {
    const survey = (await launch(regulator).expect(201)).body;
    const codes = survey.items.map((i: { code: string }) => i.code);
    const r = await resident(a, 3);
    await answer(r.auth, survey.id, r.houseId, allFives(codes, 2), '物业经理态度差').expect(201);
    for (const who of [manager, companyAdmin, office, regulator]) {
      await t.http().get(`/api/v1/surveys/${survey.id}/answers`).set(who).expect(403);
      expect(JSON.stringify((await t.http().get(`/api/v1/surveys/${survey.id}`).set(who).expect(200)).body)).not.toContain('物业经理态度差');
    }
    const staff = await t.signInAs(roleIn(a).staff);
    await t.http().get(`/api/v1/surveys/${survey.id}/answers`).set(staff).expect(403);
    // The company sees its own estate's aggregate only.
    expect((await view(manager, survey.id)).results.map((x) => x.communityId)).toEqual([a.community.id]);
  });

  it('scoped by area: estates and people outside the campaign’s area neither see it nor answer it', async () => {
    const townOnly = (await launch(townRegulator, { areaId: a.town.id }).expect(201)).body;
    const codes = townOnly.items.map((i: { code: string }) => i.code);
    const inB = await resident(b, 1);
    const outside = await resident(elsewhere, 0);
    await t.http().get(`/api/v1/surveys/${townOnly.id}`).set(inB.auth).expect(404);
    expect((await answer(inB.auth, townOnly.id, inB.houseId, allFives(codes)).expect(404)).body.code).toBe('NOT_FOUND');
    await t.http().get(`/api/v1/surveys/${townOnly.id}`).set(outside.auth).expect(404);
    await t.http().get(`/api/v1/surveys/${townOnly.id}`).set(await t.signInAs(roleIn(elsewhere).countyRegulator)).expect(404);
    await t.http().get(`/api/v1/surveys/${townOnly.id}`).set(await t.signInAs(roleIn(b).manager)).expect(404);
    const listed = async (who: Auth) => ((await t.http().get('/api/v1/surveys').set(who).expect(200)).body.items as { id: number }[]).map((s) => s.id);
    expect(await listed(inB.auth)).not.toContain(townOnly.id);
    expect(await listed(outside.auth)).toEqual([]);
    // The county regulator sees the town's campaign, covering only A's estate.
    expect(await listed(regulator)).toContain(townOnly.id);
    expect((await view(regulator, townOnly.id)).results.map((r) => r.communityId)).toEqual([a.community.id]);
    // A user with no verified house in the area (a pending applicant, say) has no resident role at all.
    const stranger = await t.signIn((await createUser(t.db)).devKey);
    await t.http().get('/api/v1/surveys').set(stranger).expect(403);
  });
});
