import { RESIDENT_CHANNELS, TICKET_SOURCE_LABELS, type Metrics, type TicketSource, type TicketState } from '@wuye/contracts';
import { ROLLUP_COUNTERS, type Counters } from './rollups.service';

/**
 * The figures people read (statistics of an estate, an office, a town, a county, a company), from counters kept
 * per channel. Residents' figures sum every channel but 内部报事, which is counted apart; satisfaction counts the
 * app reporters' ratings and the return visits (回访) together, each also shown as its own source.
 */
export type Tally = Partial<Record<TicketSource, Counters>>;

export const zeroCounters = (): Counters => Object.fromEntries(ROLLUP_COUNTERS.map((k) => [k, 0])) as Counters;

/** Adds counters of one channel into a tally. */
export function addCounters(target: Tally, source: TicketSource, counters: Counters): void {
  const into = (target[source] ??= zeroCounters());
  ROLLUP_COUNTERS.forEach((k) => (into[k] += counters[k]));
}

export const addTally = (target: Tally, other: Tally) => (Object.entries(other) as [TicketSource, Counters][]).forEach(([s, c]) => addCounters(target, s, c));

export const share = (part: number, whole: number) => (whole ? Math.round((part / whole) * 10000) / 10000 : null);

const STATES: [TicketState, keyof Counters][] = [
  ['submitted', 'submitted'],
  ['accepted', 'accepted'],
  ['assigned', 'assigned'],
  ['in_progress', 'inProgress'],
  ['resolved', 'resolved'],
  ['closed', 'closed'],
  ['rejected', 'rejected'],
  ['cancelled', 'cancelled'],
];

const satisfied = (c: Counters) => c.satisfied + c.visitSatisfied;
const answered = (c: Counters) => c.rated + c.visitSatisfied + c.visitDissatisfied;

/** Residents' figures (every channel but 内部报事) and 内部报事 apart; overdue open tickets are every ticket's (the backlog). */
export function metricsOf(tally: Tally, overdueOpen: number): Metrics {
  const c = zeroCounters();
  for (const channel of RESIDENT_CHANNELS) if (tally[channel]) ROLLUP_COUNTERS.forEach((k) => (c[k] += (tally[channel] as Counters)[k]));
  const internal = tally.internal ?? zeroCounters();
  return {
    internal: { total: internal.total, onTimeResponseRate: share(internal.respondedOnTime, internal.responded), onTimeResolutionRate: share(internal.resolvedOnTime, internal.resolvedCount) },
    total: c.total,
    byState: Object.fromEntries(STATES.filter(([, k]) => c[k]).map(([s, k]) => [s, c[k]])),
    onTimeResponseRate: share(c.respondedOnTime, c.responded),
    onTimeResolutionRate: share(c.resolvedOnTime, c.resolvedCount),
    satisfactionRate: share(satisfied(c), answered(c)),
    reopenRate: share(c.reopened, c.everResolved),
    averageStars: c.rated ? Math.round((c.starsSum / c.rated) * 100) / 100 : null,
    overdueOpen,
    byChannel: RESIDENT_CHANNELS.filter((channel) => tally[channel]?.total).map((channel) => {
      const k = tally[channel] as Counters;
      return { channel, label: TICKET_SOURCE_LABELS[channel], total: k.total, satisfactionRate: share(satisfied(k), answered(k)) };
    }),
    satisfactionSources: {
      rated: c.rated,
      ratedSatisfied: c.satisfied,
      visited: c.visitSatisfied + c.visitDissatisfied,
      visitedSatisfied: c.visitSatisfied,
      unreachable: c.visitUnreachable,
      pending: c.visitDue,
    },
  };
}
