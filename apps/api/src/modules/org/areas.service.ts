import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AREA_CHILD_LEVEL, AREA_LEVEL_LABELS, type AreaView, type Page } from '@wuye/contracts';
import { conflict, invalid, notFound } from '../../common/errors';
import { keysetPage } from '../../common/pagination';
import { AuditService } from '../identity/audit.service';
import type { Principal } from '../identity/principal';
import { Area } from './area.entity';
import { CreateAreaDto, ListAreasQuery, UpdateAreaDto } from './dto/area.dto';

export const areaView = (a: Area): AreaView => ({ id: a.id, code: a.code, name: a.name, level: a.level, parentId: a.parentId });

@Injectable()
export class AreasService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  async create(dto: CreateAreaDto, actor: Principal): Promise<AreaView> {
    return this.db.transaction(async (m) => {
      const repo = m.getRepository(Area);
      let parentPath = '/';
      if (dto.level === 'county') {
        if (dto.parentId) throw invalid('县（区）是最高一级，不能有上级区域', { field: 'parentId' }, 'INVALID_AREA_PARENT');
      } else {
        if (!dto.parentId) throw invalid(`${AREA_LEVEL_LABELS[dto.level]}必须指定上级区域`, { field: 'parentId' }, 'INVALID_AREA_PARENT');
        const parent = await repo.findOneBy({ id: dto.parentId });
        if (!parent) throw notFound('area');
        if (AREA_CHILD_LEVEL[parent.level] !== dto.level) {
          throw invalid(`${AREA_LEVEL_LABELS[dto.level]}不能设在${AREA_LEVEL_LABELS[parent.level]}之下`, { field: 'parentId' }, 'INVALID_AREA_PARENT');
        }
        parentPath = parent.path;
      }
      if (await repo.existsBy({ code: dto.code })) throw conflict('ALREADY_EXISTS', `区域编码 ${dto.code} 已被使用`);
      const area = await repo.save(repo.create({ code: dto.code, name: dto.name, level: dto.level, parentId: dto.parentId ?? null, path: '' }));
      area.path = `${parentPath}${area.id}/`;
      await repo.update(area.id, { path: area.path });
      await this.audit.record({ by: actor, action: 'area.create', entityType: 'area', entityId: area.id, after: areaView(area) }, m);
      return areaView(area);
    });
  }

  async update(id: number, dto: UpdateAreaDto, actor: Principal): Promise<AreaView> {
    return this.db.transaction(async (m) => {
      const repo = m.getRepository(Area);
      const area = await repo.findOneBy({ id });
      if (!area) throw notFound('area');
      const before = areaView(area);
      if (dto.code && dto.code !== area.code && (await repo.existsBy({ code: dto.code }))) {
        throw conflict('ALREADY_EXISTS', `区域编码 ${dto.code} 已被使用`);
      }
      Object.assign(area, { code: dto.code ?? area.code, name: dto.name ?? area.name });
      await repo.update(id, { code: area.code, name: area.name });
      await this.audit.record({ by: actor, action: 'area.update', entityType: 'area', entityId: id, before, after: areaView(area) }, m);
      return areaView(area);
    });
  }

  async get(id: number): Promise<AreaView> {
    const area = await this.db.getRepository(Area).findOneBy({ id });
    if (!area) throw notFound('area');
    return areaView(area);
  }

  /** Areas are public administrative divisions: any signed-in user may browse them. */
  async list(query: ListAreasQuery): Promise<Page<AreaView>> {
    const qb = this.db.getRepository(Area).createQueryBuilder('a');
    if (query.level) qb.andWhere('a.level = :level', { level: query.level });
    if (query.parentId) qb.andWhere('a.parentId = :parentId', { parentId: query.parentId });
    return keysetPage(qb, { columns: [{ expr: 'a.id', dir: 'ASC' }], cursor: query.cursor, limit: query.limit, keyOf: (a) => [a.id], view: areaView });
  }
}
