import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { DEFAULT_TICKET_CATEGORIES, type TicketCategory } from '@wuye/contracts';
import { invalid, notFound } from '../../common/errors';
import { AuditService } from '../identity/audit.service';
import type { Principal } from '../identity/principal';
import { Community } from '../org/community.entity';
import { ReplaceCategoriesDto } from './dto/category.dto';
import { TicketCategoryRow } from './ticket-category.entity';

const view = (c: TicketCategoryRow): TicketCategory => ({
  code: c.code,
  name: c.name,
  responseMinutes: c.responseMinutes,
  resolutionMinutes: c.resolutionMinutes,
  emergency: c.emergency,
  active: c.active,
});

/** Each estate's ticket categories with their deadlines; an estate starts with the defaults of PRODUCT.md. */
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

  /** The estate's categories, the defaults written in on first use. */
  async rows(communityId: number, m: EntityManager = this.db.manager): Promise<TicketCategoryRow[]> {
    const repo = m.getRepository(TicketCategoryRow);
    let rows = await repo.find({ where: { communityId }, order: { sortOrder: 'ASC', id: 'ASC' } });
    if (!rows.length) {
      await repo
        .createQueryBuilder()
        .insert()
        .values(DEFAULT_TICKET_CATEGORIES.map((c, i) => ({ ...c, communityId, sortOrder: i })))
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
   * tickets keep their name and deadlines.
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
      const before = await this.rows(communityId, m);
      const repo = m.getRepository(TicketCategoryRow);
      for (const [i, c] of dto.categories.entries()) {
        const existing = before.find((b) => b.code === c.code);
        const values = { name: c.name, responseMinutes: c.responseMinutes, resolutionMinutes: c.resolutionMinutes, emergency: c.emergency, active: c.active, sortOrder: i };
        if (existing) await repo.update(existing.id, values);
        else await repo.insert({ communityId, code: c.code, ...values });
      }
      for (const old of before.filter((b) => !codes.includes(b.code))) await repo.update(old.id, { active: false, sortOrder: 1000 + old.sortOrder });
      await this.audit.record(
        { actorId: caller.userId, action: 'categories.replace', entityType: 'community', entityId: communityId, communityId, before: { categories: before.map(view) }, after: { categories: dto.categories } },
        m,
      );
    });
    return (await this.rows(communityId)).map(view);
  }
}
