import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { TicketState } from '@wuye/contracts';
import { shanghaiDate } from '../../common/time';
import { activeContractsQuery } from '../org/contracts.service';
import type { Ticket } from './ticket.entity';
import { TicketRollup } from './ticket-rollup.entity';

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
] as const;
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

type Countable = Pick<Ticket, 'state' | 'respondedOnTime' | 'resolvedOnTime' | 'ratingStars' | 'reopenCount' | 'resolvedAt'>;

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
  return c;
}

/**
 * Rebuilds ticket_rollup from the tickets with one grouped INSERT … SELECT (used by the migration that created
 * the table, by bulk loads and for repair). Returns the number of rows.
 */
export async function rebuildRollups(runner: { query(sql: string, params?: unknown[]): Promise<unknown> }, mysql: boolean, today: string): Promise<number> {
  const day = mysql ? 'DATE(DATE_ADD(t.created_at, INTERVAL 8 HOUR))' : "date(t.created_at, '+8 hours')";
  const sums = [
    'COUNT(*)',
    ...(['submitted', 'accepted', 'assigned', 'in_progress', 'resolved', 'closed', 'rejected', 'cancelled'] as const).map((s) => `SUM(CASE WHEN t.state = '${s}' THEN 1 ELSE 0 END)`),
    'SUM(CASE WHEN t.responded_on_time IS NOT NULL THEN 1 ELSE 0 END)',
    'SUM(CASE WHEN t.responded_on_time = 1 THEN 1 ELSE 0 END)',
    'SUM(CASE WHEN t.resolved_on_time IS NOT NULL THEN 1 ELSE 0 END)',
    'SUM(CASE WHEN t.resolved_on_time = 1 THEN 1 ELSE 0 END)',
    'SUM(CASE WHEN t.rating_stars IS NOT NULL THEN 1 ELSE 0 END)',
    'SUM(CASE WHEN t.rating_stars >= 4 THEN 1 ELSE 0 END)',
    'COALESCE(SUM(t.rating_stars), 0)',
    'SUM(CASE WHEN t.reopen_count > 0 THEN 1 ELSE 0 END)',
    "SUM(CASE WHEN t.resolved_at IS NOT NULL OR t.reopen_count > 0 OR t.state = 'closed' THEN 1 ELSE 0 END)",
  ];
  await runner.query('DELETE FROM ticket_rollup');
  // One estate at a time: each GROUP BY stays small (a province-wide one spills a temporary table of millions of
  // groups to disk), and the ticket index on community_id does the narrowing.
  const communities = (await runner.query('SELECT DISTINCT community_id AS id FROM ticket ORDER BY community_id')) as { id: number | string }[];
  for (const { id } of communities) {
    await runner.query(
      `INSERT INTO ticket_rollup (community_id, area_path, company_id, day, category_code, ${ROLLUP_COUNTERS.map(columnOf).join(', ')})
       SELECT t.community_id, MAX(t.area_path), MAX(sc.company_id), ${day}, t.category_code, ${sums.join(', ')}
       FROM ticket t
       LEFT JOIN service_contract sc ON sc.community_id = t.community_id AND sc.terminated_at IS NULL AND sc.starts_on <= ? AND (sc.ends_on IS NULL OR sc.ends_on >= ?)
       WHERE t.community_id = ?
       GROUP BY t.community_id, ${day}, t.category_code`,
      [today, today, Number(id)],
    );
  }
  const [{ n }] = (await runner.query('SELECT COUNT(*) AS n FROM ticket_rollup')) as { n: number | string }[];
  return Number(n);
}

/** Keeps ticket_rollup in step with the tickets: called inside the transaction that changes a ticket. */
@Injectable()
export class RollupsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** before: the ticket as it was (null when new); after: as it is now. */
  async record(m: EntityManager, before: (Countable & Pick<Ticket, 'communityId' | 'areaPath' | 'createdAt' | 'categoryCode'>) | null, after: Countable & Pick<Ticket, 'communityId' | 'areaPath' | 'createdAt' | 'categoryCode'>): Promise<void> {
    const add = contribution(after);
    const sub = before ? contribution(before) : null;
    const delta = Object.fromEntries(ROLLUP_COUNTERS.map((k) => [k, add[k] - (sub?.[k] ?? 0)])) as Counters;
    if (ROLLUP_COUNTERS.every((k) => delta[k] === 0)) return;
    const key = { communityId: after.communityId, day: shanghaiDate(after.createdAt), categoryCode: after.categoryCode };
    const repo = m.getRepository(TicketRollup);
    const apply = () =>
      repo
        .createQueryBuilder()
        .update()
        .set(Object.fromEntries(ROLLUP_COUNTERS.filter((k) => delta[k] !== 0).map((k) => [k, () => `${columnOf(k)} + ${delta[k]}`])))
        .where('community_id = :communityId AND day = :day AND category_code = :categoryCode', key)
        .execute();
    if ((await apply()).affected) return;
    const company = await activeContractsQuery(m, shanghaiDate()).andWhere('sc.communityId = :c', { c: after.communityId }).getOne();
    // A new row; if another transaction made it first, add to theirs.
    await repo
      .createQueryBuilder()
      .insert()
      .values({ ...key, areaPath: after.areaPath, companyId: company?.companyId ?? null, ...Object.fromEntries(ROLLUP_COUNTERS.map((k) => [k, 0])) })
      .orIgnore()
      .execute();
    await apply();
  }

  /** Rebuilds every row from the tickets table (after bulk loads, or to repair). Returns the rows written. */
  async rebuild(): Promise<number> {
    return this.db.transaction((m) => rebuildRollups(m, m.connection.options.type === 'mysql' || m.connection.options.type === 'mariadb', shanghaiDate()));
  }
}

/** inProgress → in_progress: the column of a counter. */
export const columnOf = (counter: RollupCounter) => counter.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
