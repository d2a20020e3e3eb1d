import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { addDays, shanghaiDate, type ContractStatus, type ContractView, type Page } from '@wuye/contracts';
import { conflict, invalid, notFound } from '../../common/errors';
import { keysetPage } from '../../common/pagination';
import { AuditService } from '../identity/audit.service';
import { contractDutiesConflict } from '../identity/duties';
import type { Principal } from '../identity/principal';
import { Community } from './community.entity';
import { CreateContractDto, EndContractDto, ListContractsQuery } from './dto/contract.dto';
import { PropertyCompany } from './property-company.entity';
import { ServiceContract } from './service-contract.entity';
import { applyScope, communityScope, companyScope, eitherScope } from '../identity/scope';

/**
 * The rule for hand-written SQL: the contract aliased `alias` is active on `today`, a placeholder for a Shanghai
 * date (`:today` for named parameters; `?` for positional ones, which then take the date twice).
 */
export const activeContractSql = (alias: string, today = ':today') =>
  `${alias}.terminated_at IS NULL AND ${alias}.starts_on <= ${today} AND (${alias}.ends_on IS NULL OR ${alias}.ends_on >= ${today})`;

/**
 * Contracts in force on `today` (Shanghai date). The one definition of "active", used by access control too.
 * Works on the data source or inside a transaction (pass its manager: never a second connection mid-transaction).
 */
export function activeContractsQuery(db: DataSource | EntityManager, today: string) {
  return db
    .getRepository(ServiceContract)
    .createQueryBuilder('sc')
    .where('sc.terminatedAt IS NULL')
    .andWhere('sc.startsOn <= :today', { today })
    .andWhere('(sc.endsOn IS NULL OR sc.endsOn >= :today)', { today });
}

export function contractStatus(c: ServiceContract, today = shanghaiDate()): ContractStatus {
  if (c.terminatedAt) return 'terminated';
  if (c.startsOn > today) return 'upcoming';
  if (c.endsOn !== null && c.endsOn < today) return 'expired';
  return 'active';
}

/**
 * The last day a contract could claim. A terminated contract ended on the day it was terminated, and a new
 * company may start that same day (hand-over), so it claims up to the day before.
 */
const claimedUntil = (c: ServiceContract): string | null => (c.terminatedAt ? addDays(c.endsOn ?? c.startsOn, -1) : c.endsOn);

@Injectable()
export class ContractsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** The company managing each community today (communities without an active contract are absent). */
  async managingCompanies(communityIds: number[]): Promise<Map<number, PropertyCompany>> {
    const contracts = await this.activeContracts(communityIds);
    return new Map([...contracts].map(([communityId, c]) => [communityId, c.company as PropertyCompany]));
  }

  /** The contract in force today per estate, with its company: who serves it, at which grade and fees, until when. */
  async activeContracts(communityIds: number[]): Promise<Map<number, ServiceContract>> {
    if (!communityIds.length) return new Map();
    const contracts = await activeContractsQuery(this.db, shanghaiDate())
      .andWhere('sc.communityId IN (:...communityIds)', { communityIds })
      .leftJoinAndSelect('sc.company', 'company')
      .getMany();
    return new Map(contracts.map((c) => [c.communityId, c]));
  }

  async create(dto: CreateContractDto, actor: Principal): Promise<ContractView> {
    if (dto.endsOn && dto.endsOn < dto.startsOn) {
      throw invalid('合同结束日期不能早于开始日期', { field: 'endsOn' });
    }
    const types = dto.feeStandards.map((f) => f.propertyType);
    if (new Set(types).size !== types.length) throw invalid('同一物业类型只能有一个收费标准', { field: 'feeStandards' });

    const id = await this.db.transaction('SERIALIZABLE', async (m) => {
      const community = await m.getRepository(Community).findOneBy({ id: dto.communityId });
      if (!community) throw notFound('community');
      const company = await m.getRepository(PropertyCompany).findOneBy({ id: dto.companyId });
      if (!company) throw notFound('company');
      const others = await m.getRepository(ServiceContract).find({ where: { communityId: dto.communityId } });
      const clash = others.find((o) => {
        const until = claimedUntil(o);
        return (until === null || dto.startsOn <= until) && (dto.endsOn == null || o.startsOn <= dto.endsOn);
      });
      if (clash) {
        throw conflict('CONTRACT_OVERLAP', '该小区在此期间已有服务合同，请先终止原合同或调整日期', { contractId: clash.id });
      }
      const seatedTwice = await contractDutiesConflict(m, dto);
      if (seatedTwice) throw conflict('DUTIES_CONFLICT', seatedTwice);
      const saved = await m.getRepository(ServiceContract).save(
        m.getRepository(ServiceContract).create({
          communityId: dto.communityId,
          companyId: dto.companyId,
          startsOn: dto.startsOn,
          endsOn: dto.endsOn ?? null,
          serviceGrade: dto.serviceGrade,
          feeStandards: dto.feeStandards.map((f) => ({ propertyType: f.propertyType, pricePerM2MonthFen: f.pricePerM2MonthFen })),
          terminatedAt: null,
          endReason: null,
          endNote: null,
        }),
      );
      await this.audit.record(
        {
          by: actor,
          action: 'contract.create',
          entityType: 'service_contract',
          entityId: saved.id,
          communityId: saved.communityId,
          companyId: saved.companyId,
          after: { startsOn: saved.startsOn, endsOn: saved.endsOn, serviceGrade: saved.serviceGrade },
        },
        m,
      );
      return saved.id;
    });
    return this.get(id, actor);
  }

  /**
   * Ends a contract now (到期, 清退 or 改选). From this moment the company's staff, managers and admins no
   * longer reach the community; the contract stays in the history.
   */
  async end(id: number, dto: EndContractDto, actor: Principal): Promise<ContractView> {
    await this.db.transaction(async (m) => {
      const repo = m.getRepository(ServiceContract);
      const contract = await repo.findOneBy({ id });
      if (!contract) throw notFound('contract');
      if (contract.terminatedAt) throw conflict('CONTRACT_ALREADY_ENDED', '该合同已经终止');
      const today = shanghaiDate();
      const endsOn = contract.endsOn === null || contract.endsOn > today ? (contract.startsOn > today ? contract.startsOn : today) : contract.endsOn;
      const changed = await repo
        .createQueryBuilder()
        .update()
        .set({ terminatedAt: new Date(), endsOn, endReason: dto.reason, endNote: dto.note ?? null })
        .where('id = :id AND terminated_at IS NULL', { id })
        .execute();
      if (!changed.affected) throw conflict('CONTRACT_ALREADY_ENDED', '该合同已经终止');
      await this.audit.record(
        {
          by: actor,
          action: 'contract.end',
          entityType: 'service_contract',
          entityId: id,
          communityId: contract.communityId,
          companyId: contract.companyId,
          before: { endsOn: contract.endsOn },
          after: { endsOn, reason: dto.reason, note: dto.note ?? null },
        },
        m,
      );
    });
    return this.get(id, actor);
  }

  async get(id: number, caller: Principal): Promise<ContractView> {
    const qb = this.scoped(caller).andWhere('sc.id = :id', { id });
    const contract = await qb.getOne();
    if (!contract) throw notFound('contract');
    return this.view(contract);
  }

  async list(query: ListContractsQuery, caller: Principal): Promise<Page<ContractView>> {
    const qb = this.scoped(caller);
    if (query.communityId) qb.andWhere('sc.communityId = :communityId', { communityId: query.communityId });
    if (query.companyId) qb.andWhere('sc.companyId = :companyId', { companyId: query.companyId });
    return keysetPage(qb, {
      columns: [{ expr: 'sc.id', dir: 'DESC' }],
      cursor: query.cursor,
      limit: query.limit,
      keyOf: (c) => [c.id],
      view: (c) => this.view(c),
    });
  }

  /**
   * Contracts the caller may read: platform admins all; company admins their company's (history included, they
   * signed them); area and committee roles those of their communities.
   */
  private scoped(caller: Principal) {
    const qb = this.db
      .getRepository(ServiceContract)
      .createQueryBuilder('sc')
      .leftJoinAndSelect('sc.community', 'community')
      .leftJoinAndSelect('sc.company', 'company');
    return applyScope(qb, eitherScope(communityScope(caller, 'contracts.read', 'sc.communityId'), companyScope(caller, 'sc.companyId')));
  }

  private view(c: ServiceContract): ContractView {
    return {
      id: c.id,
      communityId: c.communityId,
      communityName: c.community?.name ?? '',
      companyId: c.companyId,
      companyName: c.company?.name ?? '',
      startsOn: c.startsOn,
      endsOn: c.endsOn,
      serviceGrade: c.serviceGrade,
      feeStandards: c.feeStandards,
      status: contractStatus(c),
      terminatedAt: c.terminatedAt ? c.terminatedAt.toISOString() : null,
      endReason: c.endReason,
      endNote: c.endNote,
    };
  }
}

