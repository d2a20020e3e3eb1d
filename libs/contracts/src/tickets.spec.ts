import { TICKET_TRANSITIONS, ticketEventLabel, type TicketAction, type TicketActor } from './tickets';

describe('ticket timeline words', () => {
  it('says which deadline a late ticket passed: 受理 while waiting to be accepted, 办结 once handled', () => {
    expect(ticketEventLabel({ action: 'overdue', toState: 'submitted' })).toBe('受理超时');
    expect(ticketEventLabel({ action: 'overdue', toState: 'in_progress' })).toBe('办结超时');
  });
});

describe('TICKET_TRANSITIONS: who takes each step', () => {
  // Written out here, not read from the table: a table that grants a step to one more actor (a manager closing a
  // resident's ticket, the company recording its own 回访 as satisfied) has to change this list too.
  const EXPECTED: Record<TicketAction, TicketActor[]> = {
    accept: ['manager'],
    reject: ['manager'],
    assign: ['manager'],
    start: ['assignee', 'manager'],
    resolve: ['assignee', 'manager'],
    close: ['reporter'],
    cancel: ['reporter'],
    reopen: ['reporter'],
    appeal: ['reporter'],
    complain: ['reporter'],
    visit_satisfied: ['office'],
    visit_dissatisfied: ['manager', 'office'],
    visit_unreachable: ['office'],
  };

  it('gives every step exactly its actors, once each', () => {
    const actual = Object.fromEntries(TICKET_TRANSITIONS.map((rule) => [rule.action, [...rule.actors].sort()]));
    expect(actual).toEqual(EXPECTED);
    expect(TICKET_TRANSITIONS).toHaveLength(Object.keys(EXPECTED).length);
  });
});
