import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, MoreThanOrEqual } from 'typeorm';
import { CREDIT_EVENT_LABELS, creditDeduction, creditGrade, type CreditEventKind, type CreditEventView, type CreditStanding, type Page, addDays, shanghaiDate, shanghaiDayStart } from '@wuye/contracts';
import { invalid, notFound } from '../../common/errors';
import { keysetPage } from '../../common/pagination';
import { AuditService } from '../identity/audit.service';
import type { Principal } from '../identity/principal';
import { applyScope, areaScope } from '../identity/scope';
import { RoleAssignment } from '../identity/role-assignment.entity';
import { User } from '../identity/user.entity';
import { Area } from '../org/area.entity';
import { Community } from '../org/community.entity';
import { PropertyCompany } from '../org/property-company.entity';
import { ServiceContract } from '../org/service-contract.entity';
import { Rectification } from '../inspections/rectification.entity';
import { CreditEvent } from './credit-event.entity';
import { CreditEventDto, CreditEventsQuery, ManagersQuery } from './dto/oversight.dto';
import { issuingArea } from './oversight-scope';

/** 信用记录 of property companies: recorded by regulators, summed into a standing over the last 12 months. */
@Injectable()
export class CreditService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** Public: a company's standing, for residents too. */
  async standing(companyId: number): Promise<CreditStanding> {
    const since = addDays(shanghaiDate(), -365);
    const events = await this.db.getRepository(CreditEvent).findBy({ companyId, occurredOn: MoreThanOrEqual(since) });
    const zero = () => Object.fromEntries(Object.keys(CREDIT_EVENT_LABELS).map((k) => [k, 0])) as Record<CreditEventKind, number>;
    const counts = zero();
    const deductedByKind = zero();
    let points = 0;
    for (const e of events) {
      counts[e.kind]++;
      deductedByKind[e.kind] += creditDeduction(e);
      points += creditDeduction(e);
    }
    const score = Math.max(0, 100 - points);
    return { companyId, score, grade: creditGrade(score), last12Months: counts, deductedByKind, pointsDeducted: points };
  }

  async companyCredit(companyId: number): Promise<CreditStanding & { name: string; events: CreditEventView[] }> {
    const company = await this.db.getRepository(PropertyCompany).findOneBy({ id: companyId });
    if (!company) throw notFound('company');
    const events = await this.db.getRepository(CreditEvent).find({ where: { companyId }, order: { occurredOn: 'DESC', id: 'DESC' }, take: 50 });
    return { ...(await this.standing(companyId)), name: company.name, events: await this.views(events) };
  }

  /**
   * A regulator records an event against a company that serves (or served) an estate in its area, issued in the
   * regulator's name.
   */
  async record(dto: CreditEventDto, caller: Principal): Promise<CreditEventView> {
    if (dto.kind === 'points' && !dto.points) throw invalid('信用扣分须填写扣分分值', { field: 'points' });
    if (dto.kind !== 'points' && dto.points) throw invalid('只有信用扣分才填写分值', { field: 'points' });
    if (dto.occurredOn > shanghaiDate()) throw invalid('日期不能晚于今天', { field: 'occurredOn' });
    const company = await this.db.getRepository(PropertyCompany).findOneBy({ id: dto.companyId });
    if (!company) throw notFound('company');
    const served = await this.db
      .getRepository(ServiceContract)
      .createQueryBuilder('sc')
      .innerJoin(Community, 'c', 'c.id = sc.communityId')
      .select(['c.id AS id', 'c.area_path AS path'])
      .where('sc.companyId = :companyId', { companyId: company.id })
      .getRawMany<{ id: number; path: string }>();
    const community = dto.communityId ? served.find((s) => Number(s.id) === dto.communityId) : undefined;
    if (dto.communityId && !community) throw notFound('community');
    if (dto.managerUserId) {
      if (!dto.communityId) throw invalid('点名项目经理时须同时指定小区', { field: 'communityId' });
      const inCharge = await this.managersInCharge(dto.communityId, company.id, dto.occurredOn);
      if (!inCharge.includes(dto.managerUserId)) {
        throw invalid(`${dto.occurredOn}当天，该人员不是${company.name}在这个小区的项目经理`, { field: 'managerUserId' }, 'MANAGER_NOT_IN_CHARGE');
      }
    }
    // 整改不力: the order cited is one addressed to this company, in the estate named, within the caller's area.
    if (dto.rectificationId) {
      const order = await this.db.getRepository(Rectification).findOneBy({ id: dto.rectificationId });
      if (!order || !caller.mayInCommunity('oversight.read', order.communityId)) throw notFound('rectification');
      if (order.companyId !== company.id || (dto.communityId && order.communityId !== dto.communityId)) throw invalid('引用的整改单须是该企业在这个小区的整改单', { field: 'rectificationId' });
    }
    let area: Area | null = null;
    for (const s of community ? [community] : served) {
      area = await issuingArea(this.db, caller, s.path, () => this.db.getRepository(Area).findOne({ where: { level: 'county' }, order: { id: 'ASC' } }));
      if (area) break;
    }
    if (!area) throw notFound('company');
    const saved = await this.db.getRepository(CreditEvent).save(
      this.db.getRepository(CreditEvent).create({
        companyId: company.id,
        managerUserId: dto.managerUserId ?? null,
        communityId: dto.communityId ?? null,
        kind: dto.kind,
        points: dto.points ?? 0,
        occurredOn: dto.occurredOn,
        reason: dto.reason.trim(),
        issuingAreaId: area.id,
        rectificationId: dto.rectificationId ?? null,
        createdById: caller.userId,
      }),
    );
    await this.audit.record({ by: caller, action: 'credit.record', entityType: 'credit_event', entityId: saved.id, companyId: company.id, communityId: saved.communityId, after: { kind: saved.kind, points: saved.points } });
    return (await this.views([saved]))[0];
  }

  /**
   * The project managers of an estate in the caller's area on a day (default today), of one company or of whichever
   * served the estate that day: whom a credit event of that day may name (managerUserId).
   */
  async managersOf(communityId: number, query: ManagersQuery, caller: Principal): Promise<{ id: number; displayName: string }[]> {
    if (!caller.mayInCommunity('ratings.write', communityId)) throw notFound('community');
    const ids = await this.managersInCharge(communityId, query.companyId ?? null, query.on ?? shanghaiDate());
    if (!ids.length) return [];
    const users = await this.db.getRepository(User).findBy({ id: In(ids) });
    return users.map((u) => ({ id: u.id, displayName: u.displayName })).sort((x, y) => x.id - y.id);
  }

  /**
   * Who managed the estate for the company on `on` (a Shanghai date): a manager role there held that day (granted by
   * its end, not revoked before it began) while the company's contract for the estate was in force that day
   * (started, not ended, not terminated before the day began). activeContractsQuery is the same rule for today.
   */
  private async managersInCharge(communityId: number, companyId: number | null, on: string): Promise<number[]> {
    const dayStart = shanghaiDayStart(on);
    const qb = this.db
      .getRepository(RoleAssignment)
      .createQueryBuilder('ra')
      .innerJoin(ServiceContract, 'sc', 'sc.companyId = ra.companyId AND sc.communityId = ra.communityId')
      .select('DISTINCT ra.userId', 'userId')
      .where("ra.communityId = :communityId AND ra.role = 'manager'", { communityId })
      .andWhere('ra.createdAt < :dayEnd AND (ra.revokedAt IS NULL OR ra.revokedAt >= :dayStart)', { dayStart, dayEnd: shanghaiDayStart(addDays(on, 1)) })
      .andWhere('sc.startsOn <= :on AND (sc.endsOn IS NULL OR sc.endsOn >= :on) AND (sc.terminatedAt IS NULL OR sc.terminatedAt >= :dayStart)', { on });
    if (companyId !== null) qb.andWhere('ra.companyId = :companyId', { companyId });
    return (await qb.getRawMany<{ userId: number }>()).map((r) => Number(r.userId));
  }

  /** Events issued within the caller's areas (platform admins: all). */
  async list(query: CreditEventsQuery, caller: Principal): Promise<Page<CreditEventView>> {
    const qb = applyScope(this.db.getRepository(CreditEvent).createQueryBuilder('e'), await areaScope(this.db, caller, 'oversight.read', 'e.issuingAreaId'));
    if (query.companyId) qb.andWhere('e.companyId = :companyId', { companyId: query.companyId });
    // By the day it happened, newest first (an event recorded late still sits at its date), then as recorded.
    const page = await keysetPage(qb, {
      columns: [
        { expr: 'e.occurredOn', dir: 'DESC' },
        { expr: 'e.id', dir: 'DESC' },
      ],
      cursor: query.cursor,
      limit: query.limit,
      keyOf: (e) => [e.occurredOn, e.id],
    });
    return { items: await this.views(page.items), nextCursor: page.nextCursor };
  }

  private async views(events: CreditEvent[]): Promise<CreditEventView[]> {
    if (!events.length) return [];
    const [companies, communities, managers, areas] = await Promise.all([
      this.db.getRepository(PropertyCompany).findBy({ id: In(events.map((e) => e.companyId)) }),
      this.db.getRepository(Community).findBy({ id: In(events.map((e) => e.communityId ?? 0)) }),
      this.db.getRepository(User).findBy({ id: In(events.map((e) => e.managerUserId ?? 0)) }),
      this.db.getRepository(Area).findBy({ id: In(events.map((e) => e.issuingAreaId)) }),
    ]);
    return events.map((e) => ({
      id: e.id,
      companyId: e.companyId,
      companyName: companies.find((c) => c.id === e.companyId)?.name ?? '',
      kind: e.kind,
      points: e.points,
      occurredOn: e.occurredOn,
      reason: e.reason,
      deducted: creditDeduction(e),
      communityName: communities.find((c) => c.id === e.communityId)?.name ?? null,
      managerName: managers.find((m) => m.id === e.managerUserId)?.displayName ?? null,
      issuingArea: areas.find((a) => a.id === e.issuingAreaId)?.name ?? '',
      rectificationId: e.rectificationId,
    }));
  }
}
