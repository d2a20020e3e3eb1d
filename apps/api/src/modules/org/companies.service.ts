import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CREDIT_CODE_PROBLEM_TEXT, checkCreditCode, type CompanyView, type Page } from '@wuye/contracts';
import { conflict, invalid, notFound } from '../../common/errors';
import { keysetPage } from '../../common/pagination';
import { containsClause } from '../../common/sql';
import { AuditService } from '../identity/audit.service';
import type { Principal } from '../identity/principal';
import { CreateCompanyDto, ListCompaniesQuery, UpdateCompanyDto } from './dto/company.dto';
import { PropertyCompany } from './property-company.entity';

export const companyView = (c: PropertyCompany): CompanyView => ({
  id: c.id,
  name: c.name,
  creditCode: c.creditCode,
  contactPhone: c.contactPhone,
  address: c.address,
});

function assertCreditCode(code: string): void {
  const problem = checkCreditCode(code);
  if (problem) throw invalid(CREDIT_CODE_PROBLEM_TEXT[problem], { field: 'creditCode', problem }, 'INVALID_CREDIT_CODE');
}

@Injectable()
export class CompaniesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  async create(dto: CreateCompanyDto, actor: Principal): Promise<CompanyView> {
    assertCreditCode(dto.creditCode);
    return this.db.transaction(async (m) => {
      const repo = m.getRepository(PropertyCompany);
      if (await repo.existsBy({ creditCode: dto.creditCode })) {
        throw conflict('ALREADY_EXISTS', '该统一社会信用代码的企业已登记');
      }
      const company = await repo.save(
        repo.create({ name: dto.name, creditCode: dto.creditCode, contactPhone: dto.contactPhone ?? null, address: dto.address ?? null }),
      );
      await this.audit.record(
        { by: actor, action: 'company.create', entityType: 'company', entityId: company.id, companyId: company.id, after: companyView(company) },
        m,
      );
      return companyView(company);
    });
  }

  async update(id: number, dto: UpdateCompanyDto, actor: Principal): Promise<CompanyView> {
    if (dto.creditCode !== undefined) assertCreditCode(dto.creditCode);
    return this.db.transaction(async (m) => {
      const repo = m.getRepository(PropertyCompany);
      const company = await repo.findOneBy({ id });
      if (!company) throw notFound('company');
      const before = companyView(company);
      if (dto.creditCode && dto.creditCode !== company.creditCode && (await repo.existsBy({ creditCode: dto.creditCode }))) {
        throw conflict('ALREADY_EXISTS', '该统一社会信用代码的企业已登记');
      }
      const changes = {
        name: dto.name ?? company.name,
        creditCode: dto.creditCode ?? company.creditCode,
        contactPhone: dto.contactPhone === undefined ? company.contactPhone : dto.contactPhone,
        address: dto.address === undefined ? company.address : dto.address,
      };
      await repo.update(id, changes);
      const after = companyView({ ...company, ...changes });
      await this.audit.record({ by: actor, action: 'company.update', entityType: 'company', entityId: id, companyId: id, before, after }, m);
      return after;
    });
  }

  async get(id: number): Promise<CompanyView> {
    const company = await this.db.getRepository(PropertyCompany).findOneBy({ id });
    if (!company) throw notFound('company');
    return companyView(company);
  }

  /** Companies are public registrations (name and credit code): any signed-in user may look them up. */
  async list(query: ListCompaniesQuery): Promise<Page<CompanyView>> {
    const qb = this.db.getRepository(PropertyCompany).createQueryBuilder('pc');
    if (query.q) qb.andWhere(...containsClause('pc.name', 'q', query.q));
    return keysetPage(qb, { columns: [{ expr: 'pc.id', dir: 'ASC' }], cursor: query.cursor, limit: query.limit, keyOf: (c) => [c.id], view: companyView });
  }
}
