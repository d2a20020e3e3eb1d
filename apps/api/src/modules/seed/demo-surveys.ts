import { EntityManager, In } from 'typeorm';
import { SURVEY_MIN_ANSWERS_DEFAULT, addDays, committeeGrade, defaultSurveyItems, shanghaiDate, type CommitteeIndicators } from '@wuye/contracts';
import { HouseBinding } from '../identity/house-binding.entity';
import { User } from '../identity/user.entity';
import { CommitteeEvaluation } from '../oversight/committee-evaluation.entity';
import { Survey, SurveyAnswer, SurveyScore } from '../surveys/survey.entity';
import type { DemoIndex } from './demo-seed.service';

/** Houses that have answered the demo campaign, per estate: 锦绣花园 and 阳光新城 above the minimum, 翠湖名苑 below. */
const ANSWERS: Record<string, number> = { JXHY: 11, YGXC: 10, CHMY: 4 };

/** Comments only their authors see (the seeded neighbours); no page shows them to anyone else. */
const COMMENTS = ['希望楼道保洁再勤一些', '门岗登记很规范', null, '绿化修剪及时', null];

/**
 * 满意度测评: this year's county campaign, open for another three weeks, with the neighbours' answers — enough in
 * 锦绣花园 and 阳光新城 for results, too few in 翠湖名苑 (样本不足). The demo residents' own houses have not answered,
 * so 张阿姨 finds the campaign waiting on her home page.
 */
export async function seedDemoSurveys(m: EntityManager, index: DemoIndex): Promise<number> {
  const county = [...index.areas.values()].find((a) => a.level === 'county');
  const regulator = index.users.get('regulator.county');
  if (!county || !regulator) return 0;
  const today = shanghaiDate();
  const items = defaultSurveyItems().map((item, i) => ({ code: `s${i + 1}`, ...item }));
  const survey = await m.getRepository(Survey).save(
    m.getRepository(Survey).create({ areaId: county.id, areaPath: county.path, title: `${today.slice(0, 4)}年度物业服务满意度测评`, year: Number(today.slice(0, 4)), opensOn: addDays(today, -10), closesOn: addDays(today, 20), minAnswers: SURVEY_MIN_ANSWERS_DEFAULT, items, createdById: regulator.id }),
  );
  let answered = 0;
  for (const [code, wanted] of Object.entries(ANSWERS)) {
    const community = index.communities.get(code);
    if (!community) continue;
    const bindings = await m.getRepository(HouseBinding).find({ where: { communityId: community.id, state: 'approved' }, order: { id: 'ASC' } });
    // Only the seeded neighbours answer (accounts without a development sign-in key), never in a house a demo account lives in.
    const users = await m.getRepository(User).find({ where: { id: In(bindings.map((b) => b.userId).concat(0)) }, select: { id: true, devKey: true } });
    const demoAccounts = new Set(users.filter((u) => u.devKey !== null).map((u) => u.id));
    const demoHouses = new Set(bindings.filter((b) => demoAccounts.has(b.userId)).map((b) => b.houseId));
    const seen = new Set<number>();
    const houses = bindings.filter((b) => !demoAccounts.has(b.userId) && !demoHouses.has(b.houseId) && !seen.has(b.houseId) && seen.add(b.houseId)).slice(0, wanted);
    for (const [n, b] of houses.entries()) {
      const answer = await m.getRepository(SurveyAnswer).save(m.getRepository(SurveyAnswer).create({ surveyId: survey.id, communityId: community.id, houseId: b.houseId, userId: b.userId, comment: COMMENTS[n % COMMENTS.length] }));
      // 3–5, a little lower for 保洁 in 阳光新城: the results are not all alike.
      await m.getRepository(SurveyScore).insert(items.map((item, i) => ({ answerId: answer.id, surveyId: survey.id, communityId: community.id, code: item.code, score: code === 'YGXC' && item.section === 'cleaning' ? 2 + ((n + i) % 2) : 3 + ((n * 7 + i * 2) % 3) })));
      answered++;
    }
  }
  return answered;
}

/** Last year's committee evaluations by the community offices: 锦绣花园 优秀, 阳光新城 良好, 柳林新村 合格. */
const EVALUATIONS = [
  { community: 'JXHY', office: 'office.nanmen', score: 92, comment: '账目审核及时，组织业主表决规范，按时参加联席会议。' },
  { community: 'YGXC', office: 'office.nanmen', score: 78, comment: '能按时审核公示；业主质询的回复有待加快。' },
  { community: 'LLXC', office: 'office.liulin', score: 64, comment: '联席会议出席不足，请加强与物业和社区的沟通。' },
];

/** The indicators are the system's own, counted over last year's records when the seed runs (and frozen in each). */
export async function seedDemoEvaluations(m: EntityManager, index: DemoIndex, indicatorsOf: (communityId: number, year: number) => Promise<CommitteeIndicators>): Promise<number> {
  const year = Number(shanghaiDate().slice(0, 4)) - 1;
  let recorded = 0;
  for (const e of EVALUATIONS) {
    const community = index.communities.get(e.community);
    const office = index.users.get(e.office);
    if (!community || !office) continue;
    await m.getRepository(CommitteeEvaluation).insert({ communityId: community.id, year, version: 1, changeReason: null, score: e.score, grade: committeeGrade(e.score), comment: e.comment, indicators: await indicatorsOf(community.id, year), evaluatedById: office.id, areaId: community.areaId });
    recorded++;
  }
  return recorded;
}
