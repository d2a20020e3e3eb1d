import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { currentRequestId } from '../../common/request-context';
import { AuditEntry } from './audit-entry.entity';

export interface AuditRecord {
  actorId: number | null;
  action: string;
  entityType: string;
  entityId: number | null;
  communityId?: number | null;
  companyId?: number | null;
  before?: object | null;
  after?: object | null;
  requestId?: string | null;
}

/** Append-only log of role, binding and organisation changes. Written in the caller's transaction when given one. */
@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async record(entry: AuditRecord, manager: EntityManager = this.db.manager): Promise<void> {
    await manager.getRepository(AuditEntry).insert({
      actorId: entry.actorId,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      communityId: entry.communityId ?? null,
      companyId: entry.companyId ?? null,
      before: entry.before ?? null,
      after: entry.after ?? null,
      requestId: entry.requestId ?? currentRequestId(),
    });
  }
}
