import { fireEvent, render, screen, within } from '@testing-library/react';
import { latestRating, shanghaiDate, type StarRatingsView, type StarRatingView } from '@wuye/contracts';
import { setRouterParams } from '../../../../../test/stubs/taro';
import { ApiError } from '../../../../services/http';
import { getStarRatings, rateCommunity } from '../../../../services/oversight';
import { setTokens } from '../../../../services/session';
import StarRatingForm from './index';
import { settle } from '../../../../../test/support/render';

jest.mock('../../../../services/oversight');
const ratingsMock = jest.mocked(getStarRatings);
const rateMock = jest.mocked(rateCommunity);

const lastYear = Number(shanghaiDate().slice(0, 4)) - 1;

const rating = (id: number, year: number, stars: number | null, reason: string, version = 1, changeReason: string | null = null): StarRatingView => ({
  id,
  year,
  version,
  stars,
  reason,
  changeReason,
  ratedBy: '县住建局 王科长',
  issuingArea: '清河县',
  ratedAt: `${year + 1}-01-20T02:00:00.000Z`,
  indicators: {},
});

const answer = (history: StarRatingView[], year = lastYear, first = 2020): StarRatingsView => ({
  current: history.filter((r) => r.year === year).sort((a, b) => b.version - a.version)[0] ?? null,
  history,
  latest: latestRating(history),
  indicators: { year, tickets: 27, satisfactionRate: 0.75, onTimeResponseRate: 0.8636, onTimeResolutionRate: 0.9375, disclosureComplianceRate: 1, overdueOpen: 2, inspections: 2, inspectionAverageScore: 86.5, rectificationsIssued: 3, rectificationsClosed: 1, rectificationsOverdue: 1, patrolCompletionRate: 0.9, surveyScore: 4.26, surveyAnswers: 38 },
  years: { first, last: lastYear + 1 },
  can: { rate: true },
});

const reasonField = () => document.querySelector('.ov-rating-reason') as HTMLElement;
const submit = () => fireEvent.click(screen.getByText('提交评定'));

beforeEach(() => {
  setTokens({ accessToken: 'access', refreshToken: 'refresh' });
  setRouterParams({ communityId: '1', name: encodeURIComponent('锦绣花园') });
  ratingsMock.mockResolvedValue(answer([]));
});

describe('星级评定 form', () => {
  it('shows the system’s indicators of the year beside the form', async () => {
    render(<StarRatingForm />);

    const indicators = (await screen.findByText(`${lastYear}年度 系统指标`)).closest('.ov-indicators') as HTMLElement;
    expect(ratingsMock).toHaveBeenCalledWith(1, lastYear);
    expect(within(indicators.querySelector('.ov-indicator-satisfaction') as HTMLElement).getByText('75.0%')).toBeInTheDocument();
    expect(within(indicators.querySelector('.ov-indicator-resolution') as HTMLElement).getByText('93.8%')).toBeInTheDocument();
    expect(within(indicators.querySelector('.ov-indicator-disclosure') as HTMLElement).getByText('100.0%')).toBeInTheDocument();
    expect(within(indicators.querySelector('.ov-indicator-overdue') as HTMLElement).getByText('2')).toBeInTheDocument();
    expect(within(indicators.querySelector('.ov-indicator-survey') as HTMLElement).getByText('4.26 分 · 38 户作答')).toBeInTheDocument();
    // 动态监管 beside the form: inspections, their average score, orders put right and overdue.
    expect(within(indicators.querySelector('.ov-indicator-inspections') as HTMLElement).getByText('2 次 · 平均 86.5 分')).toBeInTheDocument();
    expect(within(indicators.querySelector('.ov-indicator-patrols') as HTMLElement).getByText('90.0%')).toBeInTheDocument();
    expect(within(indicators.querySelector('.ov-indicator-rectifications') as HTMLElement).getByText('3 项 · 已销号 1 · 逾期 1')).toBeInTheDocument();
    expect(screen.getByText('锦绣花园 星级评定')).toBeInTheDocument();
  });

  it('不定星 needs a reason: nothing is sent without one, then it is sent as stars null', async () => {
    rateMock.mockResolvedValue(rating(9, lastYear, null, '年内更换物业服务企业'));
    render(<StarRatingForm />);
    await screen.findByText('提交评定');

    submit();
    expect(screen.getByText('请选择星级，或选择不定星')).toBeInTheDocument();

    fireEvent.click(screen.getByText('不定星'));
    expect(screen.getByText('不定星原因（必填）')).toBeInTheDocument();
    submit();
    expect(screen.getByText('不定星须填写原因')).toBeInTheDocument();
    fireEvent.change(reasonField(), { target: { value: '   ' } });
    submit();
    expect(screen.getByText('不定星须填写原因')).toBeInTheDocument();
    expect(rateMock).not.toHaveBeenCalled();

    ratingsMock.mockResolvedValue(answer([rating(9, lastYear, null, '年内更换物业服务企业')]));
    fireEvent.change(reasonField(), { target: { value: ' 年内更换物业服务企业 ' } });
    submit();
    await settle();

    expect(rateMock).toHaveBeenCalledWith(1, { year: lastYear, stars: null, reason: '年内更换物业服务企业' });
    // The history now holds it, and the year's current rating says so.
    const history = document.querySelector('.ov-rating-history') as HTMLElement;
    expect(within(history).getByText('年内更换物业服务企业')).toBeInTheDocument();
    expect(within(history).getByText('不定星')).toBeInTheDocument();
    expect(screen.getByText(/当前：不定星/)).toBeInTheDocument();
  });

  it('a star rating needs its grounds too, and sends the stars chosen for the year chosen', async () => {
    rateMock.mockResolvedValue(rating(10, lastYear + 1, 4, '服务规范'));
    render(<StarRatingForm />);
    await screen.findByText('提交评定');

    fireEvent.click(screen.getByText(`${lastYear + 1}年度`));
    await settle();
    expect(ratingsMock).toHaveBeenLastCalledWith(1, lastYear + 1);

    fireEvent.click(screen.getByText('4星'));
    submit();
    expect(screen.getByText('请填写评定理由')).toBeInTheDocument();
    expect(rateMock).not.toHaveBeenCalled();

    fireEvent.change(reasonField(), { target: { value: '服务规范' } });
    submit();
    await settle();
    expect(rateMock).toHaveBeenCalledWith(1, { year: lastYear + 1, stars: 4, reason: '服务规范' });
  });

  it('a refusal of the API is shown in its words and the form keeps what was typed', async () => {
    rateMock.mockRejectedValue(new ApiError({ statusCode: 422, code: 'VALIDATION_FAILED', message: '不能为将来的年度评星' }));
    render(<StarRatingForm />);
    await screen.findByText('提交评定');

    fireEvent.click(screen.getByText('5星'));
    fireEvent.change(reasonField(), { target: { value: '服务规范，业主满意度高' } });
    submit();
    await settle();

    expect(screen.getByText('不能为将来的年度评星')).toBeInTheDocument();
    expect(reasonField()).toHaveValue('服务规范，业主满意度高');
  });

  it('lists the history, newest first, with who rated and when', async () => {
    ratingsMock.mockResolvedValue(answer([rating(2, lastYear, 4, '复评：服务规范'), rating(1, lastYear - 1, 3, '维修响应偏慢')]));
    render(<StarRatingForm />);

    await screen.findByText('复评：服务规范');
    const items = Array.from(document.querySelectorAll('.ov-history-item'));
    expect(items.map((el) => el.querySelector('.ov-row-title')?.textContent)).toEqual([`${lastYear}年度 第1版 ★★★★☆ 4星`, `${lastYear - 1}年度 第1版 ★★★☆☆ 3星`]);
    expect(items.map((el) => el.querySelector('.wrap-text')?.textContent)).toEqual(['复评：服务规范', '维修响应偏慢']);
    expect(items.map((el) => el.querySelector('.muted')?.textContent)).toEqual([`清河县 县住建局 王科长 · ${lastYear + 1}-01-20 10:00`, `清河县 县住建局 王科长 · ${lastYear}-01-20 10:00`]);
  });

  it('changing the year’s rating: the button says a reason is needed before it is pressed, then sends the version it changes', async () => {
    ratingsMock.mockResolvedValue(answer([rating(4, lastYear, 4, '服务规范')]));
    rateMock.mockResolvedValue(rating(5, lastYear, 3, '维修响应偏慢', 2, '复核投诉记录后下调'));
    render(<StarRatingForm />);

    expect(await screen.findByText(/当前：★★★★☆ 4星（第1版/)).toBeInTheDocument();
    const button = screen.getByText('提交修改');
    expect(button).toBeDisabled();
    expect(screen.getByText('修改已有的评定须填写修改原因')).toBeInTheDocument();

    fireEvent.click(screen.getByText('3星'));
    fireEvent.change(reasonField(), { target: { value: '维修响应偏慢' } });
    fireEvent.change(document.querySelector('.ov-rating-change-reason') as HTMLElement, { target: { value: ' 复核投诉记录后下调 ' } });
    expect(button).not.toBeDisabled();
    expect(screen.queryByText('修改已有的评定须填写修改原因')).not.toBeInTheDocument();
    fireEvent.click(button);
    await settle();

    expect(rateMock).toHaveBeenCalledWith(1, { year: lastYear, stars: 3, reason: '维修响应偏慢', baseVersion: 1, changeReason: '复核投诉记录后下调' });
  });

  it('shows every version with the reason it was changed', async () => {
    ratingsMock.mockResolvedValue(answer([rating(5, lastYear, 3, '维修响应偏慢', 2, '复核投诉记录后下调'), rating(4, lastYear, 4, '服务规范')]));
    render(<StarRatingForm />);

    await screen.findByText('修改原因：复核投诉记录后下调');
    expect(Array.from(document.querySelectorAll('.ov-history-item .ov-row-title')).map((el) => el.textContent)).toEqual([`${lastYear}年度 第2版 ★★★☆☆ 3星`, `${lastYear}年度 第1版 ★★★★☆ 4星`]);
    expect(screen.getByText(/第2版，清河县/)).toBeInTheDocument();
  });

  it('offers only the years the estate may be rated for, and no form to those who may not rate', async () => {
    ratingsMock.mockResolvedValue({ ...answer([], lastYear, lastYear), can: { rate: false } });
    render(<StarRatingForm />);

    await screen.findByText(`可评定 ${lastYear}–${lastYear + 1} 年度（小区有物业服务的年度，且不晚于今年）。`);
    expect(Array.from(document.querySelectorAll('.ov-year')).map((el) => el.textContent)).toEqual([`${lastYear + 1}年度`, `${lastYear}年度`]);
    expect(screen.queryByText('提交评定')).not.toBeInTheDocument();
  });
});
