import { render, screen, within } from '@testing-library/react';
import type { CommunityView, MeView, MyHouse } from '@wuye/contracts';
import { getMe } from '../../../../services/me';
import { getCommunity, getCompanyCredit, getStarRatings } from '../../../../services/oversight';
import { setTokens } from '../../../../services/session';
import { getCommitteeEvaluations } from '../../../../services/surveys';
import EstateStanding from './index';

jest.mock('../../../../services/me');
jest.mock('../../../../services/oversight');
jest.mock('../../../../services/surveys');
const evaluationsMock = jest.mocked(getCommitteeEvaluations);
const getMeMock = jest.mocked(getMe);
const communityMock = jest.mocked(getCommunity);
const ratingsMock = jest.mocked(getStarRatings);
const creditMock = jest.mocked(getCompanyCredit);

const house = (communityId: number, communityName: string, state: MyHouse['state'] = 'approved'): MyHouse => ({
  id: communityId * 10,
  houseId: communityId * 100,
  houseLabel: '3栋1单元1201',
  communityId,
  communityName,
  relation: 'owner',
  state,
  reason: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  decidedAt: '2026-01-02T00:00:00.000Z',
});
const me = (houses: MyHouse[]): MeView => ({ id: 20, displayName: '张阿姨', phone: null, roles: [{ role: 'resident', communityId: 1, scopeName: '锦绣花园' }], houses, wechat: false });

const JINXIU: CommunityView = { id: 1, code: 'JXHY', name: '锦绣花园', address: null, areaId: 3, areaName: '南门社区', townName: '城关镇', company: { id: 1, name: '清河万家物业服务有限公司', contactPhone: null }, contract: { serviceGrade: '二级', feeStandards: [{ propertyType: 'residence', pricePerM2MonthFen: 180 }, { propertyType: 'shop', pricePerM2MonthFen: 350 }], startsOn: '2024-01-01', endsOn: '2026-12-31' }, lat: null, long: null };

const LATEST_2025 = { id: 2, year: 2025, version: 2, changeReason: '复核', stars: 5, reason: '服务规范，业主满意度高，公示及时', ratedBy: '县住建局 王科长', issuingArea: '清河县', ratedAt: '2026-01-20T02:00:00.000Z', indicators: {} };

const EVALUATION_2025 = { id: 4, communityId: 1, year: 2025, version: 1, score: 92, grade: 'excellent' as const, gradeLabel: '优秀', comment: '按时审核公示', changeReason: null, evaluatedBy: '李主任', issuingArea: '南门社区', evaluatedAt: '2026-01-15T02:00:00.000Z', indicators: { year: 2025, reviewsDue: 4, reviewsInTime: 4, reviewsInTimeRate: 1, questionsAsked: 0, questionsAnswered: 0, questionsAnsweredRate: null, meetingsHeld: 2, meetingsAttended: 2, meetingsAttendedRate: 1, votesRun: 1 } };

beforeEach(() => {
  setTokens({ accessToken: 'access', refreshToken: 'refresh' });
  evaluationsMock.mockResolvedValue({ communityId: 1, communityName: '锦绣花园', year: 2026, current: null, history: [EVALUATION_2025], indicators: { ...EVALUATION_2025.indicators, year: 2026 }, can: { evaluate: false } });
  communityMock.mockResolvedValue(JINXIU);
  ratingsMock.mockResolvedValue({
    current: null,
    // An older year rated last stands first in the history; the estate's rating is still 2025's latest version.
    history: [
      { id: 3, year: 2024, version: 1, changeReason: null, stars: 3, reason: '补评 2024 年度', ratedBy: '县住建局 王科长', issuingArea: '清河县', ratedAt: '2026-02-01T02:00:00.000Z', indicators: {} },
      LATEST_2025,
      { ...LATEST_2025, id: 1, version: 1, stars: 4, reason: '初评' },
    ],
    latest: LATEST_2025,
    indicators: { year: 2026, tickets: 27, satisfactionRate: 0.75, onTimeResponseRate: 0.86, onTimeResolutionRate: 0.94, disclosureComplianceRate: 1, overdueOpen: 2, inspections: 0, inspectionAverageScore: null, rectificationsIssued: 0, rectificationsClosed: 0, rectificationsOverdue: 0, patrolCompletionRate: null, surveyScore: null, surveyAnswers: 0 },
    years: { first: 2020, last: 2026 },
    can: { rate: false },
  });
  creditMock.mockResolvedValue({
    companyId: 1,
    name: '清河万家物业服务有限公司',
    score: 94,
    grade: 'A',
    pointsDeducted: 6,
    last12Months: { interview: 0, criticism: 0, points: 1, manager_dismissed: 0, project_withdrawn: 0 },
    deductedByKind: { interview: 0, criticism: 0, points: 6, manager_dismissed: 0, project_withdrawn: 0 },
    events: [],
  });
});

describe('residents: their estate’s star rating and its company’s credit', () => {
  it('shows the latest rating with its reason and who rated, and the company’s grade, score and events of 12 months', async () => {
    getMeMock.mockResolvedValue(me([house(1, '锦绣花园'), house(2, '阳光新城', 'pending')]));

    render(<EstateStanding />);

    expect(await screen.findByText('2025年度 ★★★★★ 5星')).toBeInTheDocument();
    expect(screen.getByText('服务规范，业主满意度高，公示及时')).toBeInTheDocument();
    expect(screen.getByText('清河县 评定 · 2026-01-20')).toBeInTheDocument();
    expect(communityMock).toHaveBeenCalledWith(1);
    expect(creditMock).toHaveBeenCalledWith(1);
    expect(screen.getByText('94分')).toBeInTheDocument();
    expect(screen.getByText('A')).toBeInTheDocument();
    expect(screen.getByText('信用扣分 1 次')).toBeInTheDocument();
    // 业委会履职考评: the latest year's grade.
    expect(screen.getByText('2025年度 优秀')).toBeInTheDocument();
    expect(evaluationsMock).toHaveBeenCalledWith(1);
    // A pending house is not (yet) the resident's estate.
    expect(screen.queryByText('阳光新城')).not.toBeInTheDocument();
  });

  it('shows the contract summary: company, grade, fee standards per property type and term', async () => {
    getMeMock.mockResolvedValue(me([house(1, '锦绣花园')]));
    render(<EstateStanding />);
    const card = (await screen.findByText('物业服务合同')).closest('.ov-contract') as HTMLElement;
    expect(within(card).getByText('清河万家物业服务有限公司')).toBeInTheDocument();
    expect(within(card).getByText('二级')).toBeInTheDocument();
    expect(Array.from(card.querySelectorAll('.ov-contract-fee')).map((row) => row.textContent)).toEqual(['住宅物业费¥1.80/㎡·月', '商铺物业费¥3.50/㎡·月']);
    expect(within(card).getByText('2024-01-01 至 2026-12-31')).toBeInTheDocument();
  });

  it('shows no contract card while no contract is in force', async () => {
    getMeMock.mockResolvedValue(me([house(1, '锦绣花园')]));
    communityMock.mockResolvedValue({ ...JINXIU, company: null, contract: null });
    render(<EstateStanding />);
    expect(await screen.findByText('本小区目前没有在管的物业服务企业。')).toBeInTheDocument();
    expect(screen.queryByText('物业服务合同')).not.toBeInTheDocument();
  });

  it('without an approved house it explains how to get there and asks the API nothing', async () => {
    getMeMock.mockResolvedValue(me([house(2, '阳光新城', 'pending')]));

    render(<EstateStanding />);
    expect(await screen.findByText('还没有绑定房屋')).toBeInTheDocument();
    expect(communityMock).not.toHaveBeenCalled();
  });
});
