import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { act, fireEvent, render, screen } from '@testing-library/react';
import type { DisclosureView, ShareCard } from '@wuye/contracts';
import Taro, { setEnterOptions, setRouterParams, sharedPayload } from '../../../test/stubs/taro';
import { fakeApi, flush, JINXIU_OWNER, reply, ticketView } from '../../../test/support/fake-api';
import { setTokens } from '../../services/session';
import DisclosureDetail from '../../packages/disclosures/pages/detail/index';
import DisclosureEdit from '../../packages/disclosures/pages/edit/index';
import ReviewDetail from '../../packages/review/pages/detail/index';
import TicketDetail from '../../packages/tickets/pages/detail/index';
import InspectionSummaries from '../../packages/inspections/pages/summary/index';
import EstateStanding from '../../packages/oversight/pages/estate/index';

/** 业主监督群: which pages offer a card, what the card carries, and what a card opens to. */
const DISCLOSURE: DisclosureView = {
  id: 61,
  communityId: 1,
  type: 'public_income',
  period: '2026-Q3',
  title: '2026年第3季度公共收益公示（经办：陈经理 13812341234）',
  state: 'published',
  version: 1,
  totals: { totalFen: 2114567, incomeFen: 2114567, costFen: 300000, netFen: 1814567 },
  publishedAt: '2026-10-08T02:00:00.000Z',
  boardUntil: '2026-11-08T02:00:00.000Z',
  hash: 'a'.repeat(64),
  openQuestions: 0,
  content: {},
  lines: [],
  reviewRound: 1,
  reviews: [],
  questions: [{ id: 5, lineId: null, asker: '3栋业主', text: '广告合同多久？', answer: null, answeredAt: null, dueAt: '2026-10-19T02:00:00.000Z', overdue: false, meetingNote: null, createdAt: '2026-10-09T02:00:00.000Z' }],
  versions: [{ id: 61, version: 1, state: 'published', correctionReason: null, publishedAt: '2026-10-08T02:00:00.000Z', hash: 'a'.repeat(64) }],
  correctionReason: null,
  allocation: null,
  myShares: [{ houseId: 101, house: '3栋1单元1201', shareFen: 100, basis: '建筑面积 98.50㎡' }],
  can: { edit: false, submit: false, withdraw: false, review: false, signOff: false, correct: false, ask: true, answerReview: false, answerQuestion: false },
  blocked: {},
  rowVersion: 1,
};
const DISCLOSURE_CARD: ShareCard = { kind: 'disclosure', id: 61, title: '锦绣花园 2026年第3季度公共收益公示', communityId: 1, communityName: '锦绣花园', canOpen: true };
const TICKET_CARD: ShareCard = { kind: 'ticket', id: 7, title: '锦绣花园 电梯报修', communityId: 1, communityName: '锦绣花园', canOpen: true };
/** What must never reach a card: names, phones, rooms, the reporter, their words. */
const PERSONAL = ['张阿姨', '陈经理', '13812341234', '139', '1201', '3栋', '按钮失灵', 'openid'];

const base = { 'GET /api/v1/me': JINXIU_OWNER, 'GET /api/v1/communities/1/disclosures/chain/verify': { valid: true, checked: 1 }, 'GET /api/v1/communities/1/disclosures/chain': [] };
const show = async (page: JSX.Element) => {
  render(page);
  await act(flush);
  await act(flush);
};
const expectCard = (title: string, path: string) => {
  const payload = sharedPayload();
  expect(payload).toEqual({ title, path, imageUrl: '/assets/share-card.png' });
  for (const word of PERSONAL) expect(JSON.stringify(payload)).not.toContain(word);
};

let platform: typeof process.env.TARO_ENV;
beforeEach(() => {
  setTokens({ accessToken: 'access', refreshToken: 'refresh' });
  platform = process.env.TARO_ENV;
  process.env.TARO_ENV = 'weapp';
});
afterEach(() => {
  process.env.TARO_ENV = platform;
});

describe('pages that offer a card', () => {
  it('a published disclosure: the estate, period and type as title, its id as the only parameter, the share menu with a share ticket', async () => {
    const menu = jest.spyOn(Taro, 'showShareMenu');
    fakeApi({ ...base, 'GET /api/v1/disclosures/61': DISCLOSURE, 'GET /api/v1/share-cards/disclosure/61': DISCLOSURE_CARD });
    setRouterParams({ id: '61' });
    await show(<DisclosureDetail />);
    expect(menu).toHaveBeenCalledWith({ withShareTicket: true });
    expectCard('锦绣花园 2026年第3季度公共收益公示', '/packages/disclosures/pages/detail/index?id=61');
    expect(screen.getByText('分享到业主群')).toBeInTheDocument();
  });

  it('a neighbour’s public ticket (the 我也遇到 view): category and kind, never the reporter, the room or the words', async () => {
    fakeApi({ 'GET /api/v1/tickets/7': ticketView(7, { isReporter: false, reporter: '3栋业主', house: '3栋1单元1201' }), 'GET /api/v1/share-cards/ticket/7': TICKET_CARD });
    setRouterParams({ id: '7' });
    await show(<TicketDetail />);
    expectCard('锦绣花园 电梯报修', '/packages/tickets/pages/detail/index?id=7');
  });
});

describe('an estate’s inspections and its standing', () => {
  const summary = (id: number, inspectedOn: string) => ({ id, communityId: 1, communityName: '锦绣花园', kind: 'quarterly', inspectedOn, score: 86, orders: { issued: 2, open: 1, closed: 1 } });
  const INSPECTIONS = { 'GET /api/v1/me': JINXIU_OWNER, 'GET /api/v1/communities/1/inspections': { items: [summary(32, '2026-11-20'), summary(31, '2026-08-15')], nextCursor: null } };
  const inspectionCard = (id: number, title: string, canOpen = true): ShareCard => ({ kind: 'inspection', id, title, communityId: 1, communityName: '锦绣花园', canOpen });

  it('the inspection results: the estate’s latest inspection, titled by its day and kind', async () => {
    fakeApi({ ...INSPECTIONS, 'GET /api/v1/share-cards/inspection/32': inspectionCard(32, '锦绣花园 2026年11月20日季度抽查结果') });
    setRouterParams({});
    await show(<InspectionSummaries />);
    await act(flush);
    expectCard('锦绣花园 2026年11月20日季度抽查结果', '/packages/inspections/pages/summary/index?id=32');
    expect(screen.getByText('分享到业主群')).toBeInTheDocument();
  });

  it('opened from a card: that inspection is marked and is the one shared on', async () => {
    fakeApi({ ...INSPECTIONS, 'GET /api/v1/share-cards/inspection/31': inspectionCard(31, '锦绣花园 2026年8月15日季度抽查结果') });
    setRouterParams({ id: '31' });
    await show(<InspectionSummaries />);
    await act(flush);
    expect(document.querySelector('.insp-summary-opened')?.textContent).toContain('2026-08-15');
    expectCard('锦绣花园 2026年8月15日季度抽查结果', '/packages/inspections/pages/summary/index?id=31');
  });

  it('opened by someone with no house there: what it is, the estate, and the way to bind', async () => {
    fakeApi({ 'GET /api/v1/me': { ...JINXIU_OWNER, houses: [] }, 'GET /api/v1/share-cards/inspection/31': inspectionCard(31, '锦绣花园 2026年8月15日季度抽查结果', false) });
    setRouterParams({ id: '31' });
    await show(<InspectionSummaries />);
    await act(flush);
    expect(screen.getByText('锦绣花园 2026年8月15日季度抽查结果')).toBeInTheDocument();
    expect(screen.getByText(/锦绣花园的检查结果，绑定本小区房屋后查看/)).toBeInTheDocument();
    expect(screen.queryByText('还没有绑定房屋')).toBeNull();
  });

  it.each([
    ['an inspection result', InspectionSummaries, 'GET /api/v1/share-cards/inspection/31', { kind: 'inspection', id: 31, title: '锦绣花园 2026年8月15日季度抽查结果' }],
    ['the estate’s standing', EstateStanding, 'GET /api/v1/share-cards/standing/1', { kind: 'standing', id: 1, title: '锦绣花园 星级评定和物业企业信用' }],
  ] as const)('%s opened by the estate’s community office: the way to its oversight page, not a binding', async (_name, Page, route, card) => {
    const office = { ...JINXIU_OWNER, displayName: '南门社区 赵书记', roles: [{ role: 'community_office' as const, areaId: 3, scopeName: '南门社区' }], houses: [] };
    fakeApi({ 'GET /api/v1/me': office, [route]: { ...card, communityId: 1, communityName: '锦绣花园', canOpen: true } });
    const navigate = jest.spyOn(Taro, 'navigateTo');
    setRouterParams({ id: String(card.id) });
    await show(<Page />);
    await act(flush);
    expect(screen.queryByText('还没有绑定房屋')).toBeNull();
    fireEvent.click(screen.getByText('打开监管页'));
    expect(navigate).toHaveBeenCalledWith({ url: '/packages/oversight/pages/community/index?communityId=1' });
  });

  it('the star rating and the company’s credit: the estate’s name as title, the estate’s id as the only parameter', async () => {
    fakeApi({
      'GET /api/v1/me': JINXIU_OWNER,
      'GET /api/v1/communities/1': { id: 1, code: 'JXHY', name: '锦绣花园', address: null, areaId: 3, areaName: '南门社区', townName: '城关镇', company: { id: 1, name: '清河万家物业服务有限公司', contactPhone: null }, lat: null, long: null },
      'GET /api/v1/communities/1/star-ratings': { current: null, history: [], latest: null, indicators: null, years: { first: 2020, last: 2026 }, can: { rate: false } },
      'GET /api/v1/companies/1/credit': { companyId: 1, name: '清河万家物业服务有限公司', score: 100, grade: 'A', pointsDeducted: 0, last12Months: {}, deductedByKind: {}, events: [] },
      'GET /api/v1/share-cards/standing/1': { kind: 'standing', id: 1, title: '锦绣花园 星级评定和物业企业信用', communityId: 1, communityName: '锦绣花园', canOpen: true },
    });
    setRouterParams({ id: '1' });
    await show(<EstateStanding />);
    await act(flush);
    expectCard('锦绣花园 星级评定和物业企业信用', '/packages/oversight/pages/estate/index?id=1');
  });
});

describe('WeChat page config', () => {
  it('every page that offers a card turns WeChat’s share on (without it the menu stays greyed out)', () => {
    const root = join(__dirname, '../../packages');
    const pages = readdirSync(root).flatMap((area) => readdirSync(join(root, area, 'pages')).map((page) => join(root, area, 'pages', page)));
    const sharing = pages.filter((dir) => readFileSync(join(dir, 'index.tsx'), 'utf8').includes('useShareCard('));
    expect(sharing.length).toBeGreaterThanOrEqual(4);
    for (const dir of sharing) expect({ dir, config: readFileSync(join(dir, 'index.config.ts'), 'utf8') }).toEqual({ dir, config: expect.stringContaining('enableShareAppMessage: true') });
  });
});

describe('pages that offer no card', () => {
  it.each([
    ['a draft disclosure', { ...DISCLOSURE, state: 'draft' as const }],
    ['a disclosure in review', { ...DISCLOSURE, state: 'in_review' as const }],
  ])('%s: the share menu is hidden and nothing is asked of the API', async (_name, view) => {
    const menu = jest.spyOn(Taro, 'showShareMenu');
    const hidden = jest.spyOn(Taro, 'hideShareMenu');
    const api = fakeApi({ ...base, 'GET /api/v1/disclosures/61': view });
    setRouterParams({ id: '61' });
    await show(<DisclosureDetail />);
    expect(menu).not.toHaveBeenCalled();
    expect(hidden).toHaveBeenCalled();
    expect(api.to('GET /api/v1/share-cards/disclosure/61')).toHaveLength(0);
    expect(screen.queryByText('分享到业主群')).toBeNull();
  });

  it('the reporter’s own ticket, with their details: no card', async () => {
    const menu = jest.spyOn(Taro, 'showShareMenu');
    fakeApi({ 'GET /api/v1/tickets/7': ticketView(7, { isReporter: true }) });
    setRouterParams({ id: '7' });
    await show(<TicketDetail />);
    expect(screen.getByText(/按了不亮/)).toBeInTheDocument();
    expect(menu).not.toHaveBeenCalled();
    expect(screen.queryByText('分享到业主群')).toBeNull();
  });

  it.each([
    ['the review workspace', ReviewDetail],
    ['the draft editor', DisclosureEdit],
  ])('%s registers no share handler at all', async (_name, Page) => {
    fakeApi({ ...base, 'GET /api/v1/disclosures/61': { ...DISCLOSURE, state: 'in_review' } });
    setRouterParams({ id: '61' });
    await show(<Page />);
    expect(sharedPayload()).toBeNull();
  });
});

describe('opening a card', () => {
  it('someone not bound to the estate sees what it is, the estate, and the way to bind — not an error', async () => {
    fakeApi({
      ...base,
      'GET /api/v1/disclosures/61': reply(404, { code: 'NOT_FOUND', message: '未找到该公示，或您无权查看' }),
      'GET /api/v1/share-cards/disclosure/61': { ...DISCLOSURE_CARD, canOpen: false },
    });
    const navigate = jest.spyOn(Taro, 'navigateTo');
    setRouterParams({ id: '61' });
    await show(<DisclosureDetail />);
    expect(screen.getByText('锦绣花园 2026年第3季度公共收益公示')).toBeInTheDocument();
    expect(screen.getByText(/锦绣花园的公示，绑定本小区房屋后查看/)).toBeInTheDocument();
    expect(screen.queryByText('公示没能加载')).toBeNull();
    fireEvent.click(screen.getByText('绑定房屋'));
    expect(navigate).toHaveBeenCalledWith({ url: '/packages/account/pages/bind/index' });
  });

  it('opened from a group: the group’s encrypted enter info goes to the API as WeChat gave it; a refusal leaves the record open', async () => {
    setEnterOptions({ path: 'packages/disclosures/pages/detail/index', query: { id: '61' }, scene: 1044, shareTicket: 'ticket-1' });
    const api = fakeApi({
      ...base,
      'GET /api/v1/disclosures/61': DISCLOSURE,
      'GET /api/v1/share-cards/disclosure/61': DISCLOSURE_CARD,
      'POST /api/v1/share-cards/disclosure/61/group-enters': reply(422, { code: 'GROUP_INFO_UNREADABLE', message: '没能识别来自哪个群，内容照常打开' }),
    });
    setRouterParams({ id: '61' });
    await show(<DisclosureDetail />);
    expect(api.to('POST /api/v1/share-cards/disclosure/61/group-enters').map((c) => c.data)).toEqual([{ encryptedData: 'ENCRYPTED-GROUP-INFO', iv: 'IV-FROM-WECHAT' }]);
    expect(document.querySelector('.detail-totals')).not.toBeNull();
  });

  it('an older client without getGroupEnterInfo falls back to getShareInfo with the share ticket', async () => {
    setEnterOptions({ path: 'packages/disclosures/pages/detail/index', query: { id: '61' }, scene: 1044, shareTicket: 'ticket-2' });
    jest.spyOn(Taro, 'getSystemInfoSync').mockReturnValue({ SDKVersion: '2.16.1' });
    const api = fakeApi({ ...base, 'GET /api/v1/disclosures/61': DISCLOSURE, 'GET /api/v1/share-cards/disclosure/61': DISCLOSURE_CARD, 'POST /api/v1/share-cards/disclosure/61/group-enters': { recorded: true } });
    setRouterParams({ id: '61' });
    await show(<DisclosureDetail />);
    expect(api.to('POST /api/v1/share-cards/disclosure/61/group-enters').map((c) => c.data)).toEqual([{ encryptedData: 'ENCRYPTED-SHARE-INFO-ticket-2', iv: 'IV-FROM-WECHAT' }]);
  });

  it('another record visited after the card was opened is not counted for the group', async () => {
    setEnterOptions({ path: 'packages/disclosures/pages/detail/index', query: { id: '60' }, scene: 1044, shareTicket: 'ticket-3' });
    const api = fakeApi({ ...base, 'GET /api/v1/disclosures/61': DISCLOSURE, 'GET /api/v1/share-cards/disclosure/61': DISCLOSURE_CARD });
    setRouterParams({ id: '61' });
    await show(<DisclosureDetail />);
    expect(api.to('POST /api/v1/share-cards/disclosure/61/group-enters')).toHaveLength(0);
  });
});

describe('H5', () => {
  it('the share button copies the record’s link and says so', async () => {
    process.env.TARO_ENV = 'h5';
    const copy = jest.spyOn(Taro, 'setClipboardData');
    const toast = jest.spyOn(Taro, 'showToast');
    fakeApi({ ...base, 'GET /api/v1/disclosures/61': DISCLOSURE, 'GET /api/v1/share-cards/disclosure/61': DISCLOSURE_CARD });
    setRouterParams({ id: '61' });
    await show(<DisclosureDetail />);
    await act(async () => {
      fireEvent.click(screen.getByText('复制链接'));
      await flush();
    });
    expect(copy).toHaveBeenCalledWith({ data: 'http://localhost/#/packages/disclosures/pages/detail/index?id=61' });
    expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: '链接已复制，可粘贴到业主群' }));
  });
});
