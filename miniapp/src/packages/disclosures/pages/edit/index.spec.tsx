import { fireEvent, render, screen, within } from '@testing-library/react';
import type { DisclosureView, MeView } from '@wuye/contracts';
import Taro, { setRouterParams } from '../../../../../test/stubs/taro';
import { answerReview, createDisclosure, getDisclosure, submitDisclosure, updateDisclosure, withdrawDisclosure } from '../../../../services/disclosures';
import { listBuildings, listHouses } from '../../../../services/directory';
import { ApiError } from '../../../../services/http';
import { getMe } from '../../../../services/me';
import { setTokens } from '../../../../services/session';
import DisclosureEdit from './index';
import { settle } from '../../../../../test/support/render';

jest.mock('../../../../services/disclosures', () => ({ ...jest.requireActual('../../../../services/disclosures'), createDisclosure: jest.fn(), getDisclosure: jest.fn(), updateDisclosure: jest.fn(), submitDisclosure: jest.fn(), withdrawDisclosure: jest.fn(), answerReview: jest.fn() }));
jest.mock('../../../../services/me');
jest.mock('../../../../services/directory');
const createMock = jest.mocked(createDisclosure);
const getMock = jest.mocked(getDisclosure);

const MANAGER: MeView = { id: 8, displayName: '陈经理', phone: null, roles: [{ role: 'manager', communityId: 1, companyId: 1, scopeName: '锦绣花园' }], houses: [], wechat: false };

const SAVED: DisclosureView = {
  id: 50,
  communityId: 1,
  type: 'public_income',
  period: '2026-Q4',
  title: '2026年第4季度公共收益公示',
  state: 'in_review',
  version: 1,
  totals: { totalFen: 29, incomeFen: 29, costFen: 0, netFen: 29, usedFen: 0, openingBalanceFen: 0, closingBalanceFen: 29 },
  publishedAt: null,
  boardUntil: null,
  hash: null,
  openQuestions: 0,
  content: { openingBalanceFen: 0 },
  lines: [
    { id: 201, seq: 1, kind: 'income', item: '电梯广告', amountFen: 29, fields: { category: 'advertising', counterparty: '清河传媒' }, attachmentIds: [], attachments: [], approved: false },
    { id: 202, seq: 2, kind: 'cost', item: '制作成本', amountFen: 113, fields: {}, attachmentIds: [9], attachments: [{ id: 9, url: '/f/9.pdf', thumbnailUrl: null, kind: 'pdf' }], approved: false },
  ],
  reviewRound: 1,
  reviews: [
    { id: 700, lineId: 202, reviewer: '马委员', decision: 'query', comment: '请附发票', answer: null, answeredAt: null, round: 1, createdAt: '2026-11-28T06:00:00.000Z' },
  ],
  questions: [],
  versions: [],
  correctionReason: null,
  allocation: null,
  myShares: [],
  can: { edit: false, submit: false, withdraw: true, review: false, signOff: false, correct: false, ask: false, answerReview: true, answerQuestion: true },
  blocked: {},
  rowVersion: 4,
};

const editors = () => Array.from(document.querySelectorAll('.line-editor')) as HTMLElement[];
const type = (el: Element | null, value: string) => fireEvent.change(el as HTMLInputElement, { target: { value } });
const total = (key: string) => document.querySelector(`.edit-totals .total-${key} .total-value`)?.textContent;

beforeEach(() => {
  setTokens({ accessToken: 'access', refreshToken: 'refresh' });
  jest.mocked(getMe).mockResolvedValue(MANAGER);
  setRouterParams({ communityId: '1' });
});

describe('draft editor', () => {
  it('adds and removes lines with the totals in yuan recomputed as the manager types', async () => {
    render(<DisclosureEdit />);
    await screen.findByText('公示类别');
    fireEvent.click(screen.getByText('公共收益'));
    type(editors()[0].querySelector('.line-amount-input'), '0.1');
    expect(within(editors()[0]).getByText('即 ¥0.10')).toBeInTheDocument();
    fireEvent.click(screen.getByText('＋ 添加一项'));
    type(editors()[1].querySelector('.line-amount-input'), '0.2');
    expect(total('incomeFen')).toBe('¥0.30');

    fireEvent.click(screen.getByText('＋ 添加一项'));
    fireEvent.click(within(editors()[2]).getByText('成本'));
    type(editors()[2].querySelector('.line-amount-input'), '1,000.05');
    expect(total('costFen')).toBe('¥1,000.05');
    expect(total('netFen')).toBe('-¥999.75');

    type(document.querySelector('.edit-opening-input'), '5000');
    expect(total('closingBalanceFen')).toBe('¥4,000.25');

    fireEvent.click(within(editors()[0]).getByText('删除此项'));
    expect(editors()).toHaveLength(2);
    expect(total('incomeFen')).toBe('¥0.20');

    type(editors()[0].querySelector('.line-amount-input'), '3.999');
    expect(within(editors()[0]).getByText('金额最多两位小数（到分）')).toBeInTheDocument();
    expect(total('incomeFen')).toBe('¥0.00');
  });

  it('saves exact fen and names the line to fix before sending anything', async () => {
    createMock.mockResolvedValue({ ...SAVED, state: 'draft', reviews: [], can: { ...SAVED.can, edit: true, submit: true, withdraw: false } });
    render(<DisclosureEdit />);
    await screen.findByText('公示类别');
    const [first] = editors();
    type(first.querySelector('.line-item-input'), '电梯广告');
    type(first.querySelector('.line-amount-input'), '0.29');
    fireEvent.click(screen.getByText('保存草稿'));
    expect(await screen.findByText('第 1 项：收益类别不能为空')).toBeInTheDocument();
    expect(createMock).not.toHaveBeenCalled();

    fireEvent.click(within(first).getByText('广告收入'));
    type(first.querySelector('.line-field-counterparty input, .line-field-counterparty .line-field-input'), '清河传媒');
    fireEvent.click(screen.getByText('保存草稿'));
    await settle();
    expect(createMock).toHaveBeenCalledWith(
      expect.objectContaining({
        communityId: 1,
        type: 'public_income',
        lines: [{ kind: 'income', item: '电梯广告', amountFen: 29, fields: { category: 'advertising', counterparty: '清河传媒' }, attachmentIds: [] }],
        content: expect.objectContaining({ openingBalanceFen: 0 }),
      }),
    );
  });

  it('takes the period in words: a chip or typed as 2026年第2季度, never a code, and says what it could not read', async () => {
    createMock.mockResolvedValue({ ...SAVED, state: 'draft', reviews: [], can: { ...SAVED.can, edit: true, submit: true, withdraw: false } });
    render(<DisclosureEdit />);
    await screen.findByText('公示类别');
    const field = document.querySelector('.edit-period-input') as HTMLInputElement;
    // The chosen chip shows in words, as does the hint.
    expect(field.value).toMatch(/^\d{4}年第[1-4]季度$/);
    expect(field.getAttribute('placeholder')).toBe('或填写，如 2026年第3季度、2026年10月');
    const [first] = editors();
    type(first.querySelector('.line-item-input'), '电梯广告');
    type(first.querySelector('.line-amount-input'), '0.29');
    fireEvent.click(within(first).getByText('广告收入'));
    type(first.querySelector('.line-field-counterparty input, .line-field-counterparty .line-field-input'), '清河传媒');

    type(field, '2026年第5季度');
    expect(screen.getByText('期间请写成“2026年第3季度”“2026年10月”或“2026年”')).toBeInTheDocument();
    fireEvent.click(screen.getByText('保存草稿'));
    await settle();
    expect(document.querySelector('.edit-error-message')?.textContent).toBe('期间请写成“2026年第3季度”“2026年10月”或“2026年”');
    expect(createMock).not.toHaveBeenCalled();

    type(field, '2026年第二季度');
    expect(document.body.textContent).not.toMatch(/\d{4}-Q\d/);
    fireEvent.click(screen.getByText('保存草稿'));
    await settle();
    expect(createMock).toHaveBeenCalledWith(expect.objectContaining({ period: '2026-Q2' }));
  });

  it('a fee standard carries its grade, basis and effective date, and prices per unit in fen', async () => {
    createMock.mockResolvedValue({ ...SAVED, type: 'fee_standard', state: 'draft', reviews: [], can: { ...SAVED.can, edit: true, submit: true, withdraw: false } });
    render(<DisclosureEdit />);
    await screen.findByText('公示类别');
    fireEvent.click(screen.getByText('收费标准'));
    type(document.querySelector('.edit-grade-input'), '二级');
    type(document.querySelector('.edit-basis-input'), '物业服务合同');
    type(document.querySelector('.edit-effective-input'), '2027-01-01');
    const [fee] = editors();
    type(fee.querySelector('.line-item-input'), '物业服务费（住宅）');
    type(fee.querySelector('.line-amount-input'), '1.8');
    fireEvent.click(within(fee).getByText('元/㎡·月'));
    expect(document.querySelector('.edit-totals .total-items .total-value')?.textContent).toBe('1 项');
    fireEvent.click(screen.getByText('保存草稿'));
    await settle();
    expect(createMock).toHaveBeenCalledWith(
      expect.objectContaining({
        type: 'fee_standard',
        content: expect.objectContaining({ serviceGrade: '二级', basis: '物业服务合同', effectiveDate: '2027-01-01' }),
        lines: [{ kind: 'fee_item', item: '物业服务费（住宅）', amountFen: 180, fields: { unit: '元/㎡·月' }, attachmentIds: [] }],
      }),
    );
  });

  it('a 服务清单 lists each service of the contract by section with its standard and staffing, and its grade; no money asked', async () => {
    createMock.mockResolvedValue({ ...SAVED, type: 'service_list', state: 'draft', reviews: [], can: { ...SAVED.can, edit: true, submit: true, withdraw: false } });
    render(<DisclosureEdit />);
    await screen.findByText('公示类别');
    fireEvent.click(screen.getByText('服务清单'));
    type(document.querySelector('.edit-grade-input'), '二级');
    expect(document.querySelector('.edit-effective-input')).toBeNull();
    const [service] = editors();
    expect(service.querySelector('.line-amount-input')).toBeNull();
    type(service.querySelector('.line-item-input'), '公共区域清扫保洁');
    fireEvent.click(within(service).getByText('保洁'));
    type(service.querySelector('.line-field-standard .line-field-input'), '每日清扫两次，垃圾日产日清');
    type(service.querySelector('.line-field-staff .line-field-input'), '6');
    expect(document.querySelector('.edit-totals .total-staff .total-value')?.textContent).toBe('6 人');
    fireEvent.click(screen.getByText('保存草稿'));
    await settle();
    expect(createMock).toHaveBeenCalledWith(
      expect.objectContaining({
        type: 'service_list',
        content: expect.objectContaining({ serviceGrade: '二级' }),
        lines: [{ kind: 'service', item: '公共区域清扫保洁', fields: { section: 'cleaning', standard: '每日清扫两次，垃圾日产日清', staff: 6 }, attachmentIds: [] }],
      }),
    );
  });

  it('shows the API refusal when submitting (e.g. a cost without voucher)', async () => {
    setRouterParams({ id: '50' });
    getMock.mockResolvedValue({ ...SAVED, state: 'draft', reviews: [], can: { ...SAVED.can, edit: true, submit: true, withdraw: false } });
    jest.mocked(updateDisclosure).mockResolvedValue({ ...SAVED, state: 'draft', reviews: [], can: { ...SAVED.can, edit: true, submit: true, withdraw: false } });
    jest.mocked(submitDisclosure).mockRejectedValue(new ApiError({ statusCode: 422, code: 'DISCLOSURE_INVALID', message: '公示内容有误：第 2 行请上传凭证（发票、合同或照片）' }));
    render(<DisclosureEdit />);
    fireEvent.click(await screen.findByText('提交业委会审核'));
    expect(await screen.findByText('公示内容有误：第 2 行请上传凭证（发票、合同或照片）')).toBeInTheDocument();
    expect(jest.mocked(updateDisclosure)).toHaveBeenCalledWith(50, expect.objectContaining({ rowVersion: 4 }));
  });

  it('in review: the committee query is shown on its line; the manager answers it and withdraws to revise', async () => {
    setRouterParams({ id: '50' });
    getMock.mockResolvedValue(SAVED);
    jest.mocked(answerReview).mockResolvedValue({ ...SAVED, reviews: [{ ...SAVED.reviews[0], answer: '已补发票', answeredAt: '2026-11-28T07:00:00.000Z' }] });
    jest.mocked(withdrawDisclosure).mockResolvedValue({ ...SAVED, state: 'draft', can: { ...SAVED.can, edit: true, submit: true, withdraw: false } });
    const modal = jest.spyOn(Taro, 'showModal');
    render(<DisclosureEdit />);
    const opinion = (await screen.findByText('第 2 项：制作成本')).closest('.opinion') as HTMLElement;
    expect(within(opinion).getByText(/请附发票/)).toBeInTheDocument();
    type(opinion.querySelector('textarea'), '已补发票');
    fireEvent.click(within(opinion).getByText('回复'));
    await settle();
    expect(jest.mocked(answerReview)).toHaveBeenCalledWith(700, '已补发票');
    expect(document.querySelector('.review-answer')?.textContent).toBe('物业回复：已补发票');
    expect(document.querySelector('.opinion-answer')).toBeNull();

    fireEvent.click(screen.getByText('撤回修改'));
    await settle();
    expect(modal).toHaveBeenCalledWith(expect.objectContaining({ title: '撤回修改' }));
    expect(editors()).toHaveLength(2);
    expect(editors()[1].querySelector('.line-amount-input')).toHaveValue('1.13');
    expect(within(editors()[1]).getByText('PDF 凭证 1')).toBeInTheDocument();
  });
});

describe('shared cost: how it is shared', () => {
  const DRAFT: DisclosureView = {
    ...SAVED,
    id: 60,
    type: 'shared_cost',
    period: '2026-10',
    title: '10月二次供水电费',
    state: 'draft',
    totals: { totalFen: 100000 },
    content: { method: 'area' },
    lines: [{ id: 301, seq: 1, kind: 'meter', item: '二次供水水泵电表', amountFen: 100000, fields: { meterKind: 'electricity', quantity: 800, unit: 'kWh' }, attachmentIds: [], attachments: [], approved: false }],
    reviews: [],
    allocation: { method: 'area', buildings: null, houses: 9, weightTotal: 80000 },
    can: { ...SAVED.can, edit: true, submit: true, withdraw: false },
  };
  const updateMock = jest.mocked(updateDisclosure);
  const chip = (group: string, text: string) => within(document.querySelector(`.${group}`) as HTMLElement).getByText(text);
  const house = (label: string) => screen.getByText(label).closest('.shares-house') as HTMLElement;

  beforeEach(() => {
    setRouterParams({ id: '60' });
    getMock.mockResolvedValue(DRAFT);
    updateMock.mockImplementation(async (_id, input) => ({ ...DRAFT, content: input.content ?? {} }));
    jest.mocked(listBuildings).mockResolvedValue([
      { id: 1, name: '1栋' },
      { id: 3, name: '3栋' },
    ]);
    jest.mocked(listHouses).mockImplementation(async (buildingId) =>
      buildingId === 3
        ? [
            { id: 31, label: '3栋1单元1201', unit: '1单元', floor: 12, number: '1201' },
            { id: 32, label: '3栋1单元1202', unit: '1单元', floor: 12, number: '1202' },
            { id: 33, label: '3栋1单元1301', unit: '1单元', floor: 13, number: '1301' },
          ]
        : [],
    );
  });

  it('buildings that did not load say so, with 重试', async () => {
    jest.mocked(listBuildings).mockRejectedValueOnce(new ApiError({ statusCode: 503, code: 'DB_UNAVAILABLE', message: '服务暂时不可用，请稍后重试' }));
    render(<DisclosureEdit />);
    const failed = (await screen.findByText('服务暂时不可用，请稍后重试')).closest('.allocation-load-failed') as HTMLElement;
    fireEvent.click(within(failed).getByText('重试'));
    expect(await screen.findByText('3栋')).toBeInTheDocument();
    expect(document.querySelector('.allocation-load-failed')).toBeNull();
  });

  it('shares among chosen buildings, or the whole estate again', async () => {
    render(<DisclosureEdit />);
    fireEvent.click(await screen.findByText('3栋'));
    expect(chip('edit-scopes', '3栋')).toHaveClass('chip-selected');
    expect(chip('edit-scopes', '全小区')).not.toHaveClass('chip-selected');
    fireEvent.click(chip('edit-methods', '按户均摊'));
    fireEvent.click(screen.getByText('保存草稿'));
    await settle();
    expect(updateMock).toHaveBeenLastCalledWith(60, expect.objectContaining({ content: expect.objectContaining({ method: 'household', buildingIds: [3] }) }));

    fireEvent.click(chip('edit-scopes', '全小区'));
    expect(chip('edit-scopes', '3栋')).not.toHaveClass('chip-selected');
    fireEvent.click(screen.getByText('保存草稿'));
    await settle();
    expect(updateMock.mock.calls.at(-1)?.[1].content?.buildingIds).toBeUndefined();
  });

  it('by agreed shares: typed house by house, blanks filled with 1, the share priced as typed; a bad share names its house and sends nothing', async () => {
    render(<DisclosureEdit />);
    fireEvent.click(await screen.findByText('按约定份额分摊'));
    expect(document.querySelector('.edit-scopes')).toBeNull();
    fireEvent.click(await screen.findByText(/3栋/, { selector: '.shares-building-name' }));
    type(await waitForInput('3栋1单元1201'), '3');
    const building = house('3栋1单元1201').closest('.shares-building') as HTMLElement;
    expect(building.querySelector('.shares-building-count')?.textContent).toBe('已填 1 / 3 户');
    fireEvent.click(screen.getByText('未填的每户 1 份'));
    expect(house('3栋1单元1202').querySelector('input')).toHaveValue('1');
    expect(house('3栋1单元1201').querySelector('input')).toHaveValue('3');
    // ¥1,000.00 over 5 shares.
    expect(document.querySelector('.allocation-agreed-total')?.textContent).toBe('已填 3 户，共 5 份，每份约 ¥200.00');

    type(house('3栋1单元1301').querySelector('input'), '1.5');
    expect(house('3栋1单元1301')).toHaveClass('shares-house-bad');
    expect(within(house('3栋1单元1301')).getByText('份额应为 1 到 999999 的整数')).toBeInTheDocument();
    fireEvent.click(screen.getByText('保存草稿'));
    expect(await screen.findByText('3栋1单元1301 的份额应为 1 到 999999 的整数')).toBeInTheDocument();
    expect(updateMock).not.toHaveBeenCalled();

    type(house('3栋1单元1301').querySelector('input'), '');
    fireEvent.click(screen.getByText('保存草稿'));
    await settle();
    expect(updateMock).toHaveBeenCalledWith(
      60,
      expect.objectContaining({ content: expect.objectContaining({ method: 'fixed', buildingIds: undefined, fixedShares: [{ houseId: 31, weight: 3 }, { houseId: 32, weight: 1 }] }) }),
    );
  });

  it('a saved draft keeps its agreed shares, including houses of buildings not opened, counted per building', async () => {
    getMock.mockResolvedValue({
      ...DRAFT,
      content: { method: 'fixed', fixedShares: [{ houseId: 31, weight: 2 }, { houseId: 77, weight: 4 }] },
      allocation: { method: 'fixed', buildings: null, houses: 2, weightTotal: 6, agreed: [{ houseId: 31, buildingId: 3, house: '3栋1单元1201', weight: 2 }, { houseId: 77, buildingId: 1, house: '1栋1单元0101', weight: 4 }] },
    });
    render(<DisclosureEdit />);
    expect(await screen.findByText('已填 2 户，共 6 份，每份约 ¥166.67')).toBeInTheDocument();
    // Before either building is opened.
    expect(Array.from(document.querySelectorAll('.shares-building')).map((b) => b.textContent)).toEqual(['▸ 1栋已填 1 户', '▸ 3栋已填 1 户']);
    fireEvent.click(screen.getByText('保存草稿'));
    await settle();
    expect(updateMock.mock.calls.at(-1)?.[1].content?.fixedShares).toEqual([
      { houseId: 31, weight: 2 },
      { houseId: 77, weight: 4 },
    ]);
  });

  /** Opens a draft with these agreed shares, opens 3栋 and taps 清空本栋. */
  const clearBuilding3 = async (fixedShares: { houseId: number; weight: number }[]) => {
    getMock.mockResolvedValue({ ...DRAFT, content: { method: 'fixed', fixedShares } });
    render(<DisclosureEdit />);
    fireEvent.click(await screen.findByText(/3栋/, { selector: '.shares-building-name' }));
    await waitForInput('3栋1单元1201');
    fireEvent.click(screen.getByText('清空本栋'));
  };

  it('clearing a building leaves the other buildings’ shares', async () => {
    // 31 is in 3栋; 77 in a building not opened.
    await clearBuilding3([{ houseId: 31, weight: 2 }, { houseId: 77, weight: 4 }]);
    expect(document.querySelector('.allocation-agreed-total')?.textContent).toBe('已填 1 户，共 4 份，每份约 ¥250.00');
    fireEvent.click(screen.getByText('保存草稿'));
    await settle();
    expect(updateMock.mock.calls.at(-1)?.[1].content?.fixedShares).toEqual([{ houseId: 77, weight: 4 }]);
  });

  it('with every share cleared it asks for one and sends nothing', async () => {
    await clearBuilding3([{ houseId: 31, weight: 2 }]);
    expect(document.querySelector('.allocation-agreed-total')?.textContent).toBe('已填 0 户，共 0 份');
    fireEvent.click(screen.getByText('保存草稿'));
    expect(await screen.findByText('按约定份额分摊时，请至少给一户填写份额')).toBeInTheDocument();
    expect(updateMock).not.toHaveBeenCalled();
  });

  it('shows how the saved draft is shared, and keeps the shares typed when saved under another method', async () => {
    getMock.mockResolvedValue({ ...DRAFT, content: { method: 'fixed', fixedShares: [{ houseId: 31, weight: 2 }] }, allocation: { method: 'fixed', buildings: null, houses: 1, weightTotal: 2 } });
    render(<DisclosureEdit />);
    const saved = (await screen.findByText('分摊（按已保存的草稿）')).closest('.edit-saved-allocation') as HTMLElement;
    expect(within(saved).getByText('1 户')).toBeInTheDocument();
    // One house paying alone: the published total is its share, for all to see.
    expect(within(saved).getByText(/只有 1 户分摊/)).toBeInTheDocument();
    fireEvent.click(chip('edit-methods', '按户均摊'));
    fireEvent.click(screen.getByText('保存草稿'));
    await settle();
    expect(updateMock.mock.calls.at(-1)?.[1].content).toMatchObject({ method: 'household', fixedShares: undefined });
    fireEvent.click(chip('edit-methods', '按约定份额分摊'));
    expect(document.querySelector('.allocation-agreed-total')?.textContent).toBe('已填 1 户，共 2 份，每份约 ¥500.00');
  });
});

async function waitForInput(label: string): Promise<HTMLInputElement> {
  const row = (await screen.findByText(label)).closest('.shares-house') as HTMLElement;
  return row.querySelector('input') as HTMLInputElement;
}
