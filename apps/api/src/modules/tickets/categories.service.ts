import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import {
  DEFAULT_TICKET_CATEGORIES,
  EMERGENCY_RESPONSE_MAX_MINUTES,
  floorProblem,
  type DeadlineFloor,
  type DeadlineFloorsView,
  type TicketCategory,
} from '@wuye/contracts';
import { DomainError, invalid, notFound } from '../../common/errors';
import { AuditService } from '../identity/audit.service';
import type { Principal } from '../identity/principal';
import { applyScope, areaInScope, underArea } from '../identity/scope';
import { Area } from '../org/area.entity';
import { Community } from '../org/community.entity';
import { withinFloor } from './deadlines';
import { DeadlineFloorRow } from './deadline-floor.entity';
import { ReplaceCategoriesDto, ReplaceDeadlineFloorsDto } from './dto/category.dto';
import { TicketCategoryRow } from './ticket-category.entity';

const view = (c: TicketCategoryRow): TicketCategory => ({
  code: c.code,
  name: c.name,
  responseMinutes: c.responseMinutes,
  resolutionMinutes: c.resolutionMinutes,
  emergency: c.emergency,
  active: c.active,
});

const floorView = (f: DeadlineFloorRow): DeadlineFloor => ({
  code: f.code,
  name: f.name,
  responseMinutes: f.responseMinutes,
  resolutionMinutes: f.resolutionMinutes,
  emergency: f.emergency,
});

/** A floor or a category that breaks the county's floor or the emergency limit: 422 with its code and field. */
const refusal = (problem: NonNullable<ReturnType<typeof floorProblem>>, code?: string) =>
  new DomainError(422, problem.code, problem.message, { field: problem.field, ...(code ? { code } : {}) });

/**
 * Each estate's ticket categories with their deadlines; an estate starts with the defaults of PRODUCT.md. The
 * county's regulator sets floors per category (the loosest deadlines allowed); an estate may tighten them, never
 * loosen them, and emergency categories are answered within hours.
 */
@Injectable()
export class CategoriesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(communityId: number, caller: Principal): Promise<TicketCategory[]> {
    if (!caller.mayInCommunity('tickets.read', communityId) || !(await this.db.getRepository(Community).existsBy({ id: communityId }))) {
      throw notFound('community');
    }
    return (await this.rows(communityId)).map(view);
  }

  /** The estate's categories, the defaults written in on first use (within the county's floors). */
  async rows(communityId: number, m: EntityManager = this.db.manager): Promise<TicketCategoryRow[]> {
    const repo = m.getRepository(TicketCategoryRow);
    let rows = await repo.find({ where: { communityId }, order: { sortOrder: 'ASC', id: 'ASC' } });
    if (!rows.length) {
      const floors = await this.floorsOfCommunity(m, communityId);
      await repo
        .createQueryBuilder()
        .insert()
        .values(DEFAULT_TICKET_CATEGORIES.map((c, i) => ({ ...withinFloor(c, floors.find((f) => f.code === c.code)), communityId, sortOrder: i })))
        .orIgnore()
        .execute();
      rows = await repo.find({ where: { communityId }, order: { sortOrder: 'ASC', id: 'ASC' } });
    }
    return rows;
  }

  async find(communityId: number, code: string, m?: EntityManager): Promise<TicketCategoryRow | undefined> {
    return (await this.rows(communityId, m)).find((c) => c.code === code);
  }

  /**
   * Replaces the estate's list. A category in use cannot vanish: leave it out and it is kept, inactive, so old
   * tickets keep their name and deadlines. Nothing may be looser than the county's floor.
   */
  async replace(communityId: number, dto: ReplaceCategoriesDto, caller: Principal): Promise<TicketCategory[]> {
    if (!caller.mayInCommunity('categories.manage', communityId)) throw notFound('community');
    const codes = dto.categories.map((c) => c.code);
    if (new Set(codes).size !== codes.length) throw invalid('分类编码不能重复', { field: 'categories' });
    if (new Set(dto.categories.map((c) => c.name)).size !== codes.length) throw invalid('分类名称不能重复', { field: 'categories' });
    const bad = dto.categories.find((c) => c.resolutionMinutes < c.responseMinutes);
    if (bad) throw invalid(`“${bad.name}”的办结时限不能短于响应时限`, { field: 'categories', code: bad.code });
    if (!dto.categories.some((c) => c.active)) throw invalid('至少保留一个启用的分类', { field: 'categories' });
    await this.db.transaction(async (m) => {
      const floors = await this.floorsOfCommunity(m, communityId);
      for (const c of dto.categories) {
        const problem = floorProblem(c, floors.find((f) => f.code === c.code));
        if (problem) throw refusal(problem, c.code);
      }
      const before = await this.rows(communityId, m);
      // Leaving a category out switches it off: not allowed for one the county requires.
      for (const old of before.filter((b) => !codes.includes(b.code))) {
        const problem = floorProblem({ ...view(old), active: false }, floors.find((f) => f.code === old.code));
        if (problem) throw refusal(problem, old.code);
      }
      const repo = m.getRepository(TicketCategoryRow);
      for (const [i, c] of dto.categories.entries()) {
        const existing = before.find((b) => b.code === c.code);
        const values = { name: c.name, responseMinutes: c.responseMinutes, resolutionMinutes: c.resolutionMinutes, emergency: c.emergency, active: c.active, sortOrder: i };
        if (existing) await repo.update(existing.id, values);
        else await repo.insert({ communityId, code: c.code, ...values });
      }
      for (const old of before.filter((b) => !codes.includes(b.code))) await repo.update(old.id, { active: false, sortOrder: 1000 + old.sortOrder });
      await this.audit.record(
        { by: caller, action: 'categories.replace', entityType: 'community', entityId: communityId, communityId, before: { categories: before.map(view) }, after: { categories: dto.categories } },
        m,
      );
    });
    return (await this.rows(communityId)).map(view);
  }

  /** The floors that bind an estate (its county's), for the category page. */
  async floorsForCommunity(communityId: number, caller: Principal): Promise<DeadlineFloorsView> {
    if (!caller.mayInCommunity('tickets.read', communityId)) throw notFound('community');
    const community = await this.db.getRepository(Community).findOneBy({ id: communityId });
    if (!community) throw notFound('community');
    return this.floorsView(await this.countyOf(this.db.manager, community.areaPath));
  }

  /** A county's floors, for its regulators (and the towns below it). */
  async floorsForArea(areaId: number, caller: Principal): Promise<DeadlineFloorsView> {
    return this.floorsView(await this.county(areaId, caller, 'oversight.read'));
  }

  /**
   * The county regulator replaces the county's floors. Estates already looser than a new floor are brought within
   * it at once (audited), so every estate's deadlines stay within the floor; tickets already filed keep theirs.
   */
  async replaceFloors(areaId: number, dto: ReplaceDeadlineFloorsDto, caller: Principal): Promise<DeadlineFloorsView> {
    const county = await this.county(areaId, caller, 'floors.manage');
    const codes = dto.floors.map((f) => f.code);
    if (new Set(codes).size !== codes.length) throw invalid('分类编码不能重复', { field: 'floors' });
    for (const f of dto.floors) {
      if (f.resolutionMinutes < f.responseMinutes) throw invalid(`“${f.name}”的办结时限不能短于响应时限`, { field: 'floors', code: f.code });
      const problem = floorProblem({ ...f, active: true }, undefined);
      if (problem) throw refusal(problem, f.code);
    }
    await this.db.transaction(async (m) => {
      const repo = m.getRepository(DeadlineFloorRow);
      const before = await repo.findBy({ areaId: county.id });
      await repo.delete({ areaId: county.id });
      if (dto.floors.length) await repo.insert(dto.floors.map((f) => ({ ...f, areaId: county.id, updatedById: caller.userId })));
      const tightened = await this.bringWithinFloors(m, county, dto.floors);
      await this.audit.record(
        { by: caller, action: 'floors.replace', entityType: 'area', entityId: county.id, before: { floors: before.map(floorView) }, after: { floors: dto.floors, tightened } },
        m,
      );
    });
    return this.floorsView(county);
  }

  /** Every category of the county's estates that is looser than its new floor is set to the floor. Returns how many. */
  private async bringWithinFloors(m: EntityManager, county: Area, floors: DeadlineFloor[]): Promise<number> {
    if (!floors.length) return 0;
    const estates = await applyScope(m.getRepository(Community).createQueryBuilder('c').select('c.id'), underArea('c.areaPath', county.path)).getMany();
    if (!estates.length) return 0;
    const rows = await m.getRepository(TicketCategoryRow).findBy({ communityId: In(estates.map((e) => e.id)), code: In(floors.map((f) => f.code)) });
    let changed = 0;
    for (const row of rows) {
      const fixed = withinFloor(row, floors.find((f) => f.code === row.code));
      if (fixed.responseMinutes === row.responseMinutes && fixed.resolutionMinutes === row.resolutionMinutes && fixed.emergency === row.emergency && fixed.active === row.active) continue;
      await m.getRepository(TicketCategoryRow).update(row.id, { responseMinutes: fixed.responseMinutes, resolutionMinutes: fixed.resolutionMinutes, emergency: fixed.emergency, active: fixed.active });
      changed++;
    }
    return changed;
  }

  /** A county the caller reaches under `policy` (a town regulator asking for its county: 404); any other level: 422. */
  private async county(areaId: number, caller: Principal, policy: 'oversight.read' | 'floors.manage'): Promise<Area> {
    const area = await areaInScope(this.db, caller, areaId, policy);
    if (area.level !== 'county') throw invalid('时限标准由县（区）设定，请选择县（区）', { field: 'areaId' });
    return area;
  }

  /** The county above an estate's community office (the first area of its path that is a county). */
  private async countyOf(m: EntityManager, areaPath: string): Promise<Area | null> {
    const ids = areaPath.split('/').filter(Boolean).map(Number);
    return ids.length ? m.getRepository(Area).findOne({ where: { id: In(ids), level: 'county' } }) : null;
  }

  private async floorsOfCommunity(m: EntityManager, communityId: number): Promise<DeadlineFloor[]> {
    const community = await m.getRepository(Community).findOneBy({ id: communityId });
    const county = community ? await this.countyOf(m, community.areaPath) : null;
    return county ? (await m.getRepository(DeadlineFloorRow).find({ where: { areaId: county.id }, order: { id: 'ASC' } })).map(floorView) : [];
  }

  private async floorsView(county: Area | null): Promise<DeadlineFloorsView> {
    const floors = county ? (await this.db.getRepository(DeadlineFloorRow).find({ where: { areaId: county.id }, order: { id: 'ASC' } })).map(floorView) : [];
    return { county: county ? { id: county.id, name: county.name } : null, floors, emergencyResponseMaxMinutes: EMERGENCY_RESPONSE_MAX_MINUTES };
  }
}
