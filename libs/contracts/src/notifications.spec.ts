import { notificationPage } from './notifications';

const notice = (kind: string, ids: { ticketId?: number; rectificationId?: number; voteId?: number } = {}) => ({ kind, ticketId: ids.ticketId ?? null, disclosureId: null, voteId: ids.voteId ?? null, rectificationId: ids.rectificationId ?? null });

describe('the page a notification opens', () => {
  it('opens the 整改单 it is about; a notice of several orders opens the inbox', () => {
    expect(notificationPage(notice('rectification_returned', { rectificationId: 12 }))).toBe('packages/inspections/pages/order/index?id=12');
    expect(notificationPage(notice('rectification_overdue', { rectificationId: 13 }))).toBe('packages/inspections/pages/order/index?id=13');
    expect(notificationPage(notice('rectification_issued', { rectificationId: 14 }))).toBe('packages/inspections/pages/order/index?id=14');
    expect(notificationPage(notice('rectification_issued'))).toBe('packages/inspections/pages/index/index');
  });

  it('opens the record by its own id, and the message list when the record is unknown', () => {
    expect(notificationPage(notice('vote_open', { voteId: 3 }))).toBe('packages/votes/pages/detail/index?id=3');
    expect(notificationPage(notice('vote_open'))).toBe('pages/messages/index');
    expect(notificationPage(notice('ticket_accepted', { ticketId: 9 }))).toBe('packages/tickets/pages/detail/index?id=9');
    expect(notificationPage(notice('something_new'))).toBe('pages/messages/index');
  });
});
