import { DEFAULT_TICKET_CATEGORIES, OPEN_TICKET_STATES, WORKING_TICKET_STATES, type DeadlineFloor, type TicketCategory, type TicketState } from '@wuye/contracts';

export type CategoryDeadlines = Pick<TicketCategory, 'responseMinutes' | 'resolutionMinutes'>;

/**
 * A category brought within its county's floor (floorProblem in contracts says what is looser): no longer deadlines
 * than the floor, and an emergency floor keeps the category active and flagged. Used where the system itself writes
 * categories: an estate's defaults on first use, and existing estates when the county sets a stricter floor.
 */
export function withinFloor<C extends Pick<TicketCategory, 'responseMinutes' | 'resolutionMinutes' | 'emergency' | 'active'>>(category: C, floor: DeadlineFloor | undefined): C {
  if (!floor) return category;
  const resolutionMinutes = Math.min(category.resolutionMinutes, floor.resolutionMinutes);
  return {
    ...category,
    responseMinutes: Math.min(category.responseMinutes, floor.responseMinutes, resolutionMinutes),
    resolutionMinutes,
    emergency: category.emergency || floor.emergency,
    active: category.active || floor.emergency,
  };
}

/** A ticket whose category has since been removed runs on the deadlines of 其他 (other). */
const FALLBACK: CategoryDeadlines = DEFAULT_TICKET_CATEGORIES.find((c) => c.code === 'other') as TicketCategory;

/**
 * The one place deadlines are computed. Property service runs around the clock, so minutes are wall-clock
 * minutes from the moment the ticket was filed, reopened or appealed.
 */
export function ticketDeadlines(from: Date, category: CategoryDeadlines | null) {
  const c = category ?? FALLBACK;
  return {
    responseDueAt: new Date(from.getTime() + c.responseMinutes * 60_000),
    resolutionDueAt: new Date(from.getTime() + c.resolutionMinutes * 60_000),
  };
}

/** Past its deadline right now: not accepted in time, or not resolved in time. */
export function isOverdue(t: { state: TicketState; responseDueAt: Date; resolutionDueAt: Date }, now = Date.now()): boolean {
  if (t.state === 'submitted') return t.responseDueAt.getTime() < now || t.resolutionDueAt.getTime() < now;
  return WORKING_TICKET_STATES.includes(t.state) && t.resolutionDueAt.getTime() < now;
}

/** isOverdue in SQL over the ticket aliased `t`, with overdueParams() for `:now` and `:open`. */
export const OVERDUE_SQL = "((t.state = 'submitted' AND t.response_due_at < :now) OR (t.state IN (:...open) AND t.resolution_due_at < :now))";
export const overdueParams = (now = new Date()) => ({ now, open: OPEN_TICKET_STATES });
