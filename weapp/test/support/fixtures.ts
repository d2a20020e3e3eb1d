// Answers of the fake API in the API's own shapes (types from libs/contracts: a drift fails the type check), for
// 锦绣花园 of the demo county as its resident, manager, committee member and the town's regulator see it.
import type {
  AreaOverview,
  ChainEntry,
  ChainVerification,
  CompanyOverview,
  DirectoryCommunity,
  AnnouncementSummary,
  DisclosureSummary,
  MeetingView,
  SurveySummary,
  MeView,
  Metrics,
  NotificationView,
  Page,
  PatrolPlanView,
  RectificationSummary,
  RoleScope,
  TokenPair,
  VoteSummary,
  Workload,
} from '@wuye/contracts';
import { JINXIU_OWNER, ticketSummary } from '../../../miniapp/test/support/fake-api';
import type { Routes } from './miniprogram';

const page = <T>(items: T[]): Page<T> => ({ items, nextCursor: null });

/** What the app says about an answer without the shape it asked for. */
export const MALFORMED = '服务器返回的数据无法识别，请稍后重试';

// A JWT-shaped token whose payload says {"sub":16}: the app reads the user id from it for its offline outbox.
export const TOKENS: TokenPair = { accessToken: 'e30.eyJzdWIiOjE2fQ.sig', refreshToken: 'refresh-token', expiresIn: 900 };

const user = (displayName: string, roles: RoleScope[]): MeView => ({ id: 16, displayName, phone: null, roles, houses: [], wechat: true });

/** 张阿姨, owner of 锦绣花园 3栋1单元1201, as the mini-program's component tests know her. */
export const RESIDENT = JINXIU_OWNER;
export const MANAGER = user('陈经理', [{ role: 'manager', communityId: 1, companyId: 1, scopeName: '锦绣花园' }]);
export const COMMITTEE = user('马委员', [{ role: 'committee', communityId: 1, scopeName: '锦绣花园' }]);
export const REGULATOR = user('城关镇 李主任', [{ role: 'regulator', areaId: 2, scopeName: '城关镇' }]);
export const OFFICE = user('南门社区 王书记', [{ role: 'community_office', areaId: 3, scopeName: '南门社区' }]);
export const STAFF = user('刘师傅', [{ role: 'staff', communityId: 1, companyId: 1, scopeName: '锦绣花园', title: '维修工' }]);

const community = (id: number, name: string, companyName: string | null): DirectoryCommunity => ({
  id,
  code: `C${id}`,
  name,
  address: `城关镇人民路${id}号`,
  areaName: '南门社区',
  townName: '城关镇',
  companyName,
});

const notification: NotificationView = {
  id: 7,
  kind: 'ticket_resolved',
  title: '您的报事有了处理结果',
  body: '#7 电梯：已更换按钮面板',
  ticketId: 7,
  disclosureId: null,
  page: 'packages/tickets/pages/detail/index?id=7',
  read: false,
  createdAt: '2026-11-28T05:00:00.000Z',
};

const ticket = ticketSummary(7, { summary: '3栋电梯按钮失灵，按了没反应', place: '3栋电梯' });

const disclosure = (id: number, title: string, state: DisclosureSummary['state']): DisclosureSummary => ({
  id,
  communityId: 1,
  type: 'public_income',
  period: '2026-Q3',
  title,
  state,
  version: 1,
  totals: { totalFen: 1_250_000 },
  publishedAt: state === 'published' ? '2026-10-10T02:00:00.000Z' : null,
  boardUntil: state === 'published' ? '2026-11-09T02:00:00.000Z' : null,
  hash: state === 'published' ? 'a'.repeat(64) : null,
  openQuestions: 0,
});

const chain: ChainEntry[] = [
  { id: 3, seq: 1, type: 'public_income', period: '2026-Q3', version: 1, publishedAt: '2026-10-10T02:00:00.000Z', hash: 'a'.repeat(64), prevHash: null },
];
const verified: ChainVerification = { valid: true, checked: 1 };

const workload: Workload = { communityId: 1, unaccepted: 3, overdue: 1, assignedToMe: null, pendingBindings: 2 };

const metrics = (total: number, overdueOpen: number): Metrics => ({
  internal: { total: 0, onTimeResponseRate: null, onTimeResolutionRate: null },
  byChannel: [{ channel: 'app', label: '小程序', total, satisfactionRate: 0.75 }],
  satisfactionSources: { rated: 4, ratedSatisfied: 3, visited: 0, visitedSatisfied: 0, unreachable: 0, pending: 0 },
  total,
  byState: { submitted: 4, closed: total - 4 },
  onTimeResponseRate: 0.86,
  onTimeResolutionRate: 0.9,
  satisfactionRate: 0.75,
  reopenRate: 0.05,
  averageStars: 4.2,
  overdueOpen,
});

const overview: AreaOverview = {
  area: { id: 2, name: '城关镇', level: 'town' },
  from: '2026-01-01',
  to: '2026-11-29',
  freshness: { source: 'rollup', maintained: 'with every ticket change', asOf: '2026-11-29T01:56:49.735Z' },
  metrics: metrics(109, 8),
  byCategory: [
    { code: 'noise', name: '噪音扰民', count: 45 },
    { code: 'elevator', name: '电梯', count: 15 },
  ],
  children: [{ id: 3, name: '南门社区', level: 'community_office', metrics: metrics(60, 5), communities: 2, disclosureOverdue: 0, committees: 1 }],
  communities: [
    { id: 1, name: '锦绣花园', areaId: 3, company: { id: 1, name: '清河万家物业服务有限公司' }, metrics: metrics(20, 2), disclosureOverdue: 0, committee: true, stars: 5, starsYear: 2025, shareReach: { groups: 3, openings: 41 }, committeeGrade: { year: 2025, grade: 'excellent', gradeLabel: '优秀' } },
  ],
  committees: { total: 2, inPlace: 1 },
  stars: { '1': 0, '2': 0, '3': 0, '4': 0, '5': 1, unrated: 1, none: 0 },
  committeeGrades: { excellent: 1, good: 0, pass: 0, fail: 0, none: 1 },
};

const companies: CompanyOverview[] = [
  {
    id: 1,
    name: '清河万家物业服务有限公司',
    communities: 2,
    metrics: metrics(40, 5),
    credit: { companyId: 1, score: 94, grade: 'A', last12Months: { interview: 0, criticism: 0, points: 1, manager_dismissed: 0, project_withdrawn: 0 }, deductedByKind: { interview: 0, criticism: 0, points: 6, manager_dismissed: 0, project_withdrawn: 0 }, pointsDeducted: 6 },
  },
];

const rectification: RectificationSummary = {
  id: 9,
  inspectionId: 4,
  communityId: 1,
  communityName: '锦绣花园',
  companyId: 1,
  companyName: '清河万家物业服务有限公司',
  section: 'fire',
  itemText: '消防通道畅通，无占用堵塞',
  state: 'open',
  deadlineAt: '2026-12-05T10:00:00.000Z',
  overdueAt: '2026-12-05T10:01:00.000Z',
  version: 2,
  updatedAt: '2026-12-05T10:01:00.000Z',
};

const patrolPlan: PatrolPlanView = {
  id: 2,
  communityId: 1,
  communityName: '锦绣花园',
  name: '消防与设备日巡',
  pointIds: [5, 6],
  frequency: 'daily',
  windowStart: '08:00',
  windowEnd: '11:00',
  assigneeId: 5,
  assigneeName: '刘师傅',
  round: { frequency: 'daily', windowStart: '08:00', windowEnd: '11:00' },
  period: { from: '2026-12-06', to: '2026-12-06' },
  points: [
    { id: 5, name: '地下消防通道', place: '地下车库东侧', kind: 'fire_lane', checkedAt: '2026-12-06T01:00:00.000Z', result: 'normal', late: false, sentLate: false, retired: false },
    { id: 6, name: '水泵房', place: '地下二层', kind: 'pump_room', checkedAt: null, result: null, late: false, sentLate: false, retired: false },
  ],
  pending: null,
};

const votes: VoteSummary[] = [
  { id: 5, communityId: 1, matter: 'fund_use', title: '使用维修资金更换3栋电梯', state: 'open', endsAt: '2026-12-20T10:00:00.000Z', openedAt: '2026-12-06T02:00:00.000Z', closedAt: null, passedOption: null },
  { id: 4, communityId: 1, matter: 'company', title: '续聘清河万家物业', state: 'closed', endsAt: '2026-11-20T10:00:00.000Z', openedAt: '2026-11-06T02:00:00.000Z', closedAt: '2026-11-20T10:00:00.000Z', passedOption: '同意续聘' },
];

const announcements: AnnouncementSummary[] = [
  { id: 8, communityId: 1, title: '12月10日停水通知', pinned: true, postedBy: 'property', expiresOn: '2026-12-10', current: true, withdrawn: false, createdAt: '2026-12-05T01:00:00.000Z', readCount: 37 },
  { id: 6, communityId: 1, title: '国庆节安全提示', pinned: false, postedBy: 'property', expiresOn: '2026-10-08', current: false, withdrawn: false, createdAt: '2026-09-28T01:00:00.000Z', readCount: 52 },
];

const surveys: SurveySummary[] = [
  { id: 2, areaId: 3, areaName: '清河县', title: '2026年度物业服务满意度测评', year: 2026, opensOn: '2026-12-01', closesOn: '2026-12-31', minAnswers: 10, state: 'open', toAnswer: 1 },
  { id: 1, areaId: 3, areaName: '清河县', title: '2025年度物业服务满意度测评', year: 2025, opensOn: '2025-12-01', closesOn: '2025-12-31', minAnswers: 10, state: 'closed', toAnswer: 0 },
];

const meeting: MeetingView = {
  id: 3,
  communityId: 1,
  communityName: '锦绣花园',
  communities: [{ id: 1, name: '锦绣花园' }],
  officeName: '南门社区',
  kind: 'four_party',
  heldOn: '2026-12-01',
  attendees: [],
  minutes: '议定更换3栋电梯按钮面板。',
  signInPhotos: [],
  agenda: [],
  items: [
    {
      id: 11,
      meetingId: 3,
      communityId: 1,
      communityName: '锦绣花园',
      text: '更换3栋电梯按钮面板',
      ownerParty: 'property',
      ownerName: '清河万家物业服务有限公司',
      deadlineAt: '2026-12-15T10:00:00.000Z',
      state: 'done',
      overdueAt: null,
      ticketId: null,
      questionId: null,
      rectificationId: null,
      version: 2,
      timeline: [],
      can: { done: false, verify: true, return: true },
      blocked: {},
    },
  ],
  createdAt: '2026-12-01T08:00:00.000Z',
  can: { addItems: true },
};

/** What the API answers a signed-in `me` on the pages the smoke tests open. */
export function routesFor(me: MeView): Routes {
  return {
    'POST /api/v1/auth/wechat': TOKENS,
    'GET /api/v1/me': me,
    'GET /api/v1/directory/communities': page([community(1, '锦绣花园', '清河万家物业服务有限公司'), community(2, '阳光新城', null)]),
    'GET /api/v1/notifications': page([notification]),
    'GET /api/v1/notifications/unread-count': { unread: 1 },
    'GET /api/v1/tickets': page([ticket]),
    'GET /api/v1/communities/1/disclosures': (call: { query: Record<string, string> }) =>
      call.query.state === 'in_review' ? page([disclosure(4, '2026年第4季度公共收益', 'in_review')]) : page([disclosure(3, '2026年第3季度公共收益', 'published')]),
    'GET /api/v1/communities/1/disclosures/chain': chain,
    'GET /api/v1/communities/1/disclosures/chain/verify': verified,
    'GET /api/v1/communities/1/workload': workload,
    'GET /api/v1/stats/overview': overview,
    'GET /api/v1/stats/companies': companies,
    'GET /api/v1/rectifications': page([rectification]),
    'GET /api/v1/patrol-plans': [patrolPlan],
    'GET /api/v1/votes': page(votes),
    'GET /api/v1/communities/1/announcements': page(announcements),
    'GET /api/v1/meetings': page([meeting]),
    'GET /api/v1/surveys': page(surveys),
  };
}

/** The tab pages and each subpackage's entry page, with who opens it. */
export const ENTRY_PAGES: Array<{ path: string; title: string; me: MeView }> = [
  { path: 'pages/index/index', title: '首页', me: RESIDENT },
  { path: 'pages/messages/index', title: '消息', me: RESIDENT },
  { path: 'pages/me/index', title: '我的', me: RESIDENT },
  { path: 'packages/tickets/pages/index/index', title: '我的报事', me: RESIDENT },
  { path: 'packages/disclosures/pages/index/index', title: '小区公示', me: RESIDENT },
  { path: 'packages/work/pages/index/index', title: '物业工作台', me: MANAGER },
  { path: 'packages/review/pages/index/index', title: '业委会', me: COMMITTEE },
  { path: 'packages/oversight/pages/index/index', title: '监管统计', me: REGULATOR },
  { path: 'packages/account/pages/index/index', title: '账户', me: RESIDENT },
  { path: 'packages/inspections/pages/index/index', title: '检查与整改', me: MANAGER },
  { path: 'packages/patrols/pages/index/index', title: '隐患排查', me: STAFF },
  { path: 'packages/meetings/pages/index/index', title: '联席会议', me: OFFICE },
  { path: 'packages/votes/pages/index/index', title: '业主表决', me: RESIDENT },
  { path: 'packages/announcements/pages/index/index', title: '小区公告', me: MANAGER },
  { path: 'packages/surveys/pages/index/index', title: '满意度测评', me: RESIDENT },
];
