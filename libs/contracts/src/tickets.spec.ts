import { ticketEventLabel } from './tickets';

describe('ticket timeline words', () => {
  it('says which deadline a late ticket passed: 受理 while waiting to be accepted, 办结 once handled', () => {
    expect(ticketEventLabel({ action: 'overdue', toState: 'submitted' })).toBe('受理超时');
    expect(ticketEventLabel({ action: 'overdue', toState: 'in_progress' })).toBe('办结超时');
  });
});
