import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import type { AuditEntryView, Page } from '@wuye/contracts';
import { keysetPage, PageQuery } from '../../common/pagination';
import type { Principal } from './principal';
import { User } from './user.entity';
import { AuditEntry } from './audit-entry.entity';
import { applyScope, communityScope, companyScope, eitherScope } from './scope';

export interface AuditRecord {
  /** The caller whose request made the change: the actor (unless `actorId` names another) and the request traced. */
  by: Principal;
  /** Who is recorded as having acted, when not the caller (an invitation's grant is the inviter's). */
  actorId?: number;
  action: string;
  entityType: string;
  entityId: number | null;
  communityId?: number | null;
  companyId?: number | null;
  before?: object | null;
  after?: object | null;
}

/** Append-only log of role, binding and organisation changes. Written in the caller's transaction when given one. */
@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async record(entry: AuditRecord, manager: EntityManager = this.db.manager): Promise<void> {
    await manager.getRepository(AuditEntry).insert({
      actorId: entry.actorId ?? entry.by.userId,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      communityId: entry.communityId ?? null,
      companyId: entry.companyId ?? null,
      before: entry.before ?? null,
      after: entry.after ?? null,
      requestId: entry.by.requestId,
    });
  }

  /** Platform admins read everything; company admins what concerns their company and the estates it serves. */
  async list(query: PageQuery & { entityType?: string }, caller: Principal): Promise<Page<AuditEntryView>> {
    const qb = this.db.getRepository(AuditEntry).createQueryBuilder('a');
    applyScope(qb, eitherScope(companyScope(caller, 'a.companyId'), communityScope(caller, 'audit.read', 'a.communityId')));
    if (query.entityType) qb.andWhere('a.entityType = :entityType', { entityType: query.entityType });
    const page = await keysetPage(qb, { columns: [{ expr: 'a.id', dir: 'DESC' }], cursor: query.cursor, limit: query.limit, keyOf: (a) => [a.id] });
    const actors = await this.db.getRepository(User).findBy({ id: In(page.items.map((a) => a.actorId).filter((x): x is number => x !== null)) });
    return {
      items: page.items.map((a) => ({
        id: a.id,
        actor: a.actorId === null ? null : { id: a.actorId, displayName: actors.find((u) => u.id === a.actorId)?.displayName ?? '' },
        action: a.action,
        entityType: a.entityType,
        entityId: a.entityId,
        communityId: a.communityId,
        companyId: a.companyId,
        before: a.before,
        after: a.after,
        requestId: a.requestId,
        createdAt: a.createdAt.toISOString(),
      })),
      nextCursor: page.nextCursor,
    };
  }
}
