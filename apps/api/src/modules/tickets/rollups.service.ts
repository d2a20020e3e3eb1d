import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { ReturnVisitState, TicketState } from '@wuye/contracts';
import { activeContractSql, activeContractsQuery } from '../org/contracts.service';
import type { Ticket } from './ticket.entity';
import { RollupCounters, TicketRollup, TicketRollupMonth } from './ticket-rollup.entity';
import { shanghaiDate } from '@wuye/contracts';

/** The counters a rollup row keeps, by column (property) name. */
export const ROLLUP_COUNTERS = [
  'total',
  'submitted',
  'accepted',
  'assigned',
  'inProgress',
  'resolved',
  'closed',
  'rejected',
  'cancelled',
  'responded',
  'respondedOnTime',
  'resolvedCount',
  'resolvedOnTime',
  'rated',
  'satisfied',
  'starsSum',
  'reopened',
  'everResolved',
  'visitDue',
  'visitSatisfied',
  'visitDissatisfied',
  'visitUnreachable',
] as const;
/** The counters that came with return visits (migration 19200): rebuilds made by earlier migrations leave them out. */
const VISIT_COUNTERS: readonly RollupCounter[] = ['visitDue', 'visitSatisfied', 'visitDissatisfied', 'visitUnreachable'];
const VISIT_COUNTER: Record<ReturnVisitState, RollupCounter> = { due: 'visitDue', satisfied: 'visitSatisfied', dissatisfied: 'visitDissatisfied', unreachable: 'visitUnreachable' };
export type RollupCounter = (typeof ROLLUP_COUNTERS)[number];
export type Counters = Record<RollupCounter, number>;

const STATE_COUNTER: Record<TicketState, RollupCounter> = {
  submitted: 'submitted',
  accepted: 'accepted',
  assigned: 'assigned',
  in_progress: 'inProgress',
  resolved: 'resolved',
  closed: 'closed',
  rejected: 'rejected',
  cancelled: 'cancelled',
};

type Countable = Pick<Ticket, 'state' | 'respondedOnTime' | 'resolvedOnTime' | 'ratingStars' | 'reopenCount' | 'resolvedAt' | 'returnVisit'>;

/** What one ticket adds to its row. The statistics' definitions live here and nowhere else. */
export function contribution(t: Countable): Counters {
  const c = Object.fromEntries(ROLLUP_COUNTERS.map((k) => [k, 0])) as Counters;
  c.total = 1;
  c[STATE_COUNTER[t.state]] = 1;
  if (t.respondedOnTime !== null) c.responded = 1;
  if (t.respondedOnTime === true) c.respondedOnTime = 1;
  if (t.resolvedOnTime !== null) c.resolvedCount = 1;
  if (t.resolvedOnTime === true) c.resolvedOnTime = 1;
  if (t.ratingStars !== null) {
    c.rated = 1;
    c.starsSum = t.ratingStars;
    if (t.ratingStars >= 4) c.satisfied = 1;
  }
  if (t.reopenCount > 0) c.reopened = 1;
  if (t.resolvedAt !== null || t.reopenCount > 0 || t.state === 'closed') c.everResolved = 1;
  if (t.returnVisit) c[VISIT_COUNTER[t.returnVisit]] = 1;
  return c;
}

type Runner = { query(sql: string, params?: unknown[]): Promise<unknown> };

/** What the rollup tables held when a migration rebuilt them: no source before migration 7, no return visits before 19200. */
export interface RollupShape {
  sources?: boolean;
  visits?: boolean;
}
const countersOf = (shape: RollupShape) => ROLLUP_COUNTERS.filter((k) => shape.visits !== false || !VISIT_COUNTERS.includes(k));

/** The monthly rollups again, from the daily ones (same counters, summed per estate, month and category). */
export async function rebuildMonthlyRollups(runner: Runner, mysql: boolean, options: RollupShape = {}): Promise<void> {
  const month = mysql ? "DATE_FORMAT(r.day, '%Y-%m-01')" : "strftime('%Y-%m-01', r.day)";
  const columns = countersOf(options).map(columnOf);
  const source = options.sources === false ? { column: '', value: '', group: '' } : { column: ', source', value: ', r.source', group: ', r.source' };
  await runner.query('DELETE FROM ticket_rollup_month');
  await runner.query(
    `INSERT INTO ticket_rollup_month (community_id, area_path, company_id, month, category_code${source.column}, ${columns.join(', ')})
     SELECT r.community_id, MAX(r.area_path), MAX(r.company_id), ${month}, r.category_code${source.value}, ${columns.map((c) => `SUM(r.${c})`).join(', ')}
     FROM ticket_rollup r GROUP BY r.community_id, ${month}, r.category_code${source.group}`,
  );
}

/**
 * The counters of ROLLUP_COUNTERS as SQL aggregates over tickets aliased `t`, in that order: what contribution()
 * says of one ticket, summed. The rebuild and an estate's own statistics (over its tickets) read them.
 */
export function counterSums(t: string, shape: RollupShape = {}): string[] {
  return [
    'COUNT(*)',
    ...(['submitted', 'accepted', 'assigned', 'in_progress', 'resolved', 'closed', 'rejected', 'cancelled'] as const).map((s) => `SUM(CASE WHEN ${t}.state = '${s}' THEN 1 ELSE 0 END)`),
    `SUM(CASE WHEN ${t}.responded_on_time IS NOT NULL THEN 1 ELSE 0 END)`,
    `SUM(CASE WHEN ${t}.responded_on_time = 1 THEN 1 ELSE 0 END)`,
    `SUM(CASE WHEN ${t}.resolved_on_time IS NOT NULL THEN 1 ELSE 0 END)`,
    `SUM(CASE WHEN ${t}.resolved_on_time = 1 THEN 1 ELSE 0 END)`,
    `SUM(CASE WHEN ${t}.rating_stars IS NOT NULL THEN 1 ELSE 0 END)`,
    `SUM(CASE WHEN ${t}.rating_stars >= 4 THEN 1 ELSE 0 END)`,
    `COALESCE(SUM(${t}.rating_stars), 0)`,
    `SUM(CASE WHEN ${t}.reopen_count > 0 THEN 1 ELSE 0 END)`,
    `SUM(CASE WHEN ${t}.resolved_at IS NOT NULL OR ${t}.reopen_count > 0 OR ${t}.state = 'closed' THEN 1 ELSE 0 END)`,
    ...(shape.visits === false ? [] : (['due', 'satisfied', 'dissatisfied', 'unreachable'] as const).map((v) => `SUM(CASE WHEN ${t}.return_visit = '${v}' THEN 1 ELSE 0 END)`)),
  ];
}

/**
 * Rebuilds ticket_rollup from the tickets with one grouped INSERT … SELECT per estate (used by the migration that
 * created the table, by bulk loads and for repair). Returns the number of rows.
 */
export async function rebuildRollups(runner: Runner, mysql: boolean, today: string, options: RollupShape & { months?: boolean } = {}): Promise<number> {
  // Rows per source (内部报事 apart), except for the migration that reverts to rows without one.
  const source = options.sources === false ? { column: '', value: '', group: '' } : { column: ', source', value: ', t.source', group: ', t.source' };
  const day = mysql ? 'DATE(DATE_ADD(t.created_at, INTERVAL 8 HOUR))' : "date(t.created_at, '+8 hours')";
  const sums = counterSums('t', options);
  await runner.query('DELETE FROM ticket_rollup');
  // One estate at a time: each GROUP BY stays small (a province-wide one spills a temporary table of millions of
  // groups to disk), and the ticket index on community_id does the narrowing.
  const communities = (await runner.query('SELECT DISTINCT community_id AS id FROM ticket ORDER BY community_id')) as { id: number | string }[];
  for (const { id } of communities) {
    await runner.query(
      `INSERT INTO ticket_rollup (community_id, area_path, company_id, day, category_code${source.column}, ${countersOf(options).map(columnOf).join(', ')})
       SELECT t.community_id, MAX(t.area_path), MAX(sc.company_id), ${day}, t.category_code${source.value}, ${sums.join(', ')}
       FROM ticket t
       LEFT JOIN service_contract sc ON sc.community_id = t.community_id AND ${activeContractSql('sc', '?')}
       WHERE t.community_id = ?
       GROUP BY t.community_id, ${day}, t.category_code${source.group}`,
      [today, today, Number(id)],
    );
  }
  // (The migration that made the daily table ran before the monthly table existed.)
  if (options.months !== false) await rebuildMonthlyRollups(runner, mysql, options);
  const [{ n }] = (await runner.query('SELECT COUNT(*) AS n FROM ticket_rollup')) as { n: number | string }[];
  return Number(n);
}

/** Adds `delta` to the row of this estate, period and category (made first if it is the period's first ticket). */
async function bump(
  m: EntityManager,
  target: typeof TicketRollup | typeof TicketRollupMonth,
  period: 'day' | 'month',
  value: string,
  after: Pick<Ticket, 'communityId' | 'areaPath' | 'categoryCode' | 'source'>,
  delta: Counters,
  companyOf: () => Promise<number | null>,
): Promise<void> {
  const repo = m.getRepository<RollupCounters>(target);
  const key = { communityId: after.communityId, period: value, categoryCode: after.categoryCode, source: after.source };
  const apply = () =>
    repo
      .createQueryBuilder()
      .update()
      .set(Object.fromEntries(ROLLUP_COUNTERS.filter((k) => delta[k] !== 0).map((k) => [k, () => `${columnOf(k)} + ${delta[k]}`])))
      .where(`community_id = :communityId AND ${period} = :period AND category_code = :categoryCode AND source = :source`, key)
      .execute();
  if ((await apply()).affected) return;
  // A new row; if another transaction made it first, add to theirs.
  await repo
    .createQueryBuilder()
    .insert()
    .values({ communityId: after.communityId, [period]: value, categoryCode: after.categoryCode, source: after.source, areaPath: after.areaPath, companyId: await companyOf(), ...Object.fromEntries(ROLLUP_COUNTERS.map((k) => [k, 0])) })
    .orIgnore()
    .execute();
  await apply();
}

/** Keeps ticket_rollup (days) and ticket_rollup_month in step with the tickets, inside the changing transaction. */
@Injectable()
export class RollupsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** before: the ticket as it was (null when new); after: as it is now. */
  async record(
    m: EntityManager,
    before: (Countable & Pick<Ticket, 'communityId' | 'areaPath' | 'createdAt' | 'categoryCode' | 'source'>) | null,
    after: Countable & Pick<Ticket, 'communityId' | 'areaPath' | 'createdAt' | 'categoryCode' | 'source'>,
  ): Promise<void> {
    const add = contribution(after);
    const sub = before ? contribution(before) : null;
    const delta = Object.fromEntries(ROLLUP_COUNTERS.map((k) => [k, add[k] - (sub?.[k] ?? 0)])) as Counters;
    if (ROLLUP_COUNTERS.every((k) => delta[k] === 0)) return;
    const day = shanghaiDate(after.createdAt);
    let company: number | null | undefined;
    const companyOf = async () => {
      if (company === undefined) company = (await activeContractsQuery(m, shanghaiDate()).andWhere('sc.communityId = :c', { c: after.communityId }).getOne())?.companyId ?? null;
      return company;
    };
    await bump(m, TicketRollup, 'day', day, after, delta, companyOf);
    await bump(m, TicketRollupMonth, 'month', `${day.slice(0, 7)}-01`, after, delta, companyOf);
  }

  /** Rebuilds every row from the tickets table (after bulk loads, or to repair). Returns the rows written. */
  async rebuild(): Promise<number> {
    return this.db.transaction((m) => rebuildRollups(m, m.connection.options.type === 'mysql' || m.connection.options.type === 'mariadb', shanghaiDate()));
  }
}

/** inProgress → in_progress: the column of a counter. */
export const columnOf = (counter: RollupCounter) => counter.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
