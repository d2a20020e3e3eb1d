import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { type TicketState, type TicketStats, addDays, isCalendarDate, shanghaiDayStart } from '@wuye/contracts';
import { invalid, notFound } from '../../common/errors';
import type { Principal } from '../identity/principal';
import { Community } from '../org/community.entity';
import { OVERDUE_SQL, overdueParams } from './deadlines';
import { Ticket } from './ticket.entity';

/** Start of a Shanghai calendar day as a UTC instant. */

const share = (part: number, whole: number) => (whole ? Math.round((part / whole) * 10000) / 10000 : null);

/**
 * Ticket statistics of one estate for tickets filed in a date range: by state, by category, on-time response
 * and resolution, satisfaction (4–5 stars), reopen rate; plus open tickets overdue right now. One grouped
 * query each over the (community_id, …) indexes.
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
    // Residents' tickets; the property side's own (内部报事) are counted apart below.
    const all = () => this.db.getRepository(Ticket).createQueryBuilder('t').where('t.communityId = :c AND t.createdAt >= :start AND t.createdAt < :end', range);
    const base = () => all().andWhere("t.source <> 'internal'");

    const byState = await base().select('t.state', 'state').addSelect('COUNT(*)', 'n').groupBy('t.state').getRawMany<{ state: TicketState; n: string }>();
    const byCategory = await base()
      .select('t.categoryCode', 'code')
      .addSelect('MAX(t.categoryName)', 'name')
      .addSelect('COUNT(*)', 'n')
      .groupBy('t.categoryCode')
      .orderBy('n', 'DESC')
      .getRawMany<{ code: string; name: string; n: string }>();
    const [m] = await base()
      .select('SUM(CASE WHEN t.respondedOnTime IS NOT NULL THEN 1 ELSE 0 END)', 'responded')
      .addSelect('SUM(CASE WHEN t.respondedOnTime = 1 THEN 1 ELSE 0 END)', 'respondedOnTime')
      .addSelect('SUM(CASE WHEN t.resolvedOnTime IS NOT NULL THEN 1 ELSE 0 END)', 'resolved')
      .addSelect('SUM(CASE WHEN t.resolvedOnTime = 1 THEN 1 ELSE 0 END)', 'resolvedOnTime')
      .addSelect('SUM(CASE WHEN t.ratingStars IS NOT NULL THEN 1 ELSE 0 END)', 'rated')
      .addSelect('SUM(CASE WHEN t.ratingStars >= 4 THEN 1 ELSE 0 END)', 'satisfied')
      .addSelect('SUM(t.ratingStars)', 'stars')
      .addSelect("SUM(CASE WHEN t.resolvedAt IS NOT NULL OR t.reopenCount > 0 OR t.state = 'closed' THEN 1 ELSE 0 END)", 'everResolved')
      .addSelect('SUM(CASE WHEN t.reopenCount > 0 THEN 1 ELSE 0 END)', 'reopened')
      .getRawMany<Record<string, string | number | null>>();
    const num = (key: string) => Number(m?.[key] ?? 0);
    const [internal] = await all()
      .andWhere("t.source = 'internal'")
      .select('COUNT(*)', 'total')
      .addSelect('SUM(CASE WHEN t.respondedOnTime IS NOT NULL THEN 1 ELSE 0 END)', 'responded')
      .addSelect('SUM(CASE WHEN t.respondedOnTime = 1 THEN 1 ELSE 0 END)', 'respondedOnTime')
      .addSelect('SUM(CASE WHEN t.resolvedOnTime IS NOT NULL THEN 1 ELSE 0 END)', 'resolved')
      .addSelect('SUM(CASE WHEN t.resolvedOnTime = 1 THEN 1 ELSE 0 END)', 'resolvedOnTime')
      .getRawMany<Record<string, string | number | null>>();
    const own = (key: string) => Number(internal?.[key] ?? 0);
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
      total: byState.reduce((sum, r) => sum + Number(r.n), 0),
      byState: Object.fromEntries(byState.map((r) => [r.state, Number(r.n)])),
      byCategory: byCategory.map((r) => ({ code: r.code, name: r.name, count: Number(r.n) })),
      onTimeResponseRate: share(num('respondedOnTime'), num('responded')),
      onTimeResolutionRate: share(num('resolvedOnTime'), num('resolved')),
      satisfactionRate: share(num('satisfied'), num('rated')),
      reopenRate: share(num('reopened'), num('everResolved')),
      overdueOpen,
      averageStars: num('rated') ? Math.round((num('stars') / num('rated')) * 100) / 100 : null,
      internal: { total: own('total'), onTimeResponseRate: share(own('respondedOnTime'), own('responded')), onTimeResolutionRate: share(own('resolvedOnTime'), own('resolved')) },
    };
  }
}
