import { COMMITTEE_GRADE_LABELS, committeeGrade } from './committee-evaluations';
import { SURVEY_TOO_FEW, defaultSurveyItems, surveyEstateResult, surveyState, type SurveyItem } from './surveys';

const items: SurveyItem[] = [
  { code: 's1', section: 'cleaning', text: '楼道' },
  { code: 's2', section: 'cleaning', text: '垃圾' },
  { code: 's3', section: 'fire', text: '消防' },
];
const estate = { id: 7, name: '锦绣小区' };

describe('surveyEstateResult', () => {
  const sums = [
    { communityId: 7, code: 's1', sum: 9, count: 2 },
    { communityId: 7, code: 's2', sum: 7, count: 2 },
    { communityId: 7, code: 's3', sum: 10, count: 2 },
    { communityId: 8, code: 's1', sum: 2, count: 2 },
  ];

  it('averages per section and overall, 2 decimals, only the estate’s own sums', () => {
    const r = surveyEstateResult(estate, items, 2, 2, sums);
    expect(r).toMatchObject({ answers: 2, enough: true, average: 4.33 });
    expect(r.sections).toEqual([
      { section: 'cleaning', label: '保洁', average: 4 },
      { section: 'fire', label: '消防安全', average: 5 },
    ]);
  });

  it('below the minimum: the count only, no average anywhere', () => {
    const r = surveyEstateResult(estate, items, 1, 2, sums);
    expect(r).toMatchObject({ answers: 1, enough: false, average: null });
    expect(r.sections.every((s) => s.average === null)).toBe(true);
    expect(SURVEY_TOO_FEW).toBe('样本不足');
  });

  it('no answers is never enough, even with a minimum of 1', () => {
    expect(surveyEstateResult(estate, items, 0, 1, []).enough).toBe(false);
  });

  it('one default item per section of the service standard', () => {
    expect(defaultSurveyItems().map((i) => i.section)).toEqual(['management', 'order', 'cleaning', 'greening', 'facilities', 'fire']);
  });

  it('the window includes both its first and its last day', () => {
    const w = { opensOn: '2026-06-01', closesOn: '2026-06-30' };
    expect([surveyState(w, '2026-05-31'), surveyState(w, '2026-06-01'), surveyState(w, '2026-06-30'), surveyState(w, '2026-07-01')]).toEqual(['upcoming', 'open', 'open', 'closed']);
  });
});

describe('committeeGrade', () => {
  it('fixed bands: 90 优秀, 75 良好, 60 合格, below 不合格', () => {
    const at = (s: number) => COMMITTEE_GRADE_LABELS[committeeGrade(s)];
    expect([100, 90, 89, 75, 74, 60, 59, 0].map(at)).toEqual(['优秀', '优秀', '良好', '良好', '合格', '合格', '不合格', '不合格']);
  });
});
