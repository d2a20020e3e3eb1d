/** Tickets (工单, 随手拍): kinds, categories, the state machine as data, views. */

export const TICKET_KINDS = ['repair', 'complaint', 'suggestion', 'hazard'] as const;
export type TicketKind = (typeof TICKET_KINDS)[number];
export const TICKET_KIND_LABELS: Record<TicketKind, string> = { repair: '报修', complaint: '投诉', suggestion: '建议', hazard: '隐患' };

export const TICKET_STATES = ['submitted', 'accepted', 'assigned', 'in_progress', 'resolved', 'closed', 'rejected', 'cancelled'] as const;
export type TicketState = (typeof TICKET_STATES)[number];
export const TICKET_STATE_LABELS: Record<TicketState, string> = {
  submitted: '待受理',
  accepted: '已受理',
  assigned: '已转办',
  in_progress: '办理中',
  resolved: '已反馈',
  closed: '已办结',
  rejected: '不予受理',
  cancelled: '已撤销',
};
/** Accepted and not yet resolved: the open states held to the resolution deadline, and an assignee's to hand over. */
export const WORKING_TICKET_STATES: readonly TicketState[] = ['accepted', 'assigned', 'in_progress'];
/** States in which the ticket still needs the property side. */
export const OPEN_TICKET_STATES: readonly TicketState[] = ['submitted', ...WORKING_TICKET_STATES];

export const TICKET_ACTIONS = [
  'accept',
  'reject',
  'assign',
  'start',
  'resolve',
  'close',
  'cancel',
  'reopen',
  'appeal',
  'complain',
  'visit_satisfied',
  'visit_dissatisfied',
  'visit_unreachable',
] as const;
export type TicketAction = (typeof TICKET_ACTIONS)[number];
export const TICKET_ACTION_LABELS: Record<TicketAction, string> = {
  accept: '受理',
  reject: '不予受理',
  assign: '转办',
  start: '开始办理',
  resolve: '反馈结果',
  close: '确认办结',
  cancel: '撤销',
  reopen: '不满意，重新办理',
  appeal: '申诉',
  complain: '向社区申诉',
  visit_satisfied: '回访：满意',
  visit_dissatisfied: '回访：不满意',
  visit_unreachable: '回访：未联系上',
};

/**
 * Who may act on a ticket: the reporter, the estate's project manager, the staff member it is assigned to, the
 * estate's community office (回访).
 */
export type TicketActor = 'reporter' | 'manager' | 'assignee' | 'office';

export interface TransitionRule {
  action: TicketAction;
  from: readonly TicketState[];
  /** null: the ticket stays in the state it is in (a return-visit try that reached nobody, before the last). */
  to: TicketState | null;
  actors: readonly TicketActor[];
  /** What the request must carry. */
  needs: readonly ('reason' | 'note' | 'photos' | 'assignee')[];
}

/**
 * The one table of the ticket lifecycle (受理 → 转办 → 办理 → 反馈 → 办结): used by the API to decide, by the app to
 * offer buttons, by the tests and the docs. The steps that are not a person's action on the state (评价, 催办, 超时,
 * 自动办结, 督办) are planned by the same engine from its second table (apps/api tickets/lifecycle.ts).
 */
export const TICKET_TRANSITIONS: readonly TransitionRule[] = [
  { action: 'accept', from: ['submitted'], to: 'accepted', actors: ['manager'], needs: [] },
  { action: 'reject', from: ['submitted'], to: 'rejected', actors: ['manager'], needs: ['reason'] },
  { action: 'assign', from: ['accepted', 'assigned', 'in_progress'], to: 'assigned', actors: ['manager'], needs: ['assignee'] },
  { action: 'start', from: ['assigned'], to: 'in_progress', actors: ['assignee', 'manager'], needs: [] },
  { action: 'resolve', from: ['accepted', 'assigned', 'in_progress'], to: 'resolved', actors: ['assignee', 'manager'], needs: ['note', 'photos'] },
  { action: 'close', from: ['resolved'], to: 'closed', actors: ['reporter'], needs: [] },
  { action: 'cancel', from: ['submitted', 'accepted', 'assigned'], to: 'cancelled', actors: ['reporter'], needs: [] },
  { action: 'reopen', from: ['resolved'], to: 'accepted', actors: ['reporter'], needs: ['reason'] },
  { action: 'appeal', from: ['rejected'], to: 'submitted', actors: ['reporter'], needs: ['reason'] },
  { action: 'complain', from: ['resolved'], to: 'resolved', actors: ['reporter'], needs: ['reason'] },
  // 回访, only while one is due (returnVisit 'due'): the caller was satisfied; was not (reopened with the reason);
  // was not reached (the RETURN_VISIT_TRIES-th try, each on another Asia/Shanghai day, closes it as 无法联系).
  // 满意 and 无法联系 close the ticket and count in the estate's figures, so only the community office records
  // them: the company would be grading its own work. The manager may still reopen it on the caller's word.
  { action: 'visit_satisfied', from: ['resolved', 'closed'], to: 'closed', actors: ['office'], needs: [] },
  { action: 'visit_dissatisfied', from: ['resolved', 'closed'], to: 'accepted', actors: ['manager', 'office'], needs: ['reason'] },
  { action: 'visit_unreachable', from: ['resolved', 'closed'], to: null, actors: ['office'], needs: [] },
];

/** The return-visit actions (回访): offered only while a return visit is due. */
export const RETURN_VISIT_ACTIONS: readonly TicketAction[] = ['visit_satisfied', 'visit_dissatisfied', 'visit_unreachable'];
/** Tries, each on a different Asia/Shanghai day, before a caller counts as unreachable (无法联系). */
export const RETURN_VISIT_TRIES = 3;

/**
 * 回访 of a ticket: null while none is needed; 'due' once it is (resolved with no app reporter, or closed and left
 * unrated past the rating window); then its outcome. Satisfaction counts these outcomes beside the ratings.
 */
export type ReturnVisitState = 'due' | 'satisfied' | 'dissatisfied' | 'unreachable';
export const RETURN_VISIT_LABELS: Record<ReturnVisitState, string> = { due: '待回访', satisfied: '回访满意', dissatisfied: '回访不满意', unreachable: '无法联系' };


/**
 * The channel a ticket came by (one column, `source`): a resident in the app; the property side of the estate
 * itself (内部报事: never rated by them, counted apart from residents' tickets in every figure); the 12345 hotline
 * (Open311, or filed on a caller's behalf); 信访, 来访, 电话, 物业投诉直通车 (filed on a caller's behalf, 代报); an inspection.
 */
export const TICKET_SOURCES = ['app', 'internal', '12345', 'petition', 'visit', 'phone', 'direct_line', 'inspection'] as const;
export type TicketSource = (typeof TICKET_SOURCES)[number];
export const TICKET_SOURCE_LABELS: Record<TicketSource, string> = {
  app: '小程序',
  internal: '内部报事',
  '12345': '12345热线',
  petition: '信访',
  visit: '来访',
  phone: '电话',
  direct_line: '物业投诉直通车',
  inspection: '检查发现',
};
/** Residents' channels, in the order statistics list them (内部报事 is counted apart). */
export const RESIDENT_CHANNELS: readonly Exclude<TicketSource, 'internal'>[] = ['app', '12345', 'petition', 'visit', 'phone', 'direct_line', 'inspection'];
/** Channels a manager, staff member or community office files on a caller's behalf (代报). */
export const PROXY_CHANNELS = ['12345', 'petition', 'visit', 'phone', 'direct_line', 'inspection'] as const;
export type ProxyChannel = (typeof PROXY_CHANNELS)[number];
/** Channels with a caller to record (name and phone): every 代报 channel but an inspection's own finding. */
export const channelHasCaller = (channel: TicketSource): boolean => channel !== 'inspection' && channel !== 'app' && channel !== 'internal';

export const TICKET_DESCRIPTION_MAX = 1000;
export const TICKET_PHOTOS_MAX = 9;
/** A resolved ticket the reporter leaves alone closes itself after this many days. */
export const AUTO_CLOSE_DAYS = 7;
/** The reporter may rate until this many days after the ticket closed. */
export const RATING_WINDOW_DAYS = 14;
/**
 * An unrated app ticket is due a return visit only while its rating window ended at most this many days ago: a
 * caller asked months later remembers nothing, and the first run after an upgrade must not list every old ticket.
 */
export const RETURN_VISIT_HORIZON_DAYS = 30;
/** Reopens a reporter may ask for; the second already goes to the community office, after this they appeal there. */
export const MAX_REOPENS = 2;
/** Urging (催办) an overdue ticket: at most once per this many minutes per person. */
export const URGE_INTERVAL_MINUTES = 60;
/** Similar open tickets offered before reporting: same category and place within this many days. */
export const SIMILAR_WINDOW_DAYS = 7;

export interface TicketCategory {
  code: string;
  name: string;
  /** Minutes to accept (respond). */
  responseMinutes: number;
  /** Minutes to resolve. */
  resolutionMinutes: number;
  emergency: boolean;
  active: boolean;
}

/** The categories every estate starts with (PRODUCT.md); each estate may change deadlines and add its own. */
export const DEFAULT_TICKET_CATEGORIES: readonly TicketCategory[] = [
  { code: 'hygiene', name: '环境卫生', responseMinutes: 120, resolutionMinutes: 24 * 60, emergency: false, active: true },
  { code: 'facility', name: '设施故障', responseMinutes: 120, resolutionMinutes: 72 * 60, emergency: false, active: true },
  { code: 'fire', name: '消防安全', responseMinutes: 30, resolutionMinutes: 24 * 60, emergency: true, active: true },
  { code: 'elevator', name: '电梯', responseMinutes: 30, resolutionMinutes: 24 * 60, emergency: true, active: true },
  { code: 'safety', name: '安全隐患', responseMinutes: 30, resolutionMinutes: 48 * 60, emergency: true, active: true },
  { code: 'greening', name: '绿化', responseMinutes: 240, resolutionMinutes: 7 * 24 * 60, emergency: false, active: true },
  { code: 'parking', name: '停车秩序', responseMinutes: 120, resolutionMinutes: 24 * 60, emergency: false, active: true },
  { code: 'noise', name: '噪音扰民', responseMinutes: 120, resolutionMinutes: 24 * 60, emergency: false, active: true },
  { code: 'other', name: '其他', responseMinutes: 240, resolutionMinutes: 72 * 60, emergency: false, active: true },
];

export type TicketVisibility = 'private' | 'public';

export interface PhotoView {
  id: number;
  url: string;
  thumbnailUrl: string;
}

export interface UploadView extends PhotoView {
  width: number;
  height: number;
  bytes: number;
}

export interface TicketEventView {
  id: number;
  action: string;
  /** "业主", "项目经理 陈经理", "系统"… as the viewer may see it. */
  actor: string;
  fromState: TicketState | null;
  toState: TicketState | null;
  note: string | null;
  photos: PhotoView[];
  at: string;
}

export interface TicketSummary {
  id: number;
  communityId: number;
  communityName: string;
  kind: TicketKind;
  categoryCode: string;
  categoryName: string;
  emergency: boolean;
  /** First 80 characters. */
  summary: string;
  state: TicketState;
  visibility: TicketVisibility;
  /** "3栋业主" for others; the name for the reporter and the property side. */
  reporter: string;
  place: string | null;
  thumbnailUrl: string | null;
  createdAt: string;
  responseDueAt: string;
  resolutionDueAt: string;
  overdue: boolean;
  escalated: boolean;
  followerCount: number;
  version: number;
  source: TicketSource;
  returnVisit: ReturnVisitState | null;
  /**
   * Whom a return visit calls, for those who handle the ticket (the estate's property side, its community office):
   * the caller of a 代报 ticket or the app reporter, the number masked. Null for everyone else.
   */
  contact: TicketContact | null;
}

export interface TicketContact {
  name: string;
  phoneMasked: string | null;
  /** The full number can be revealed (an audited call): there is one, and the viewer handles the ticket. */
  canReveal: boolean;
}

export interface TicketView extends TicketSummary {
  description: string;
  photos: PhotoView[];
  house: string | null;
  lat: number | null;
  long: number | null;
  assignee: string | null;
  reporterPhone: string | null;
  rating: { stars: number; tags: string[]; comment: string | null; at: string } | null;
  reopenCount: number;
  timeline: TicketEventView[];
  /** What the viewer may do now: buttons in the app. */
  actions: TicketAction[];
  canRate: boolean;
  canUrge: boolean;
  following: boolean;
  isReporter: boolean;
  /** Held for the manager because WeChat's content check said "review". */
  heldForReview: boolean;
  /** Return-visit tries that reached nobody, and the Asia/Shanghai day of the last one. */
  returnVisitTries: number;
  returnVisitTriedOn: string | null;
  /** Who filed it on the caller's behalf (代报): "项目经理 陈经理". */
  filedBy: string | null;
  /**
   * Why a step the viewer could otherwise take is refused now (评价 after the window, 重新办理 past the limit,
   * 催办 within the hour…): the page says it before anyone presses the button.
   */
  blocked: Partial<Record<TicketAction | 'rate' | 'urge', string>>;
}

export interface CreateTicketInput {
  communityId: number;
  kind: TicketKind;
  categoryCode: string;
  description: string;
  photoIds: number[];
  houseId?: number;
  place?: string;
  lat?: number;
  long?: number;
}

/** 代报: a ticket filed for a caller by a manager, staff member or community office. */
export interface ProxyTicketInput extends Omit<CreateTicketInput, 'houseId'> {
  channel: ProxyChannel;
  /** Required except for an inspection's own finding. */
  callerName?: string;
  callerPhone?: string;
  /** Any house of the estate, when the caller names one. */
  houseId?: number;
}

/** The full number, revealed to someone handling the ticket (written to the audit log). */
export interface RevealedPhone {
  phone: string;
}

export interface TransitionInput {
  action: TicketAction;
  version: number;
  note?: string;
  reason?: string;
  photoIds?: number[];
  /** assign: a staff member of the estate… */
  assigneeId?: number;
  /** …or an outside body (社区居委会, 供电公司). */
  externalAssignee?: string;
}

export const RATING_TAGS = ['响应及时', '态度好', '处理专业', '干净整洁', '响应慢', '没解决', '态度差'] as const;

export interface RatingInput {
  stars: number;
  tags?: string[];
  comment?: string;
}

export type TicketListView = 'mine' | 'following' | 'community' | 'inbox' | 'assigned' | 'oversight' | 'return_visits';

/** 内部报事 (filed by the estate's own property side): counted apart, never in the residents' figures. */
export interface InternalFigures {
  total: number;
  onTimeResponseRate: number | null;
  onTimeResolutionRate: number | null;
}

/** The line under residents' figures about the property side's own tickets, or null when there are none. */
export function internalFiguresText(internal: InternalFigures): string | null {
  return internal.total > 0 ? `另有内部报事 ${internal.total} 件（物业自行上报），不计入以上统计` : null;
}

/** Residents' tickets of one channel. */
export interface ChannelFigures {
  channel: Exclude<TicketSource, 'internal'>;
  label: string;
  total: number;
  satisfactionRate: number | null;
}

/**
 * Satisfaction by where the answer came from: the reporter's own rating in the app, or a return visit (回访:
 * satisfied or not; unreachable ones counted apart, never as satisfied); `pending` return visits not yet made.
 */
export interface SatisfactionSources {
  rated: number;
  ratedSatisfied: number;
  visited: number;
  visitedSatisfied: number;
  unreachable: number;
  pending: number;
}

/** Residents' figures split by channel (zero channels left out), and satisfaction by its source. */
export interface ChannelSplit {
  byChannel: ChannelFigures[];
  satisfactionSources: SatisfactionSources;
}

/** The channel split and the sources of satisfaction in words, one line each (empty when nothing was filed). */
export function channelSplitLines({ byChannel, satisfactionSources: s }: ChannelSplit): string[] {
  if (!byChannel.length) return [];
  const visits = s.visited || s.unreachable || s.pending ? ` · 回访 ${s.visited} 件（满意 ${s.visitedSatisfied}）· 无法联系 ${s.unreachable} · 待回访 ${s.pending}` : '';
  return [`按渠道：${byChannel.map((c) => `${c.label} ${c.total}`).join(' · ')}`, `满意度来源：评价 ${s.rated} 件（满意 ${s.ratedSatisfied}）${visits}`];
}

/** An estate's figures of residents' tickets (every channel); the property side's own tickets are in `internal`. */
export interface TicketStats extends ChannelSplit {
  communityId: number;
  from: string;
  to: string;
  total: number;
  byState: Partial<Record<TicketState, number>>;
  byCategory: { code: string; name: string; count: number }[];
  /** Shares 0..1, null when nothing to measure. */
  onTimeResponseRate: number | null;
  onTimeResolutionRate: number | null;
  satisfactionRate: number | null;
  reopenRate: number | null;
  overdueOpen: number;
  averageStars: number | null;
  internal: InternalFigures;
}

/**
 * What waits for the caller in one estate, for the workbench's badges. A count is null where the caller's roles
 * do not cover it (a committee member sees no ticket counts, staff see only their own).
 */
export interface Workload {
  communityId: number;
  /** 待受理: reported, not yet accepted or rejected (tickets.handle). */
  unaccepted: number | null;
  /** Open tickets past their response or resolution deadline (tickets.handle). */
  overdue: number | null;
  /** Assigned to the caller and not yet resolved (tickets.work). */
  assignedToMe: number | null;
  /** House-binding requests waiting for review (bindings.review). */
  pendingBindings: number | null;
}

export interface NotificationView {
  id: number;
  kind: string;
  title: string;
  body: string;
  ticketId: number | null;
  disclosureId: number | null;
  /** The page where the reader can act on it (notificationPage), without the leading slash. */
  page: string;
  read: boolean;
  createdAt: string;
}

/**
 * Which deadline a late ticket passed: 受理超时 while it waits to be accepted, 办结超时 once it is being handled
 * (isOverdue's two cases). `word`: 超时 for residents and the property side, 逾期 in the bureau's words.
 */
export function overdueLabel(state: TicketState, word: '超时' | '逾期' = '超时'): string {
  return `${state === 'submitted' ? '受理' : '办结'}${word}`;
}

/** Timeline events besides the lifecycle actions, worded the same for residents, the property side and offices. */
export const TICKET_EVENT_LABELS: Record<string, string> = {
  created: '提交报事',
  follow: '我也遇到（+1）',
  rate: '评价',
  urge: '催办',
  escalated: '转社区督办',
  auto_close: '自动办结',
  office_comment: '督办意见',
  deadline: '调整办理期限',
  escalation_closed: '督办结束',
  referred_meeting: '已提交联席会',
  referred_town: '已上报街道（乡镇）',
  referred_mediation: '已转调解',
  mediation_outcome: '调解结果',
  meeting_decision: '联席会议定',
  handover: '物业交接，退回待派单',
  reopen: '重新办理',
  visit_due: '待回访',
};

/** What happened in one timeline event. */
export function ticketEventLabel(event: { action: string; toState?: TicketState | null }): string {
  if (event.action === 'overdue') return overdueLabel(event.toState ?? 'submitted');
  if (TICKET_EVENT_LABELS[event.action]) return TICKET_EVENT_LABELS[event.action];
  if (event.action in TICKET_ACTION_LABELS) return TICKET_ACTION_LABELS[event.action as TicketAction];
  return event.toState ? TICKET_STATE_LABELS[event.toState] : event.action;
}

