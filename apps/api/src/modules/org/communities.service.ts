import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import type { CommunityView, DirectoryCommunity, Page } from '@wuye/contracts';
import { conflict, invalid, notFound } from '../../common/errors';
import { PageQuery, keysetPage } from '../../common/pagination';
import { containsClause } from '../../common/sql';
import { AuditService } from '../identity/audit.service';
import type { Policy } from '../identity/policies';
import type { Principal } from '../identity/principal';
import { applyScope, underArea, withinCommunities } from '../identity/scope';
import { Area } from './area.entity';
import { Community } from './community.entity';
import { ContractsService } from './contracts.service';
import { CreateCommunityDto, ListCommunitiesQuery, UpdateCommunityDto } from './dto/community.dto';

@Injectable()
export class CommunitiesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly contracts: ContractsService,
    private readonly audit: AuditService,
  ) {}

  async create(dto: CreateCommunityDto, actor: Principal): Promise<CommunityView> {
    const id = await this.db.transaction(async (m) => {
      const office = await this.officeFor(m, dto.areaId);
      const repo = m.getRepository(Community);
      if (await repo.existsBy({ code: dto.code })) throw conflict('ALREADY_EXISTS', `小区编码 ${dto.code} 已被使用`);
      const community = await repo.save(
        repo.create({
          code: dto.code,
          name: dto.name,
          areaId: office.id,
          areaPath: office.path,
          address: dto.address ?? null,
          lat: dto.lat ?? null,
          long: dto.long ?? null,
        }),
      );
      await this.audit.record(
        { by: actor, action: 'community.create', entityType: 'community', entityId: community.id, communityId: community.id, after: dto },
        m,
      );
      return community.id;
    });
    return this.get(id, actor);
  }

  async update(id: number, dto: UpdateCommunityDto, actor: Principal): Promise<CommunityView> {
    await this.db.transaction(async (m) => {
      const repo = m.getRepository(Community);
      const community = await repo.findOneBy({ id });
      if (!community) throw notFound('community');
      if (dto.code && dto.code !== community.code && (await repo.existsBy({ code: dto.code }))) {
        throw conflict('ALREADY_EXISTS', `小区编码 ${dto.code} 已被使用`);
      }
      const before = { code: community.code, name: community.name, areaId: community.areaId, address: community.address };
      const changes: Partial<Community> = {};
      if (dto.code !== undefined) changes.code = dto.code;
      if (dto.name !== undefined) changes.name = dto.name;
      if (dto.address !== undefined) changes.address = dto.address;
      if (dto.lat !== undefined) changes.lat = dto.lat;
      if (dto.long !== undefined) changes.long = dto.long;
      if (dto.areaId !== undefined && dto.areaId !== community.areaId) {
        const office = await this.officeFor(m, dto.areaId);
        changes.areaId = office.id;
        changes.areaPath = office.path;
      }
      if (Object.keys(changes).length) await repo.update(id, changes);
      await this.audit.record(
        { by: actor, action: 'community.update', entityType: 'community', entityId: id, communityId: id, before, after: changes },
        m,
      );
    });
    return this.get(id, actor);
  }

  async get(id: number, caller: Principal, policy: Policy = 'community.read'): Promise<CommunityView> {
    const qb = this.db.getRepository(Community).createQueryBuilder('c').where('c.id = :id', { id });
    const community = await withinCommunities(qb, 'c.id', caller, policy).getOne();
    if (!community) throw notFound('community');
    return (await this.views([community]))[0];
  }

  /** Communities in the caller's scope; an area filter narrows it, never widens it. */
  async list(query: ListCommunitiesQuery, caller: Principal): Promise<Page<CommunityView>> {
    const qb = withinCommunities(this.db.getRepository(Community).createQueryBuilder('c'), 'c.id', caller, 'community.read');
    if (query.q) qb.andWhere(...containsClause('c.name', 'q', query.q));
    if (query.areaId) {
      const area = await this.db.getRepository(Area).findOneBy({ id: query.areaId });
      if (!area) throw notFound('area');
      applyScope(qb, underArea('c.areaPath', area.path));
    }
    const page = await keysetPage(qb, { columns: [{ expr: 'c.id', dir: 'ASC' }], cursor: query.cursor, limit: query.limit, keyOf: (c) => [c.id] });
    return { items: await this.views(page.items), nextCursor: page.nextCursor };
  }

  /** The public directory: names, places and the serving company; nothing personal. */
  async directory(query: PageQuery & { q?: string }): Promise<Page<DirectoryCommunity>> {
    const qb = this.db.getRepository(Community).createQueryBuilder('c');
    if (query.q) qb.andWhere(...containsClause('c.name', 'q', query.q));
    const page = await keysetPage(qb, { columns: [{ expr: 'c.id', dir: 'ASC' }], cursor: query.cursor, limit: query.limit, keyOf: (c) => [c.id] });
    const views = await this.views(page.items);
    return {
      items: views.map((v) => ({
        id: v.id,
        code: v.code,
        name: v.name,
        address: v.address,
        areaName: v.areaName,
        townName: v.townName,
        companyName: v.company?.name ?? null,
      })),
      nextCursor: page.nextCursor,
    };
  }

  /** Views for a page of communities: three batched look-ups, whatever the page size. */
  async views(communities: Community[]): Promise<CommunityView[]> {
    if (!communities.length) return [];
    const offices = await this.db.getRepository(Area).findBy({ id: In([...new Set(communities.map((c) => c.areaId))]) });
    const townIds = [...new Set(offices.map((o) => o.parentId).filter((id): id is number => id !== null))];
    const towns = townIds.length ? await this.db.getRepository(Area).findBy({ id: In(townIds) }) : [];
    const contracts = await this.contracts.activeContracts(communities.map((c) => c.id));
    return communities.map((c) => {
      const office = offices.find((o) => o.id === c.areaId);
      const town = towns.find((t) => t.id === office?.parentId);
      const contract = contracts.get(c.id);
      const company = contract?.company;
      return {
        id: c.id,
        code: c.code,
        name: c.name,
        address: c.address,
        areaId: c.areaId,
        areaName: office?.name ?? '',
        townName: town?.name ?? null,
        company: company ? { id: company.id, name: company.name, contactPhone: company.contactPhone } : null,
        contract: contract ? { serviceGrade: contract.serviceGrade, feeStandards: contract.feeStandards, startsOn: contract.startsOn, endsOn: contract.endsOn } : null,
        lat: c.lat,
        long: c.long,
      };
    });
  }

  private async officeFor(m: EntityManager, areaId: number): Promise<Area> {
    const office = await m.getRepository(Area).findOneBy({ id: areaId });
    if (!office) throw notFound('area');
    if (office.level !== 'community_office') {
      throw invalid('小区必须归属到社区（村）一级', { field: 'areaId' }, 'INVALID_AREA_PARENT');
    }
    return office;
  }
}
