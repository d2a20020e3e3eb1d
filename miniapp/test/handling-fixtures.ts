// Tickets as the property side sees them, for the handling pages' tests.
import type { MeView, RoleScope, TicketSummary, TicketView } from '@wuye/contracts';

export const MANAGER_ROLE: RoleScope = { role: 'manager', communityId: 1, companyId: 1, scopeName: '锦绣花园' };
export const STAFF_ROLE: RoleScope = { role: 'staff', communityId: 1, companyId: 1, scopeName: '锦绣花园', title: '维修工' };

export const meWith = (roles: RoleScope[], displayName = '陈经理'): MeView => ({ id: 8, displayName, phone: null, roles, houses: [], wechat: false });

export function summary(id: number, overrides: Partial<TicketSummary> = {}): TicketSummary {
  return {
    id,
    communityId: 1,
    communityName: '锦绣花园',
    kind: 'repair',
    categoryCode: 'elevator',
    categoryName: '电梯',
    emergency: false,
    summary: `3栋1单元电梯按钮失灵 ${id}`,
    state: 'submitted',
    visibility: 'public',
    reporter: '张阿姨',
    place: '3栋1单元大堂',
    thumbnailUrl: null,
    createdAt: '2026-11-28T02:00:00.000Z',
    responseDueAt: '2026-11-28T02:30:00.000Z',
    resolutionDueAt: '2026-11-29T02:00:00.000Z',
    overdue: false,
    escalated: false,
    followerCount: 0,
    version: 1,
    ...overrides,
  };
}

export function ticket(overrides: Partial<TicketView> = {}): TicketView {
  return {
    ...summary(42),
    description: '3栋1单元电梯按钮失灵，按了不亮，老人上下楼不方便',
    photos: [{ id: 501, url: '/api/v1/files/a.jpg?sig=1', thumbnailUrl: '/api/v1/files/a-thumb.jpg?sig=1' }],
    house: null,
    lat: null,
    long: null,
    assignee: null,
    reporterPhone: '138****1234',
    rating: null,
    reopenCount: 0,
    timeline: [
      { id: 1, action: 'created', actor: '报事人 张阿姨', fromState: null, toState: 'submitted', note: null, photos: [], at: '2026-11-28T02:00:00.000Z' },
    ],
    actions: ['accept', 'reject'],
    canRate: false,
    canUrge: false,
    following: false,
    isReporter: false,
    heldForReview: false,
    source: 'app',
    ...overrides,
  };
}
