import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { type TicketSource, type TicketStats, addDays, isCalendarDate, shanghaiDayStart } from '@wuye/contracts';
import { invalid, notFound } from '../../common/errors';
import { rawQuery } from '../../database/raw';
import type { Principal } from '../identity/principal';
import { Community } from '../org/community.entity';
import { OVERDUE_SQL, overdueParams } from './deadlines';
import { addCounters, metricsOf, type Tally } from './figures';
import { ROLLUP_COUNTERS, counterSums, type Counters } from './rollups.service';
import { Ticket } from './ticket.entity';

/**
 * Ticket statistics of one estate for tickets filed in a date range: by state, by category and by channel, on-time
 * response and resolution, satisfaction (4–5 stars and return visits), reopen rate; plus open tickets overdue right
 * now. Grouped queries over the (community_id, …) indexes, counted as the rollups count (figures.ts).
 */
@Injectable()
export class TicketStatsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async forCommunity(communityId: number, from: string, to: string, caller: Principal): Promise<TicketStats> {
    if (!caller.mayInCommunity('stats.read', communityId) || !(await this.db.getRepository(Community).existsBy({ id: communityId }))) {
      throw notFound('community');
    }
    if (!isCalendarDate(from) || !isCalendarDate(to) || to < from) throw invalid('请选择正确的起止日期', { field: 'from' });
    if (addDays(from, 366 * 3) < to) throw invalid('统计区间最长三年', { field: 'to' });
    const range = { c: communityId, start: shanghaiDayStart(from), end: shanghaiDayStart(addDays(to, 1)) };
    const filed = 't.community_id = :c AND t.created_at >= :start AND t.created_at < :end';
    // One row per channel: residents' figures sum them, 内部报事 stays apart.
    const rows = await rawQuery<Record<string, string | number | null>>(
      this.db,
      `SELECT t.source AS source, ${counterSums('t')
        .map((sql, i) => `${sql} AS c${i}`)
        .join(', ')} FROM ticket t WHERE ${filed} GROUP BY t.source`,
      range,
    );
    const tally: Tally = {};
    for (const row of rows) addCounters(tally, String(row.source) as TicketSource, Object.fromEntries(ROLLUP_COUNTERS.map((k, i) => [k, Number(row[`c${i}`] ?? 0)])) as Counters);
    const byCategory = await rawQuery<{ code: string; name: string; n: number | string }>(
      this.db,
      `SELECT t.category_code AS code, MAX(t.category_name) AS name, COUNT(*) AS n FROM ticket t WHERE ${filed} AND t.source <> 'internal' GROUP BY t.category_code ORDER BY n DESC`,
      range,
    );
    const overdueOpen = await this.db
      .getRepository(Ticket)
      .createQueryBuilder('t')
      .where('t.communityId = :c', { c: communityId })
      .andWhere(OVERDUE_SQL, overdueParams())
      .getCount();
    return {
      communityId,
      from,
      to,
      ...metricsOf(tally, overdueOpen),
      byCategory: byCategory.map((r) => ({ code: r.code, name: r.name, count: Number(r.n) })),
    };
  }
}
