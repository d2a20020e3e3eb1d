import { fireEvent, render, screen, within } from '@testing-library/react';
import type { AreaOverview, CommunityOverview, CompanyOverview, Metrics, RoleScope } from '@wuye/contracts';
import { chartIn, clickChart } from '../../../../../test/stubs/echarts';
import Taro, { setRouterParams } from '../../../../../test/stubs/taro';
import { ApiError } from '../../../../services/http';
import { getMe } from '../../../../services/me';
import { downloadStatsExport, getAreaOverview, getCompanyOverview } from '../../../../services/oversight';
import { setTokens } from '../../../../services/session';
import { periods } from '../../lib/format';
import OversightOverview from './index';
import { settle, staffMe } from '../../../../../test/support/render';

jest.mock('../../../../services/me');
jest.mock('../../../../services/oversight');
const getMeMock = jest.mocked(getMe);
const overviewMock = jest.mocked(getAreaOverview);
const companiesMock = jest.mocked(getCompanyOverview);
const exportMock = jest.mocked(downloadStatsExport);

const TOWN_REGULATOR: RoleScope = { role: 'regulator', areaId: 2, scopeName: '城关镇' };
const OFFICE: RoleScope = { role: 'community_office', areaId: 3, scopeName: '南门社区' };
const me = (roles: RoleScope[]) => staffMe(3, '城关镇 李主任', roles);

const metrics = (total: number, overdueOpen: number, satisfactionRate: number | null = 0.75): Metrics => ({
  internal: { total: 0, onTimeResponseRate: null, onTimeResolutionRate: null },
  byChannel: [],
  satisfactionSources: { rated: 0, ratedSatisfied: 0, visited: 0, visitedSatisfied: 0, unreachable: 0, pending: 0 },
  total,
  byState: {},
  onTimeResponseRate: 0.8623,
  onTimeResolutionRate: 0.9,
  satisfactionRate,
  reopenRate: 0,
  averageStars: 4,
  overdueOpen,
});

const estate = (id: number, name: string, overdue: number, extra: Partial<CommunityOverview> = {}): CommunityOverview => ({
  id,
  name,
  areaId: 3,
  company: { id: 1, name: '清河万家物业服务有限公司' },
  metrics: metrics(20, overdue),
  disclosureOverdue: 0,
  committee: false,
  stars: undefined,
  shareReach: { groups: 0, openings: 0 },
  starsYear: null,
  committeeGrade: null,
  ...extra,
});

const TOWN: AreaOverview = {
  area: { id: 2, name: '城关镇', level: 'town' },
  from: '2026-01-01',
  to: '2026-11-29',
  freshness: { source: 'rollup', maintained: 'with every ticket change', asOf: '2026-11-29T01:56:49.735Z' },
  metrics: metrics(109, 8),
  byCategory: [
    { code: 'noise', name: '噪音扰民', count: 45 },
    { code: 'elevator', name: '电梯', count: 15 },
  ],
  children: [
    { id: 3, name: '南门社区', level: 'community_office', metrics: metrics(60, 5), communities: 2, disclosureOverdue: 0, committees: 1 },
    { id: 4, name: '北关社区', level: 'community_office', metrics: metrics(49, 3), communities: 2, disclosureOverdue: 0, committees: 0 },
  ],
  communities: [estate(1, '锦绣花园', 2, { committee: true, stars: 5, starsYear: 2025, committeeGrade: { year: 2025, grade: 'excellent', gradeLabel: '优秀' } }), estate(2, '阳光新城', 3, { stars: null, starsYear: 2026 })],
  committees: { total: 2, inPlace: 1 },
  stars: { '1': 0, '2': 0, '3': 0, '4': 0, '5': 1, unrated: 1, none: 0 },
  committeeGrades: { excellent: 1, good: 0, pass: 0, fail: 0, none: 1 },
};

const COMPANY: CompanyOverview = {
  id: 1,
  name: '清河万家物业服务有限公司',
  communities: 2,
  metrics: metrics(40, 5),
  credit: { companyId: 1, score: 94, grade: 'A', last12Months: { interview: 0, criticism: 0, points: 1, manager_dismissed: 0, project_withdrawn: 0 }, deductedByKind: { interview: 0, criticism: 0, points: 6, manager_dismissed: 0, project_withdrawn: 0 }, pointsDeducted: 6 },
};

beforeEach(() => {
  setTokens({ accessToken: 'access', refreshToken: 'refresh' });
  overviewMock.mockResolvedValue(TOWN);
  companiesMock.mockResolvedValue([COMPANY]);
});

describe('监管统计 overview', () => {
  it('opens the regulator’s own area for this year and shows what the API scoped it to, with its freshness', async () => {
    getMeMock.mockResolvedValue(me([TOWN_REGULATOR]));
    const year = periods().find((p) => p.key === 'year');

    render(<OversightOverview />);

    expect(await screen.findByText('城关镇')).toBeInTheDocument();
    expect(overviewMock).toHaveBeenCalledWith(2, year?.from, year?.to);
    expect(screen.getByText(/数据更新于 2026-11-29 09:56/)).toBeInTheDocument();
    // One level down: the offices of the town, as the API answered them, and only those.
    const children = Array.from(document.querySelectorAll('.ov-child-name')).map((el) => el.textContent);
    expect(children).toEqual(['南门社区', '北关社区']);
    // Estates with the most overdue tickets first.
    const estates = Array.from(document.querySelectorAll('.ov-community-name')).map((el) => el.firstChild?.textContent);
    expect(estates).toEqual(['阳光新城', '锦绣花园']);
    // Each card's rating says its year, as the estate's own page does.
    expect(Array.from(document.querySelectorAll('.ov-community-rating')).map((el) => el.textContent)).toEqual(['2026年度 不定星', '2025年度 ★★★★★ 5星']);
    // 业委会履职考评: the latest grade where there is one, and the grades counted over the area.
    expect(Array.from(document.querySelectorAll('.ov-community-committee-grade')).map((el) => el.textContent)).toEqual(['2025年度考评 优秀']);
    const grades = chartIn(document.querySelector('.ov-chart-committee-grades') as HTMLElement).option as { series: Array<{ data: Array<{ value: number }> }> };
    expect(grades.series[0].data.map((d) => d.value)).toEqual([1, 0, 0, 0, 1]);
    expect(within(document.querySelector('.ov-tile-overdue') as HTMLElement).getByText('8')).toBeInTheDocument();
    expect(within(document.querySelector('.ov-companies') as HTMLElement).getByText(/信用 A · 94分/)).toBeInTheDocument();
    // Regulators rate and record credit; the 督办 queue is the offices' work.
    expect(screen.queryByText('督办队列')).not.toBeInTheDocument();
    expect(screen.queryByText('职责冲突')).not.toBeInTheDocument();
  });

  it('charts the overdue tickets of each office with ECharts; a bar, or its row under the chart, drills down', async () => {
    getMeMock.mockResolvedValue(me([TOWN_REGULATOR]));
    const navigate = jest.spyOn(Taro, 'navigateTo');

    render(<OversightOverview />);
    const card = (await screen.findByText('各社区（村）逾期未办工单')).closest('.ov-chart') as HTMLElement;
    const option = chartIn(card).option as { series: Array<{ data: Array<{ name: string; value: number }> }> };
    expect(option.series[0].data.map((d) => [d.name, d.value])).toEqual([
      ['南门社区', 5],
      ['北关社区', 3],
    ]);
    expect(within(card).getByText('5 / 共 60')).toBeInTheDocument();

    clickChart(chartIn(card), { componentType: 'series', dataIndex: 1 });
    expect(navigate).toHaveBeenLastCalledWith({ url: '/packages/oversight/pages/index/index?areaId=4' });

    fireEvent.click(within(card).getByText('南门社区'));
    expect(navigate).toHaveBeenLastCalledWith({ url: '/packages/oversight/pages/index/index?areaId=3' });
  });

  it('an estate’s satisfaction bar opens its tickets; categories and stars are charted without drill-down', async () => {
    getMeMock.mockResolvedValue(me([TOWN_REGULATOR]));
    const navigate = jest.spyOn(Taro, 'navigateTo');

    render(<OversightOverview />);
    const satisfaction = (await screen.findByText('各小区满意率')).closest('.ov-chart') as HTMLElement;
    clickChart(chartIn(satisfaction), { componentType: 'series', dataIndex: 1 });
    expect(navigate).toHaveBeenLastCalledWith({ url: `/packages/oversight/pages/community/index?communityId=2&name=${encodeURIComponent('阳光新城')}` });

    const categories = chartIn(document.querySelector('.ov-chart-categories') as HTMLElement).option as { series: Array<{ data: Array<{ value: number }> }> };
    expect(categories.series[0].data.map((d) => d.value)).toEqual([45, 15]);
    const stars = chartIn(document.querySelector('.ov-chart-stars') as HTMLElement);
    clickChart(stars, { componentType: 'series', dataIndex: 0 });
    expect(navigate).toHaveBeenCalledTimes(1);
  });

  it('drills down: an area opens the same page one level lower, an estate opens its tickets', async () => {
    getMeMock.mockResolvedValue(me([TOWN_REGULATOR]));
    const navigate = jest.spyOn(Taro, 'navigateTo');

    render(<OversightOverview />);
    fireEvent.click(await screen.findByText('南门社区', { selector: '.ov-child-name' }));
    expect(navigate).toHaveBeenLastCalledWith({ url: '/packages/oversight/pages/index/index?areaId=3' });

    fireEvent.click(screen.getByText('阳光新城', { selector: '.ov-community-name' }));
    expect(navigate).toHaveBeenLastCalledWith({ url: `/packages/oversight/pages/community/index?communityId=2&name=${encodeURIComponent('阳光新城')}` });
  });

  it('opened for a lower area (drill-down) it asks for that area, and another period asks again', async () => {
    getMeMock.mockResolvedValue(me([TOWN_REGULATOR]));
    setRouterParams({ areaId: '3' });
    const lastYear = periods().find((p) => p.key === 'lastYear');

    render(<OversightOverview />);
    await screen.findByText('城关镇');
    expect(overviewMock).toHaveBeenLastCalledWith(3, expect.any(String), expect.any(String));

    fireEvent.click(screen.getByText('去年'));
    await settle();
    expect(overviewMock).toHaveBeenLastCalledWith(3, lastYear?.from, lastYear?.to);
  });

  it('an office sees the 督办 queue entry', async () => {
    getMeMock.mockResolvedValue(me([OFFICE]));
    const navigate = jest.spyOn(Taro, 'navigateTo');

    render(<OversightOverview />);
    fireEvent.click(await screen.findByText('督办队列'));
    expect(overviewMock).toHaveBeenCalledWith(3, expect.any(String), expect.any(String));
    expect(navigate).toHaveBeenLastCalledWith({ url: '/packages/oversight/pages/escalations/index' });
    // The office seats the committees: it sees who sits on both sides of its estates.
    fireEvent.click(screen.getByText('职责冲突'));
    expect(navigate).toHaveBeenLastCalledWith({ url: '/packages/work/pages/conflicts/index' });
  });

  it('导出 Excel downloads the figures of the area and period shown; a failure says why', async () => {
    getMeMock.mockResolvedValue(me([TOWN_REGULATOR]));
    const toast = jest.spyOn(Taro, 'showToast');
    exportMock.mockRejectedValueOnce(new ApiError({ statusCode: 404, code: 'NOT_FOUND', message: '请求的内容不存在' }));

    render(<OversightOverview />);
    const button = await screen.findByText('导出 Excel');
    fireEvent.click(button);
    await settle();
    expect(exportMock).toHaveBeenCalledWith(2, '2026-01-01', '2026-11-29', '城关镇');
    expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: '请求的内容不存在' }));

    exportMock.mockResolvedValueOnce();
    fireEvent.click(screen.getByText('导出 Excel'));
    await settle();
    expect(toast).toHaveBeenLastCalledWith(expect.objectContaining({ title: '已导出' }));
  });

  it('an area outside the caller’s scope shows the API’s answer and a retry', async () => {
    getMeMock.mockResolvedValue(me([TOWN_REGULATOR]));
    setRouterParams({ areaId: '8' });
    overviewMock.mockRejectedValueOnce(new ApiError({ statusCode: 404, code: 'NOT_FOUND', message: '请求的内容不存在' }));

    render(<OversightOverview />);
    expect(await screen.findByText('统计没能加载')).toBeInTheDocument();
    expect(screen.getByText('请求的内容不存在')).toBeInTheDocument();

    fireEvent.click(screen.getByText('重试'));
    expect(await screen.findByText('城关镇')).toBeInTheDocument();
  });

  it('someone without an oversight role is told so and nothing is asked of the API', async () => {
    getMeMock.mockResolvedValue(me([{ role: 'resident', communityId: 1, scopeName: '锦绣花园' }]));

    render(<OversightOverview />);
    expect(await screen.findByText('您没有监管权限')).toBeInTheDocument();
    expect(overviewMock).not.toHaveBeenCalled();
  });
});
