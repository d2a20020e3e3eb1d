import { fireEvent, render, screen, within } from '@testing-library/react';
import type { DisclosureView, MeView } from '@wuye/contracts';
import Taro, { setRouterParams, triggerDidShow } from '../../../../../test/stubs/taro';
import { askQuestion, correctDisclosure, getChain, getDisclosure, verifyChain } from '../../../../services/disclosures';
import { ApiError } from '../../../../services/http';
import { getMe } from '../../../../services/me';
import { setTokens } from '../../../../services/session';
import DisclosureDetail from './index';
import { settle } from '../../../../../test/support/render';

jest.mock('../../../../services/disclosures');
jest.mock('../../../../services/me');
const getMock = jest.mocked(getDisclosure);
const askMock = jest.mocked(askQuestion);

const RESIDENT: MeView = { id: 30, displayName: '张阿姨', phone: null, roles: [{ role: 'resident', communityId: 1, scopeName: '锦绣花园' }], houses: [], wechat: false };

const SHARED: DisclosureView = {
  id: 61,
  communityId: 1,
  type: 'shared_cost',
  period: '2026-10',
  title: '2026年10月公共能耗分摊公示',
  state: 'published',
  version: 2,
  totals: { totalFen: 2500000 },
  publishedAt: '2026-11-08T02:00:00.000Z',
  boardUntil: '2026-12-08T02:00:00.000Z',
  hash: 'e'.repeat(64),
  openQuestions: 0,
  content: { method: 'area', note: '按建筑面积分摊' },
  lines: [{ id: 301, seq: 1, kind: 'meter', item: '公共照明及电梯用电', amountFen: 2500000, fields: { meterKind: 'electricity', quantity: 38461, unit: 'kWh' }, attachmentIds: [], attachments: [], approved: false }],
  reviewRound: 1,
  reviews: [],
  questions: [
    { id: 5, lineId: null, asker: '5栋租户', text: '电费单价是多少？', answer: '0.65 元/kWh', answeredAt: '2026-11-10T02:00:00.000Z', dueAt: '2026-11-19T02:00:00.000Z', overdue: false, meetingNote: null, createdAt: '2026-11-09T02:00:00.000Z' },
  ],
  versions: [
    { id: 61, version: 2, state: 'published', correctionReason: '电表读数抄错，更正用电量', publishedAt: '2026-11-08T02:00:00.000Z', hash: 'e'.repeat(64) },
    { id: 55, version: 1, state: 'superseded', correctionReason: null, publishedAt: '2026-11-05T02:00:00.000Z', hash: 'd'.repeat(64) },
  ],
  correctionReason: '电表读数抄错，更正用电量',
  allocation: { method: 'area', buildings: ['1栋', '3栋'], houses: 240, weightTotal: 2475000 },
  myShares: [{ houseId: 9, house: '3栋1单元1201', shareFen: 24937, basis: '建筑面积 98.50㎡' }],
  can: { edit: false, submit: false, withdraw: false, review: false, signOff: false, correct: false, ask: true, answerReview: false, answerQuestion: false },
  blocked: {},
  rowVersion: 2,
};

beforeEach(() => {
  setTokens({ accessToken: 'access', refreshToken: 'refresh' });
  setRouterParams({ id: '61' });
  jest.mocked(getMe).mockResolvedValue(RESIDENT);
  jest.mocked(verifyChain).mockResolvedValue({ valid: true, checked: 12 });
  jest.mocked(getChain).mockResolvedValue([]);
  getMock.mockResolvedValue(SHARED);
});

describe('公示详情 for a resident', () => {
  it('shows totals, only my own share, the meter line, and the badge', async () => {
    render(<DisclosureDetail />);
    expect(await screen.findByText('2026年10月公共能耗分摊公示')).toBeInTheDocument();
    expect(document.querySelector('.total-totalFen .total-value')?.textContent).toBe('¥25,000.00');
    const share = document.querySelector('.detail-my-share') as HTMLElement;
    expect(within(share).getByText('3栋1单元1201')).toBeInTheDocument();
    expect(within(share).getByText('¥249.37')).toBeInTheDocument();
    expect(within(share).getByText('建筑面积 98.50㎡')).toBeInTheDocument();
    // How the whole was shared, without naming anyone else's house: ¥25,000.00 over 24,750.00 m² is ¥1.01 a m².
    const allocation = document.querySelector('.detail-allocation') as HTMLElement;
    expect(Array.from(allocation.querySelectorAll('.kv-row')).map((r) => r.textContent)).toEqual([
      '分摊方式按建筑面积分摊',
      '分摊范围1栋、3栋',
      '参与分摊240 户',
      '建筑面积合计24750.00㎡',
      '每平方米约 ¥1.01',
    ]);
    const line = screen.getByText('公共照明及电梯用电').closest('.line-card') as HTMLElement;
    expect(within(line).getByText('电')).toBeInTheDocument();
    expect(within(line).getByText('38461')).toBeInTheDocument();
    expect(await screen.findByText('✓ 未被篡改')).toBeInTheDocument();
    expect(screen.getByText(/2026-11-08 公示，公告栏展示至 2026-12-08/)).toBeInTheDocument();
  });

  it('leads with the money; the tamper check is a small badge, and hashes and rounding wait behind 如何核验', async () => {
    render(<DisclosureDetail />);
    await screen.findByText('✓ 未被篡改');
    const order = Array.from(document.querySelectorAll('.detail-totals, .detail-my-share, .chain-badge, .line-card')).map((el) => el.className.split(' ').find((c) => /^(detail-totals|detail-my-share|chain-badge|line-card)$/.test(c)));
    expect(order).toEqual(['detail-totals', 'detail-my-share', 'chain-badge', 'line-card']);
    expect(document.body.textContent).not.toMatch(/SHA-256|最大余额法|哈希/);
    fireEvent.click(screen.getByText('如何核验'));
    expect(document.body.textContent).toMatch(/SHA-256/);
    expect(document.body.textContent).toMatch(/最大余额法/);
  });

  it('a correction shows its reason and leads to the superseded version', async () => {
    const navigate = jest.spyOn(Taro, 'navigateTo');
    render(<DisclosureDetail />);
    await screen.findByText('更正公示');
    expect(document.querySelector('.detail-correction')?.textContent).toContain('更正原因：电表读数抄错，更正用电量');
    fireEvent.click(screen.getByText('查看被更正的第 1 版'));
    expect(navigate).toHaveBeenCalledWith({ url: '/packages/disclosures/pages/detail/index?id=55' });
    const versions = Array.from(document.querySelectorAll('.version-row')).map((row) => row.textContent);
    expect(versions[0]).toContain('第 2 版已公示（当前查看）');
    expect(versions[1]).toContain('第 1 版已更正（旧版）');
  });

  it('an outdated version says so and leads to the newest', async () => {
    getMock.mockResolvedValue({ ...SHARED, id: 55, version: 1, state: 'superseded', correctionReason: null, can: { ...SHARED.can } });
    render(<DisclosureDetail />);
    expect(await screen.findByText('这是已被更正的旧版本，仅供查阅。')).toBeInTheDocument();
    expect(screen.getByText('查看最新的第 2 版')).toBeInTheDocument();
  });

  it('asks on a line; the question appears under it waiting for an answer, which shows on return', async () => {
    const asked = { id: 6, lineId: 301, asker: '3栋业主', text: '用电为何比上月多？', answer: null, answeredAt: null, dueAt: '2026-12-09T02:00:00.000Z', overdue: false, meetingNote: null, createdAt: '2026-11-29T02:00:00.000Z' };
    askMock.mockResolvedValue({ ...SHARED, questions: [...SHARED.questions, asked] });
    render(<DisclosureDetail />);
    const line = (await screen.findByText('公共照明及电梯用电')).closest('.line-card') as HTMLElement;
    fireEvent.click(within(line).getByText('就此项提问'));
    fireEvent.change(line.querySelector('textarea') as HTMLTextAreaElement, { target: { value: '用电为何比上月多？' } });
    fireEvent.click(within(line).getByText('提交质询'));
    await settle();
    expect(askMock).toHaveBeenCalledWith(61, '用电为何比上月多？', 301);
    expect(within(line).getByText('用电为何比上月多？')).toBeInTheDocument();
    expect(within(line).getByText('等待物业回复（2026-12-09 前）')).toBeInTheDocument();

    getMock.mockResolvedValue({ ...SHARED, questions: [...SHARED.questions, { ...asked, answer: '十月电梯大修，已单独计费', answeredAt: '2026-11-30T02:00:00.000Z' }] });
    triggerDidShow();
    await settle();
    expect(line.querySelector('.question-answer')?.textContent).toBe('物业回复：十月电梯大修，已单独计费');
    expect(line.querySelector('.question-meeting')).toBeNull();

    // A joint meeting took it up: the question says what it decided.
    getMock.mockResolvedValue({ ...SHARED, questions: [...SHARED.questions, { ...asked, meetingNote: '联席会议定：物业公示用电明细（期限 2026-12-20）' }] });
    triggerDidShow();
    await settle();
    expect(line.querySelector('.question-meeting')?.textContent).toBe('联席会议定：物业公示用电明细（期限 2026-12-20）');
  });

  it('asks with examples that fit a 公摊 disclosure, not another type’s', async () => {
    render(<DisclosureDetail />);
    await screen.findByText('对这份公示提问');
    const placeholder = (document.querySelector('.detail-ask textarea') as HTMLTextAreaElement).placeholder;
    expect(placeholder).toContain('电费');
    expect(placeholder).not.toContain('广告');
  });

  it('a refused question keeps the text and shows the API message', async () => {
    askMock.mockRejectedValue(new ApiError({ statusCode: 422, code: 'CONTENT_RISKY', message: '内容含有不当信息，请修改后再提交' }));
    render(<DisclosureDetail />);
    await screen.findByText('对这份公示提问');
    const form = document.querySelector('.detail-ask') as HTMLElement;
    fireEvent.change(form.querySelector('textarea') as HTMLTextAreaElement, { target: { value: '问一下' } });
    fireEvent.click(within(form).getByText('提交质询'));
    expect(await within(form).findByText('内容含有不当信息，请修改后再提交')).toBeInTheDocument();
    expect(form.querySelector('textarea')).toHaveValue('问一下');
  });

  it('whole-disclosure questions show the masked asker and the answer', async () => {
    render(<DisclosureDetail />);
    const questions = (await screen.findByText('电费单价是多少？')).closest('.question-entry') as HTMLElement;
    expect(questions.querySelector('.entry-who')?.textContent).toMatch(/^5栋租户 · /);
    expect(questions.querySelector('.question-answer')?.textContent).toBe('物业回复：0.65 元/kWh');
  });

  it('a resident is not offered a correction', async () => {
    render(<DisclosureDetail />);
    await screen.findByText('更正公示');
    expect(screen.queryByText('发起更正', { selector: '.card-title' })).not.toBeInTheDocument();
  });

  it('the manager’s correction opens the new version in the editor', async () => {
    getMock.mockResolvedValue({ ...SHARED, can: { ...SHARED.can, ask: false, correct: true, answerReview: true, answerQuestion: true } });
    jest.mocked(correctDisclosure).mockResolvedValue({ ...SHARED, id: 70, version: 3, state: 'draft' });
    const navigate = jest.spyOn(Taro, 'navigateTo');
    render(<DisclosureDetail />);
    const form = (await screen.findByText('更正原因')).closest('.detail-correct-form') as HTMLElement;
    fireEvent.change(form.querySelector('textarea') as HTMLTextAreaElement, { target: { value: '水表读数有误' } });
    fireEvent.click(within(form).getByText('发起更正'));
    await settle();
    expect(jest.mocked(correctDisclosure)).toHaveBeenCalledWith(61, '水表读数有误');
    expect(navigate).toHaveBeenCalledWith({ url: '/packages/disclosures/pages/edit/index?id=70' });
  });
});

describe('公示详情 of a vote result', () => {
  it('shows the result by option and the paper ballots counted, with no empty 明细 and no export', async () => {
    const tally = {
      totalAreaCenti: 60000,
      totalHeads: 6,
      participatingAreaCenti: 40000,
      participatingHeads: 4,
      ballots: 4,
      quorum: true,
      threshold: '1/2' as const,
      options: [
        { option: '同意', areaCenti: 30000, heads: 3, passed: true },
        { option: '反对', areaCenti: 10000, heads: 1, passed: false },
        { option: '弃权', areaCenti: 0, heads: 0, passed: false },
      ],
      passedOption: 0,
      paperCounted: 1,
      paperUnconfirmed: 1,
    };
    getMock.mockResolvedValue({
      ...SHARED,
      type: 'vote_result',
      title: '表决结果：关于调整物业费的表决',
      totals: { totalFen: 0 },
      content: { note: '调整物业费。通过：同意' },
      lines: [],
      questions: [],
      versions: [],
      correctionReason: null,
      allocation: null,
      myShares: [],
      vote: { voteId: 5, matter: 'fee_change', title: '关于调整物业费的表决', options: ['同意', '反对', '弃权'], openedAt: '2026-11-01T02:00:00.000Z', closedAt: '2026-11-08T02:00:00.000Z', tally },
    });
    render(<DisclosureDetail />);
    expect(await screen.findByText('通过：同意')).toBeInTheDocument();
    expect(Array.from(document.querySelectorAll('.detail-vote-option')).map((r) => r.textContent)).toEqual(['同意3 人 · 300.00㎡', '反对1 人 · 100.00㎡', '弃权0 人 · 0.00㎡']);
    expect(document.querySelector('.detail-vote-paper')?.textContent).toBe('计入纸质选票 1 张（经社区确认）；1 张截止时未经社区确认，未计入');
    await screen.findByText('✓ 未被篡改');
    expect(document.body.textContent).not.toContain('明细（0 项）');
    expect(document.querySelector('.detail-export')).toBeNull();
  });
});
