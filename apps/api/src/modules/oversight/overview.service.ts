import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, IsNull } from 'typeorm';
import { DEFAULT_TICKET_CATEGORIES, type AreaOverview, type CommunityOverview, type CompanyOverview, type TicketSource, addDays, addMonths, isCalendarDate, latestRating, shanghaiDate, shanghaiDayStart } from '@wuye/contracts';
import { invalid } from '../../common/errors';
import { ComplianceService } from '../disclosures/compliance.service';
import type { Principal } from '../identity/principal';
import { RoleAssignment } from '../identity/role-assignment.entity';
import { Area } from '../org/area.entity';
import { Community } from '../org/community.entity';
import { ContractsService } from '../org/contracts.service';
import { PropertyCompany } from '../org/property-company.entity';
import { rawQuery } from '../../database/raw';
import { OVERDUE_SQL, overdueParams } from '../tickets/deadlines';
import { ROLLUP_COUNTERS, columnOf, type Counters } from '../tickets/rollups.service';
import { addCounters, addTally, metricsOf, type Tally } from '../tickets/figures';
import { TicketCategoryRow } from '../tickets/ticket-category.entity';
import { Ticket } from '../tickets/ticket.entity';
import { InspectionStatsService } from '../inspections/inspection-stats.service';
import { PatrolsService } from '../patrols/patrols.service';
import { CreditService } from './credit.service';
import { applyScope, areaCovers, areaInScope, underArea } from '../identity/scope';
import { StarRating } from './star-rating.entity';
import { SharingService } from '../sharing/sharing.service';
import { SurveysService } from '../surveys/surveys.service';
import { CommitteeEvaluationsService } from './committee-evaluations.service';

const monthStart = (date: string) => `${date.slice(0, 7)}-01`;
const nextMonth = (date: string) => `${addMonths(date.slice(0, 7), 1)}-01`;

/**
 * A date range as the whole months inside it (their 1sts, first to last) and the loose days before and after
 * them; each part null when empty. 2026-01-15…2026-04-10 → days 01-15…01-31, months 02-01…03-01, days 04-01…04-10
 * (or months 02-01…04-01 when 04-10 is today or later).
 */
export function splitByMonths(from: string, to: string, today = shanghaiDate()): { headDays: [string, string] | null; months: [string, string] | null; tailDays: [string, string] | null } {
  const firstWhole = from === monthStart(from) ? from : nextMonth(from);
  // A range up to today (as most are) takes this month whole: no ticket is filed after today.
  const lastMonthWhole = addDays(to, 1) === nextMonth(to) || (to >= today && monthStart(to) <= today);
  const afterLastWhole = lastMonthWhole ? nextMonth(to) : monthStart(to);
  if (firstWhole >= afterLastWhole) return { headDays: [from, to], months: null, tailDays: null };
  return {
    headDays: from < firstWhole ? [from, addDays(firstWhole, -1)] : null,
    months: [firstWhole, addDays(afterLastWhole, -1).slice(0, 7) + '-01'],
    tailDays: afterLastWhole <= to ? [afterLastWhole, to] : null,
  };
}

/**
 * Statistics for a community office, a town or the county, per estate and per company, for tickets filed in a
 * date range. Sums the maintained rollups (one grouped query) plus one indexed count of what is overdue now.
 */
@Injectable()
export class OverviewService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly compliance: ComplianceService,
    private readonly contracts: ContractsService,
    private readonly credit: CreditService,
    private readonly sharing: SharingService,
    private readonly inspections: InspectionStatsService,
    private readonly patrols: PatrolsService,
    private readonly surveys: SurveysService,
    private readonly evaluations: CommitteeEvaluationsService,
  ) {}

  private range(from: string, to: string) {
    if (!isCalendarDate(from) || !isCalendarDate(to) || to < from) throw invalid('请选择正确的起止日期', { field: 'from' });
    if (addDays(from, 366 * 3) < to) throw invalid('统计区间最长三年', { field: 'to' });
  }

  /** Counters per estate (and per category) in the area and range, from the rollups. */
  async countersByCommunity(areaPath: string, from: string, to: string): Promise<{ perCommunity: Map<number, Tally>; perCategory: Map<string, number>; perCompany: Map<number, Tally> }> {
    const sums = ROLLUP_COUNTERS.map((k) => `SUM(r.${columnOf(k)}) AS ${columnOf(k)}`).join(', ');
    // By estate id: each estate's rows are one seek on (community_id, period, category) instead of a scan of every
    // row of the area for the dates wanted.
    const inArea = underArea('area_path', areaPath);
    const estates = await rawQuery<{ id: number | string }>(this.db, `SELECT id FROM community WHERE ${inArea.sql}`, inArea.params);
    const ids = estates.map((e) => Number(e.id));
    const rowsIn = underArea('r.area_path', areaPath);
    const sumOf = async (table: string, period: string, lo: string, hi: string): Promise<Record<string, string | number | null>[]> =>
      ids.length
        ? rawQuery(
            this.db,
            `SELECT r.community_id AS community_id, r.category_code AS category_code, r.company_id AS company_id, r.source AS source, ${sums}
             FROM ${table} r WHERE r.community_id IN (:...ids) AND ${rowsIn.sql} AND r.${period} >= :lo AND r.${period} <= :hi
             GROUP BY r.community_id, r.category_code, r.company_id, r.source`,
            { ids, ...rowsIn.params, lo, hi },
          )
        : [];
    // Whole months from the monthly rollups, the days before and after them from the daily ones.
    const { headDays, months, tailDays } = splitByMonths(from, to);
    const parts = await Promise.all([
      headDays ? sumOf('ticket_rollup', 'day', headDays[0], headDays[1]) : [],
      months ? sumOf('ticket_rollup_month', 'month', months[0], months[1]) : [],
      tailDays ? sumOf('ticket_rollup', 'day', tailDays[0], tailDays[1]) : [],
    ]);
    const rows = parts.flat();
    const perCommunity = new Map<number, Tally>();
    const perCategory = new Map<string, number>();
    const perCompany = new Map<number, Tally>();
    for (const row of rows) {
      const counters = Object.fromEntries(ROLLUP_COUNTERS.map((k) => [k, Number(row[columnOf(k)] ?? 0)])) as Counters;
      const source = String(row.source) as TicketSource;
      const community = Number(row.community_id);
      if (!perCommunity.has(community)) perCommunity.set(community, {});
      addCounters(perCommunity.get(community) as Tally, source, counters);
      if (source !== 'internal') perCategory.set(String(row.category_code), (perCategory.get(String(row.category_code)) ?? 0) + counters.total);
      if (row.company_id !== null) {
        const company = Number(row.company_id);
        if (!perCompany.has(company)) perCompany.set(company, {});
        addCounters(perCompany.get(company) as Tally, source, counters);
      }
    }
    return { perCommunity, perCategory, perCompany };
  }

  /** Open tickets past a deadline right now, per estate of the area (state/deadline index, then the area). */
  /** Tickets past a deadline and still open, per estate; `filed`: only those filed in these days (a rated year's). */
  async overdueByCommunity(areaPath: string, filed?: { from: string; to: string }): Promise<Map<number, number>> {
    const query = applyScope(this.db.getRepository(Ticket).createQueryBuilder('t').select('t.communityId', 'c').addSelect('COUNT(*)', 'n').where(OVERDUE_SQL, overdueParams()), underArea('t.areaPath', areaPath));
    if (filed) query.andWhere('t.createdAt >= :start AND t.createdAt < :end', { start: shanghaiDayStart(filed.from), end: shanghaiDayStart(addDays(filed.to, 1)) });
    const rows = await query.groupBy('t.communityId').getRawMany<{ c: number; n: string }>();
    return new Map(rows.map((r) => [Number(r.c), Number(r.n)]));
  }

  async overview(areaId: number, from: string, to: string, caller: Principal): Promise<AreaOverview> {
    this.range(from, to);
    const area = await areaInScope(this.db, caller, areaId);
    const communities = await this.communitiesUnder(area.path).orderBy('c.id', 'ASC').getMany();
    const ids = communities.map((c) => c.id);
    const [{ perCommunity, perCategory }, overdue, companies, compliance, chairs, ratings, categories, childAreas, reach, grades] = await Promise.all([
      this.countersByCommunity(area.path, from, to),
      this.overdueByCommunity(area.path),
      this.contracts.managingCompanies(ids),
      ids.length ? this.compliance.computeFor(ids, 12) : Promise.resolve([]),
      ids.length ? this.db.getRepository(RoleAssignment).findBy({ role: 'committee_chair', communityId: In(ids), revokedAt: IsNull() }) : Promise.resolve([]),
      ids.length ? this.latestRatings(ids) : Promise.resolve(new Map<number, StarRating>()),
      this.db.getRepository(TicketCategoryRow).find({ select: { code: true, name: true } }),
      this.db.getRepository(Area).findBy({ parentId: area.id }),
      this.sharing.disclosureReach(ids, shanghaiDayStart(from), shanghaiDayStart(addDays(to, 1))),
      this.evaluations.latestGrades(ids),
    ]);
    const overviewOf = (c: Community): CommunityOverview => {
      const company = companies.get(c.id);
      const rating = ratings.get(c.id);
      return {
        id: c.id,
        name: c.name,
        areaId: c.areaId,
        company: company ? { id: company.id, name: company.name } : null,
        metrics: metricsOf(perCommunity.get(c.id) ?? {}, overdue.get(c.id) ?? 0),
        disclosureOverdue: compliance.find((x) => x.communityId === c.id)?.overdue ?? 0,
        committee: chairs.some((r) => r.communityId === c.id),
        stars: rating === undefined ? undefined : rating.stars,
        shareReach: reach.get(c.id) ?? { groups: 0, openings: 0 },
        starsYear: rating?.year ?? null,
        committeeGrade: grades.get(c.id) ?? null,
      };
    };
    const list = communities.map(overviewOf);
    const total: Tally = {};
    perCommunity.forEach((c) => addTally(total, c));
    const overdueTotal = [...overdue.values()].reduce((a, b) => a + b, 0);
    const children =
      area.level === 'community_office'
        ? []
        : childAreas.map((child) => {
            const inside = communities.filter((c) => areaCovers(child, c.areaPath));
            const sum: Tally = {};
            inside.forEach((c) => addTally(sum, perCommunity.get(c.id) ?? {}));
            const views = list.filter((v) => inside.some((c) => c.id === v.id));
            return {
              id: child.id,
              name: child.name,
              level: child.level,
              metrics: metricsOf(sum, inside.reduce((a, c) => a + (overdue.get(c.id) ?? 0), 0)),
              communities: inside.length,
              disclosureOverdue: views.reduce((a, v) => a + v.disclosureOverdue, 0),
              committees: views.filter((v) => v.committee).length,
            };
          });
    const starCounts: AreaOverview['stars'] = { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0, unrated: 0, none: 0 };
    for (const v of list) {
      if (v.stars === undefined) starCounts.none++;
      else if (v.stars === null) starCounts.unrated++;
      else starCounts[String(v.stars) as '1'] += 1;
    }
    const committeeGrades: AreaOverview['committeeGrades'] = { excellent: 0, good: 0, pass: 0, fail: 0, none: 0 };
    for (const v of list) committeeGrades[v.committeeGrade?.grade ?? 'none'] += 1;
    const nameOf = (code: string) => categories.find((c) => c.code === code)?.name ?? DEFAULT_TICKET_CATEGORIES.find((c) => c.code === code)?.name ?? code;
    return {
      area: { id: area.id, name: area.name, level: area.level },
      from,
      to,
      freshness: { source: 'rollup', maintained: 'with every ticket change', asOf: new Date().toISOString() },
      metrics: metricsOf(total, overdueTotal),
      byCategory: [...perCategory.entries()].map(([code, count]) => ({ code, name: nameOf(code), count })).sort((a, b) => b.count - a.count),
      children,
      communities: list,
      committees: { total: list.length, inPlace: list.filter((v) => v.committee).length },
      stars: starCounts,
      committeeGrades,
    };
  }

  private communitiesUnder(areaPath: string) {
    return applyScope(this.db.getRepository(Community).createQueryBuilder('c'), underArea('c.areaPath', areaPath));
  }

  /** Per company, for the estates of the area (a company's figures cover the estates it served when filed). */
  async companies(areaId: number, from: string, to: string, caller: Principal): Promise<CompanyOverview[]> {
    this.range(from, to);
    const area = await areaInScope(this.db, caller, areaId);
    const { perCompany } = await this.countersByCommunity(area.path, from, to);
    const communities = await this.communitiesUnder(area.path).getMany();
    const current = await this.contracts.managingCompanies(communities.map((c) => c.id));
    const ids = [...new Set([...perCompany.keys(), ...[...current.values()].map((c) => c.id)])];
    const companies = ids.length ? await this.db.getRepository(PropertyCompany).findBy({ id: In(ids) }) : [];
    const overdue = await this.overdueByCommunity(area.path);
    return Promise.all(
      companies.map(async (company) => {
        const served = communities.filter((c) => current.get(c.id)?.id === company.id);
        return {
          id: company.id,
          name: company.name,
          communities: served.length,
          metrics: metricsOf(perCompany.get(company.id) ?? {}, served.reduce((a, c) => a + (overdue.get(c.id) ?? 0), 0)),
          credit: await this.credit.standing(company.id),
        };
      }),
    ).then((list) => list.sort((a, b) => b.metrics.total - a.metrics.total));
  }

  /** Each estate's rating (latestRating), whichever year it is for: the same one its own page shows. */
  async latestRatings(communityIds: number[]): Promise<Map<number, StarRating>> {
    const rows = await this.db.getRepository(StarRating).find({ where: { communityId: In(communityIds) } });
    const latest = new Map<number, StarRating>();
    for (const id of communityIds) {
      const rating = latestRating(rows.filter((r) => r.communityId === id));
      if (rating) latest.set(id, rating);
    }
    return latest;
  }

  /** What the system holds for a rating form: the estate's figures for the year. */
  async indicators(communityId: number, year: number) {
    const community = await this.db.getRepository(Community).findOneByOrFail({ id: communityId });
    const from = `${year}-01-01`;
    const to = `${year}-12-31` < shanghaiDate() ? `${year}-12-31` : shanghaiDate();
    const { perCommunity } = await this.countersByCommunity(community.areaPath, from, to);
    const counters = perCommunity.get(communityId) ?? {};
    // The year's own figures, not today's: its tickets still overdue, its disclosures due (back to its January).
    const overdue = (await this.overdueByCommunity(community.areaPath, { from, to })).get(communityId) ?? 0;
    const [thisYear, thisMonth] = shanghaiDate().split('-').map(Number);
    const [compliance] = await this.compliance.computeFor([communityId], (thisYear - year) * 12 + thisMonth - 1);
    const due = compliance.items.filter((i) => i.period.startsWith(String(year)) && i.status !== 'due');
    const m = metricsOf(counters, overdue);
    const inspected = await this.inspections.yearFigures(communityId, year);
    return {
      year,
      tickets: m.total,
      satisfactionRate: m.satisfactionRate,
      onTimeResponseRate: m.onTimeResponseRate,
      onTimeResolutionRate: m.onTimeResolutionRate,
      disclosureComplianceRate: due.length ? Math.round((due.filter((i) => i.status === 'published').length / due.length) * 10000) / 10000 : null,
      overdueOpen: overdue,
      inspections: inspected.inspections,
      inspectionAverageScore: inspected.averageScore,
      rectificationsIssued: inspected.ordersIssued,
      rectificationsClosed: inspected.ordersClosed,
      rectificationsOverdue: inspected.ordersOverdue,
      patrolCompletionRate: await this.patrols.completionRate(communityId, year),
      ...(await this.surveys.yearResult(community, year)),
    };
  }
}
