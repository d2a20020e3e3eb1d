import type { SurveyView } from '@wuye/contracts';

/** An open county campaign as the API answers it, before anyone's houses or results are added. */
export const SURVEY: SurveyView = {
  id: 3,
  areaId: 1,
  areaName: '清河县',
  title: '2026年度物业服务满意度测评',
  year: 2026,
  opensOn: '2026-12-01',
  closesOn: '2026-12-31',
  minAnswers: 10,
  state: 'open',
  toAnswer: 0,
  items: [],
  results: [],
  myHouses: [],
  can: { answer: false },
};
