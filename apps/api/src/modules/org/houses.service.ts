import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import {
  floorAreaToNumber,
  parseFloorArea,
  type BuildingView,
  type DirectoryBuilding,
  type DirectoryHouse,
  type HouseImportResult,
  type HouseView,
  type Page,
} from '@wuye/contracts';
import { DomainError, conflict, invalid, notFound } from '../../common/errors';
import { keysetPage } from '../../common/pagination';
import { AuditService } from '../identity/audit.service';
import type { Policy } from '../identity/policies';
import type { Principal } from '../identity/principal';
import { Building } from './building.entity';
import { Community } from './community.entity';
import { CreateBuildingDto, CreateHouseDto, ListHousesQuery, UpdateHouseDto } from './dto/house.dto';
import { House } from './house.entity';
import { ImportFileError, ImportTooLargeError, readSheet, validateRows } from './house-import';

export const houseLabel = (buildingName: string, unit: string, number: string) => `${buildingName}${unit}${number}`;

/** "3栋1单元1201" and the building of each house id. */
export async function houseLabels(m: EntityManager, ids: number[]): Promise<Map<number, { label: string; buildingId: number }>> {
  const houses = await m.getRepository(House).findBy({ id: In(ids.concat(0)) });
  const names = new Map((await m.getRepository(Building).findBy({ id: In(houses.map((h) => h.buildingId).concat(0)) })).map((b) => [b.id, b.name]));
  return new Map(houses.map((h) => [h.id, { label: houseLabel(names.get(h.buildingId) ?? '', h.unit, h.number), buildingId: h.buildingId }]));
}

export function houseView(h: House, buildingName: string): HouseView {
  return {
    id: h.id,
    communityId: h.communityId,
    buildingId: h.buildingId,
    buildingName,
    unit: h.unit || null,
    floor: h.floor,
    number: h.number,
    floorArea: floorAreaToNumber(h.floorAreaCenti),
    propertyType: h.propertyType,
    label: houseLabel(buildingName, h.unit, h.number),
  };
}

const INSERT_CHUNK = 500;

@Injectable()
export class HousesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  async directoryBuildings(communityId: number): Promise<DirectoryBuilding[]> {
    if (!(await this.db.getRepository(Community).existsBy({ id: communityId }))) throw notFound('community');
    const buildings = await this.db.getRepository(Building).find({ where: { communityId }, order: { id: 'ASC' } });
    return buildings.map((b) => ({ id: b.id, name: b.name }));
  }

  async directoryHouses(buildingId: number): Promise<DirectoryHouse[]> {
    const building = await this.db.getRepository(Building).findOneBy({ id: buildingId });
    if (!building) throw notFound('building');
    const houses = await this.db.getRepository(House).find({ where: { buildingId }, order: { unit: 'ASC', floor: 'ASC', number: 'ASC' } });
    return houses.map((h) => ({ id: h.id, label: houseLabel(building.name, h.unit, h.number), unit: h.unit || null, floor: h.floor, number: h.number }));
  }

  /** 404 unless the community exists and the caller reaches it under the policy. */
  async assertCommunity(communityId: number, caller: Principal, policy: Policy): Promise<Community> {
    const community = caller.mayInCommunity(policy, communityId)
      ? await this.db.getRepository(Community).findOneBy({ id: communityId })
      : null;
    if (!community) throw notFound('community');
    return community;
  }

  async listBuildings(communityId: number, caller: Principal): Promise<BuildingView[]> {
    await this.assertCommunity(communityId, caller, 'houses.read');
    const buildings = await this.db.getRepository(Building).find({ where: { communityId }, order: { id: 'ASC' } });
    const counts = await this.db
      .getRepository(House)
      .createQueryBuilder('h')
      .select('h.buildingId', 'buildingId')
      .addSelect('COUNT(*)', 'n')
      .where('h.communityId = :communityId', { communityId })
      .groupBy('h.buildingId')
      .getRawMany<{ buildingId: number; n: string | number }>();
    const countOf = new Map(counts.map((c) => [Number(c.buildingId), Number(c.n)]));
    return buildings.map((b) => ({ id: b.id, communityId: b.communityId, name: b.name, houseCount: countOf.get(b.id) ?? 0 }));
  }

  async createBuilding(communityId: number, dto: CreateBuildingDto, caller: Principal): Promise<BuildingView> {
    await this.assertCommunity(communityId, caller, 'houses.manage');
    return this.db.transaction(async (m) => {
      const repo = m.getRepository(Building);
      if (await repo.existsBy({ communityId, name: dto.name })) throw conflict('ALREADY_EXISTS', `楼栋“${dto.name}”已存在`);
      const building = await repo.save(repo.create({ communityId, name: dto.name }));
      await this.audit.record(
        { by: caller, action: 'building.create', entityType: 'building', entityId: building.id, communityId, after: { name: building.name } },
        m,
      );
      return { id: building.id, communityId, name: building.name, houseCount: 0 };
    });
  }

  async listHouses(communityId: number, query: ListHousesQuery, caller: Principal): Promise<Page<HouseView>> {
    await this.assertCommunity(communityId, caller, 'houses.read');
    const qb = this.db
      .getRepository(House)
      .createQueryBuilder('h')
      .innerJoinAndSelect('h.building', 'b')
      .where('h.communityId = :communityId', { communityId });
    if (query.buildingId) qb.andWhere('h.buildingId = :buildingId', { buildingId: query.buildingId });
    return keysetPage(qb, {
      columns: [{ expr: 'h.id', dir: 'ASC' }],
      cursor: query.cursor,
      limit: query.limit,
      keyOf: (h) => [h.id],
      view: (h) => houseView(h, h.building?.name ?? ''),
    });
  }

  async getHouse(id: number, caller: Principal, policy: Policy = 'houses.read'): Promise<HouseView> {
    const house = await this.db.getRepository(House).findOne({ where: { id }, relations: { building: true } });
    if (!house || !caller.mayInCommunity(policy, house.communityId)) throw notFound('house');
    return houseView(house, house.building?.name ?? '');
  }

  async createHouse(dto: CreateHouseDto, caller: Principal): Promise<HouseView> {
    const floorAreaCenti = parseFloorArea(dto.floorArea);
    if (floorAreaCenti === null) throw invalid('建筑面积应为大于 0 的数字，最多两位小数', { field: 'floorArea' });
    const building = await this.db.getRepository(Building).findOneBy({ id: dto.buildingId });
    if (!building || !caller.mayInCommunity('houses.manage', building.communityId)) throw notFound('building');
    return this.db.transaction(async (m) => {
      const repo = m.getRepository(House);
      const unit = dto.unit ?? '';
      if (await repo.existsBy({ buildingId: building.id, unit, number: dto.number })) {
        throw conflict('ALREADY_EXISTS', `房屋 ${houseLabel(building.name, unit, dto.number)} 已存在`);
      }
      const house = await repo.save(
        repo.create({
          communityId: building.communityId,
          buildingId: building.id,
          unit,
          floor: dto.floor,
          number: dto.number,
          floorAreaCenti,
          propertyType: dto.propertyType ?? 'residence',
        }),
      );
      const view = houseView(house, building.name);
      await this.audit.record(
        { by: caller, action: 'house.create', entityType: 'house', entityId: house.id, communityId: house.communityId, after: view },
        m,
      );
      return view;
    });
  }

  async updateHouse(id: number, dto: UpdateHouseDto, caller: Principal): Promise<HouseView> {
    const existing = await this.db.getRepository(House).findOne({ where: { id }, relations: { building: true } });
    if (!existing || !caller.mayInCommunity('houses.manage', existing.communityId)) throw notFound('house');
    const buildingName = existing.building?.name ?? '';
    const before = houseView(existing, buildingName);
    const changes: Partial<House> = {};
    if (dto.unit !== undefined) changes.unit = dto.unit ?? '';
    if (dto.floor !== undefined) changes.floor = dto.floor;
    if (dto.number !== undefined) changes.number = dto.number;
    if (dto.propertyType !== undefined) changes.propertyType = dto.propertyType;
    if (dto.floorArea !== undefined) {
      const centi = parseFloorArea(dto.floorArea);
      if (centi === null) throw invalid('建筑面积应为大于 0 的数字，最多两位小数', { field: 'floorArea' });
      changes.floorAreaCenti = centi;
    }
    const updated = { ...existing, ...changes } as House;
    return this.db.transaction(async (m) => {
      const repo = m.getRepository(House);
      if (
        (changes.unit !== undefined || changes.number !== undefined) &&
        (await repo.createQueryBuilder('h')
          .where('h.buildingId = :b AND h.unit = :u AND h.number = :n AND h.id <> :id', { b: existing.buildingId, u: updated.unit, n: updated.number, id })
          .getExists())
      ) {
        throw conflict('ALREADY_EXISTS', `房屋 ${houseLabel(buildingName, updated.unit, updated.number)} 已存在`);
      }
      if (Object.keys(changes).length) await repo.update(id, changes);
      const after = houseView(updated, buildingName);
      await this.audit.record(
        { by: caller, action: 'house.update', entityType: 'house', entityId: id, communityId: existing.communityId, before, after },
        m,
      );
      return after;
    });
  }

  /**
   * Bulk import from CSV or .xlsx. Every bad row is reported with its row number and reason; nothing is written
   * unless every row is valid (one transaction).
   */
  async importHouses(communityId: number, file: Buffer, dryRun: boolean, caller: Principal): Promise<HouseImportResult> {
    await this.assertCommunity(communityId, caller, 'houses.manage');
    let rows;
    try {
      rows = await readSheet(file);
    } catch (e) {
      if (e instanceof ImportFileError) throw new DomainError(415, 'UNSUPPORTED_MEDIA_TYPE', e.message);
      if (e instanceof ImportTooLargeError) throw new DomainError(413, 'IMPORT_TOO_LARGE', `${e.message}，请分批导入`);
      throw e;
    }
    const { houses, errors } = validateRows(rows);

    // Houses that already exist are row errors too, found with one query per building, not per row.
    const buildingNames = [...new Set(houses.map((h) => h.building))];
    const buildings = buildingNames.length
      ? await this.db.getRepository(Building).find({ where: { communityId, name: In(buildingNames) } })
      : [];
    const buildingId = new Map(buildings.map((b) => [b.name, b.id]));
    if (buildings.length) {
      const existing = await this.db
        .getRepository(House)
        .find({ select: { buildingId: true, unit: true, number: true }, where: { buildingId: In(buildings.map((b) => b.id)) } });
      const taken = new Set(existing.map((h) => `${h.buildingId}\u0000${h.unit}\u0000${h.number}`));
      for (const h of houses) {
        const id = buildingId.get(h.building);
        if (id !== undefined && taken.has(`${id}\u0000${h.unit}\u0000${h.number}`)) {
          errors.push({ row: h.row, column: '房号', reason: `房屋 ${houseLabel(h.building, h.unit, h.number)} 已存在` });
        }
      }
    }
    if (errors.length) {
      errors.sort((a, b) => a.row - b.row);
      throw invalid(`导入失败：${new Set(errors.map((e) => e.row)).size} 行有误，未导入任何数据。请修改后重新上传`, { errors: errors.slice(0, 1000), errorCount: errors.length }, 'IMPORT_INVALID');
    }
    const newBuildings = buildingNames.filter((name) => !buildingId.has(name));
    if (dryRun) return { dryRun: true, rows: houses.length, buildingsCreated: newBuildings.length, housesCreated: houses.length };

    await this.db.transaction(async (m) => {
      for (const name of newBuildings) {
        const saved = await m.getRepository(Building).save(m.getRepository(Building).create({ communityId, name }));
        buildingId.set(name, saved.id);
      }
      for (let i = 0; i < houses.length; i += INSERT_CHUNK) {
        await m.getRepository(House).insert(
          houses.slice(i, i + INSERT_CHUNK).map((h) => ({
            communityId,
            buildingId: buildingId.get(h.building) as number,
            unit: h.unit,
            floor: h.floor,
            number: h.number,
            floorAreaCenti: h.floorAreaCenti,
            propertyType: h.propertyType,
          })),
        );
      }
      await this.audit.record(
        { by: caller, action: 'houses.import', entityType: 'community', entityId: communityId, communityId, after: { buildingsCreated: newBuildings.length, housesCreated: houses.length } },
        m,
      );
    });
    return { dryRun: false, rows: houses.length, buildingsCreated: newBuildings.length, housesCreated: houses.length };
  }
}
