// Tickets as the property side sees them, for the handling pages' tests.
import type { MeView, RoleScope, TicketSummary, TicketView } from '@wuye/contracts';
import { ticketSummary, ticketView } from './support/fake-api';

export const MANAGER_ROLE: RoleScope = { role: 'manager', communityId: 1, companyId: 1, scopeName: '锦绣花园' };
export const STAFF_ROLE: RoleScope = { role: 'staff', communityId: 1, companyId: 1, scopeName: '锦绣花园', title: '维修工' };

export const meWith = (roles: RoleScope[], displayName = '陈经理'): MeView => ({ id: 8, displayName, phone: null, roles, houses: [], wechat: false });

/** A ticket in a manager's or staff member's list (the resident-side fixture, as the property side words it). */
export const summary = (id: number, overrides: Partial<TicketSummary> = {}): TicketSummary =>
  ticketSummary(id, { summary: `3栋1单元电梯按钮失灵 ${id}`, place: '3栋1单元大堂', ...overrides });

/** Ticket 42 as the property side opens it: reporter's masked phone, photos, accept/reject offered. */
export function ticket(overrides: Partial<TicketView> = {}): TicketView {
  return ticketView(42, {
    ...summary(42),
    description: '3栋1单元电梯按钮失灵，按了不亮，老人上下楼不方便',
    photos: [{ id: 501, url: '/api/v1/files/a.jpg?sig=1', thumbnailUrl: '/api/v1/files/a-thumb.jpg?sig=1' }],
    reporterPhone: '138****1234',
    timeline: [{ id: 1, action: 'created', actor: '报事人 张阿姨', fromState: null, toState: 'submitted', note: null, photos: [], at: '2026-11-28T02:00:00.000Z' }],
    actions: ['accept', 'reject'],
    isReporter: false,
    ...overrides,
  });
}
