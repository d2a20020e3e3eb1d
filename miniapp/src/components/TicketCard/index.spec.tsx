import { fireEvent, render, screen } from '@testing-library/react';
import { ticketSummary } from '../../../test/support/fake-api';
import TicketCard from './index';

const marks = () => Array.from(document.querySelectorAll('.ticket-badges .badge')).map((el) => el.textContent);
const text = (selector: string) => document.querySelector(selector)?.textContent ?? null;

const FLAGGED = ticketSummary(12, { emergency: true, overdue: true, escalated: true, place: '3栋1单元大堂', reporter: '3栋业主', followerCount: 2 });

describe('the ticket card', () => {
  it('shows a resident what and where, the state and marks in their words, when, and how many have it too', () => {
    render(<TicketCard ticket={FLAGGED} audience="resident" onOpen={() => undefined} />);

    expect(text('.ticket-category')).toBe('电梯 · 报修');
    expect(marks()).toEqual(['待受理', '紧急', '受理超时', '社区督办中']);
    expect(screen.getByText('3栋电梯按钮失灵 #12')).toBeInTheDocument();
    expect(text('.ticket-place')).toBe('位置：3栋1单元大堂');
    // Residents refer to their own reports by what they are, not by number, and do not see who reported by default.
    expect(text('.ticket-meta')).toBe('锦绣花园 · 2026-11-28 10:00 · 2 人也遇到');
    expect(document.querySelector('.ticket-id')).toBeNull();
    expect(document.querySelector('.ticket-due')).toBeNull();
  });

  it('on the board it names the (masked) reporter first', () => {
    render(<TicketCard ticket={FLAGGED} audience="resident" showReporter onOpen={() => undefined} />);
    expect(text('.ticket-meta')).toBe('3栋业主 · 锦绣花园 · 2026-11-28 10:00 · 2 人也遇到');
  });

  it('gives the property side the number, the reporter and the deadline that matters now, late ones marked', () => {
    const { rerender } = render(<TicketCard ticket={FLAGGED} audience="handling" onOpen={() => undefined} />);

    expect(text('.ticket-id')).toBe('#12');
    expect(marks()).toEqual(['待受理', '紧急', '受理超时', '督办']);
    expect(text('.ticket-meta')).toContain('3栋业主 · 锦绣花园');
    expect(screen.getByText('受理时限 2026-11-28 10:30')).toHaveClass('ticket-due-late');
    expect(document.querySelector('.ticket-card')).toHaveClass('ticket-card-overdue');

    // Once accepted, a late ticket has missed the other deadline, and says which.
    rerender(<TicketCard ticket={ticketSummary(12, { state: 'assigned', overdue: true })} audience="handling" onOpen={() => undefined} />);
    expect(marks()).toEqual(['已转办', '办结超时']);

    rerender(<TicketCard ticket={ticketSummary(12, { state: 'in_progress' })} audience="handling" onOpen={() => undefined} />);
    expect(screen.getByText('办结时限 2026-11-29 10:00')).not.toHaveClass('ticket-due-late');

    rerender(<TicketCard ticket={ticketSummary(12, { state: 'resolved' })} audience="handling" onOpen={() => undefined} />);
    expect(document.querySelector('.ticket-due')).toBeNull();
  });

  it('gives oversight the number and its own words: 逾期, 督办中; no deadline line', () => {
    render(<TicketCard ticket={FLAGGED} audience="oversight" onOpen={() => undefined} />);
    expect(text('.ticket-id')).toBe('#12');
    expect(marks()).toEqual(['待受理', '紧急', '受理逾期', '督办中']);
    expect(document.querySelector('.ticket-due')).toBeNull();
  });

  it('colours the state chip by state, shows no marks that do not apply, and the thumbnail from the API’s origin', () => {
    render(<TicketCard ticket={ticketSummary(3, { state: 'closed', thumbnailUrl: '/api/v1/files/t.jpg?sig=1' })} audience="resident" onOpen={() => undefined} />);
    expect(marks()).toEqual(['已办结']);
    expect(document.querySelector('.ticket-state')).toHaveClass('ticket-state-closed');
    expect(document.querySelector('.ticket-thumb')).toHaveAttribute('src', 'http://127.0.0.1:3000/api/v1/files/t.jpg?sig=1');
  });

  it('opens the ticket when tapped', () => {
    const onOpen = jest.fn();
    render(<TicketCard ticket={FLAGGED} audience="oversight" className="ov-ticket" onOpen={onOpen} />);
    fireEvent.click(screen.getByText('3栋电梯按钮失灵 #12'));
    expect(onOpen).toHaveBeenCalledTimes(1);
    expect(document.querySelector('.ov-ticket')).toHaveClass('ticket-card');
  });
});
