import { TICKET_ACTION_LABELS, TICKET_STATE_LABELS, type TicketAction, type TicketEventView, type TicketState } from '@wuye/contracts';

/** The state chips of 我的报事: each chip asks the API for these states. */
export interface StateFilter {
  key: string;
  label: string;
  states: readonly TicketState[];
}

export const STATE_FILTERS: readonly StateFilter[] = [
  { key: 'all', label: '全部', states: [] },
  { key: 'submitted', label: '待受理', states: ['submitted'] },
  { key: 'handling', label: '处理中', states: ['accepted', 'assigned', 'in_progress'] },
  { key: 'resolved', label: '待评价', states: ['resolved'] },
  { key: 'closed', label: '已办结', states: ['closed'] },
  { key: 'ended', label: '已撤销/不予受理', states: ['cancelled', 'rejected'] },
];

/** Colour of the state badge: waiting (amber), done (green), refused or withdrawn (red), in hand (blue). */
export function stateBadgeClass(state: TicketState): string {
  if (state === 'submitted' || state === 'resolved') return 'badge-pending';
  if (state === 'closed') return 'badge-approved';
  if (state === 'rejected' || state === 'cancelled') return 'badge-rejected';
  return 'badge-current';
}

export const stateLabel = (state: TicketState) => TICKET_STATE_LABELS[state];

const EVENT_LABELS: Record<string, string> = {
  created: '提交报事',
  follow: '我也遇到（+1）',
  rate: '评价',
  urge: '催办',
  overdue: '已超时',
  escalated: '转社区督办',
  auto_close: '自动办结',
  office_comment: '督办意见',
  deadline: '调整办理期限',
  escalation_closed: '督办结束',
  reopen: '重新办理',
};

/** What happened in one timeline event, in the resident's words. */
export function eventLabel(event: Pick<TicketEventView, 'action' | 'toState'>): string {
  if (EVENT_LABELS[event.action]) return EVENT_LABELS[event.action];
  if (event.action in TICKET_ACTION_LABELS) return TICKET_ACTION_LABELS[event.action as TicketAction];
  return event.toState ? TICKET_STATE_LABELS[event.toState] : event.action;
}
