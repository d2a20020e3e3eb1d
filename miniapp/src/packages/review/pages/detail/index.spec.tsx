import { fireEvent, render, screen, within } from '@testing-library/react';
import type { DisclosureView, MeView, ReviewView } from '@wuye/contracts';
import Taro, { setRouterParams } from '../../../../../test/stubs/taro';
import { getDisclosure, reviewDisclosure, signOffDisclosure } from '../../../../services/disclosures';
import { ApiError } from '../../../../services/http';
import { getMe } from '../../../../services/me';
import { setTokens } from '../../../../services/session';
import ReviewDetail from './index';
import { settle } from '../../../../../test/support/render';

jest.mock('../../../../services/disclosures');
jest.mock('../../../../services/me');
const getMock = jest.mocked(getDisclosure);
const reviewMock = jest.mocked(reviewDisclosure);
const signOffMock = jest.mocked(signOffDisclosure);
const getMeMock = jest.mocked(getMe);

const member = (role: 'committee' | 'committee_chair'): MeView => ({
  id: 40,
  displayName: role === 'committee' ? '马委员' : '林主任',
  phone: null,
  roles: [{ role, communityId: 1, scopeName: '锦绣花园' }],
  houses: [],
  wechat: false,
});

const review = (over: Partial<ReviewView>): ReviewView => ({
  id: 900,
  lineId: 102,
  reviewer: '马委员',
  decision: 'query',
  comment: '制作成本没有明细',
  answer: null,
  answeredAt: null,
  round: 1,
  createdAt: '2026-11-28T06:00:00.000Z',
  ...over,
});

const VIEW: DisclosureView = {
  id: 5,
  communityId: 1,
  type: 'public_income',
  period: '2026-Q4',
  title: '2026年第4季度公共收益公示',
  state: 'in_review',
  version: 1,
  totals: { totalFen: 1200050, incomeFen: 1200050, costFen: 80000, netFen: 1120050, usedFen: 0, openingBalanceFen: 0, closingBalanceFen: 1120050 },
  publishedAt: null,
  boardUntil: null,
  hash: null,
  openQuestions: 0,
  content: {},
  lines: [
    { id: 101, seq: 1, kind: 'income', item: '电梯轿厢广告', amountFen: 1200050, fields: { category: 'advertising', counterparty: '清河城市传媒有限公司' }, attachmentIds: [], attachments: [], approved: false },
    { id: 102, seq: 2, kind: 'cost', item: '广告制作成本', amountFen: 80000, fields: {}, attachmentIds: [3], attachments: [{ id: 3, url: '/f/3.jpg', thumbnailUrl: '/f/3_t.jpg', kind: 'image' }], approved: false },
  ],
  reviewRound: 1,
  reviews: [],
  questions: [],
  versions: [{ id: 5, version: 1, state: 'in_review', correctionReason: null, publishedAt: null, hash: null }],
  correctionReason: null,
  allocation: null,
  myShares: [],
  can: { edit: false, submit: false, withdraw: false, review: true, signOff: false, correct: false, ask: false, answerReview: false, answerQuestion: false },
  blocked: {},
  rowVersion: 3,
};

const lineCard = (item: string) => screen.getByText(item).closest('.line-card') as HTMLElement;

beforeEach(() => {
  setTokens({ accessToken: 'access', refreshToken: 'refresh' });
  setRouterParams({ id: '5' });
  getMeMock.mockResolvedValue(member('committee'));
  getMock.mockResolvedValue(VIEW);
});

describe('业委会 line-by-line review', () => {
  it('shows each line with its amount and vouchers, and 通过 / 质疑 under each', async () => {
    render(<ReviewDetail />);
    await screen.findByText('广告制作成本');
    expect(within(lineCard('电梯轿厢广告')).getByText('¥12,000.50')).toBeInTheDocument();
    expect(lineCard('广告制作成本').querySelector('.voucher-thumb')).toHaveAttribute('src', 'http://127.0.0.1:3000/f/3_t.jpg');
    expect(within(lineCard('电梯轿厢广告')).getByText('通过')).toBeInTheDocument();
    expect(within(lineCard('广告制作成本')).getByText('质疑')).toBeInTheDocument();
    expect(getMock).toHaveBeenCalledWith(5);
  });

  it('通过 on a line approves that line only; it then shows 已通过 instead of the buttons', async () => {
    const [first, second] = VIEW.lines;
    reviewMock.mockResolvedValue({ ...VIEW, lines: [{ ...first, approved: true }, second], reviews: [review({ id: 901, lineId: 101, decision: 'approve', comment: null })] });
    render(<ReviewDetail />);
    await screen.findByText('电梯轿厢广告');
    fireEvent.click(within(lineCard('电梯轿厢广告')).getByText('通过'));
    await settle();
    expect(reviewMock).toHaveBeenCalledWith(5, { decision: 'approve', lineId: 101 });
    expect(lineCard('电梯轿厢广告').querySelector('.review-decision')?.textContent).toBe('通过');
    expect(within(lineCard('电梯轿厢广告')).getByText('已通过')).toBeInTheDocument();
    expect(within(lineCard('电梯轿厢广告')).queryByText('质疑')).not.toBeInTheDocument();
    expect(within(lineCard('电梯轿厢广告')).queryByRole('button', { name: '通过' })).not.toBeInTheDocument();
    expect(lineCard('广告制作成本').querySelector('.review-entry')).toBeNull();
    expect(within(lineCard('广告制作成本')).getByText('质疑')).toBeInTheDocument();
  });

  it('质疑 needs a comment, then queries that line and shows it waiting for the manager', async () => {
    reviewMock.mockResolvedValue({ ...VIEW, reviews: [review({})], can: { ...VIEW.can, signOff: false } });
    render(<ReviewDetail />);
    await screen.findByText('广告制作成本');
    const card = lineCard('广告制作成本');
    fireEvent.click(within(card).getByText('质疑'));
    fireEvent.click(within(card).getByText('提交质疑'));
    expect(within(card).getByText('请先填写对“广告制作成本”的疑问')).toBeInTheDocument();
    expect(reviewMock).not.toHaveBeenCalled();

    fireEvent.change(card.querySelector('textarea') as HTMLTextAreaElement, { target: { value: '制作成本没有明细' } });
    fireEvent.click(within(card).getByText('提交质疑'));
    await settle();
    expect(reviewMock).toHaveBeenCalledWith(5, { decision: 'query', comment: '制作成本没有明细', lineId: 102 });
    const updated = lineCard('广告制作成本');
    expect(updated.querySelector('.review-decision')?.textContent).toBe('质疑');
    expect(within(updated).getByText(/制作成本没有明细/)).toBeInTheDocument();
    expect(within(updated).getByText('物业尚未回复')).toBeInTheDocument();
  });

  it('a refused review keeps the comment and shows the API message', async () => {
    reviewMock.mockRejectedValue(new ApiError({ statusCode: 409, code: 'ILLEGAL_TRANSITION', message: '该公示尚未提交审核' }));
    render(<ReviewDetail />);
    await screen.findByText('广告制作成本');
    const card = lineCard('广告制作成本');
    fireEvent.click(within(card).getByText('质疑'));
    fireEvent.change(card.querySelector('textarea') as HTMLTextAreaElement, { target: { value: '请附发票' } });
    fireEvent.click(within(card).getByText('提交质疑'));
    expect(await within(card).findByText('该公示尚未提交审核')).toBeInTheDocument();
    expect(card.querySelector('textarea')).toHaveValue('请附发票');
  });

  it('a committee member who is not the chair has no sign-off', async () => {
    render(<ReviewDetail />);
    await screen.findByText('广告制作成本');
    expect(screen.queryByText('签发公示')).not.toBeInTheDocument();
  });

  it('the chair signs off after confirming; the disclosure shows as published', async () => {
    getMeMock.mockResolvedValue(member('committee_chair'));
    getMock.mockResolvedValue({ ...VIEW, can: { ...VIEW.can, signOff: true } });
    signOffMock.mockResolvedValue({ ...VIEW, state: 'published', publishedAt: '2026-11-28T08:00:00.000Z', can: { ...VIEW.can, review: false, signOff: false } });
    const modal = jest.spyOn(Taro, 'showModal');
    render(<ReviewDetail />);
    fireEvent.click(await screen.findByText('签发公示'));
    await settle();
    expect(modal).toHaveBeenCalledWith(expect.objectContaining({ title: '签发公示' }));
    expect(signOffMock).toHaveBeenCalledWith(5);
    expect(screen.getByText('已签发公示')).toBeInTheDocument();
    expect(document.querySelector('.detail-state')?.textContent).toBe('已公示');
    expect(screen.queryByText('通过')).not.toBeInTheDocument();
  });

  it('while a query is open, the chair reads why before pressing, and the button stays disabled', async () => {
    getMeMock.mockResolvedValue(member('committee_chair'));
    getMock.mockResolvedValue({ ...VIEW, reviews: [review({})], blocked: { signOff: '还有 1 条质疑未回复，不能签发' } });
    render(<ReviewDetail />);
    expect(await screen.findByText('还有 1 条质疑未回复，不能签发')).toBeInTheDocument();
    fireEvent.click(screen.getByText('签发公示'));
    await settle();
    expect(signOffMock).not.toHaveBeenCalled();
  });

  it('when the API refuses the sign-off anyway (a query just came in), the chair reads its reason', async () => {
    getMeMock.mockResolvedValue(member('committee_chair'));
    getMock.mockResolvedValue({ ...VIEW, can: { ...VIEW.can, signOff: true } });
    signOffMock.mockRejectedValue(new ApiError({ statusCode: 409, code: 'OPEN_QUERIES', message: '还有 1 条质疑未回复，不能签发' }));
    render(<ReviewDetail />);
    expect(await screen.findByText('本轮没有未回复的质疑，可以签发。')).toBeInTheDocument();
    fireEvent.click(screen.getByText('签发公示'));
    expect(await screen.findByText('还有 1 条质疑未回复，不能签发')).toBeInTheDocument();
    expect(document.querySelector('.detail-state')?.textContent).toBe('业委会审核中');
  });
});
