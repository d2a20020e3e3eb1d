import type { TicketState } from '@wuye/contracts';

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
