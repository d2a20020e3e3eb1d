import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { RECTIFICATION_EVENT_LABELS, type Page, type RectificationAction, type RectificationActor, type RectificationSummary, type RectificationView } from '@wuye/contracts';
import { notFound } from '../../common/errors';
import { keysetPage } from '../../common/pagination';
import type { Principal } from '../identity/principal';
import { addressedScope, applyScope } from '../identity/scope';
import { User } from '../identity/user.entity';
import { Community } from '../org/community.entity';
import { PropertyCompany } from '../org/property-company.entity';
import { UploadsService } from '../uploads/uploads.service';
import { RectificationsQuery, RectificationStepDto } from './dto/inspection.dto';
import { Inspection } from './inspection.entity';
import { RectificationEvent } from './rectification-event.entity';
import { orderActions } from './rectification-lifecycle';
import { RectificationLifecycleService } from './rectification-lifecycle.service';
import { Rectification } from './rectification.entity';

/**
 * 整改单: the company's inbox and the office's list (overdue ones are its 督办 queue), one order with its timeline and
 * the steps the caller may take, and those steps through the lifecycle.
 */
@Injectable()
export class RectificationsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly lifecycle: RectificationLifecycleService,
    private readonly uploads: UploadsService,
  ) {}

  /** Who the caller is to an order: the project manager of the company it is addressed to, the inspecting office. */
  private actors(order: Rectification, caller: Principal): RectificationActor[] {
    const actors: RectificationActor[] = [];
    if (caller.mayForCompany('rectifications.reply', order.communityId, order.companyId)) actors.push('manager');
    if (caller.mayInCommunity('inspections.write', order.communityId)) actors.push('issuer');
    return actors;
  }

  async list(query: RectificationsQuery, caller: Principal): Promise<Page<RectificationSummary>> {
    const qb = applyScope(this.db.getRepository(Rectification).createQueryBuilder('r'), addressedScope(caller, 'inspections.read', 'r.community_id', 'r.company_id'));
    if (query.communityId) qb.andWhere('r.communityId = :cid', { cid: query.communityId });
    if (query.inspectionId) qb.andWhere('r.inspectionId = :iid', { iid: query.inspectionId });
    if (query.state) qb.andWhere('r.state = :state', { state: query.state });
    // 督办: late and still the company's to put right.
    if (query.overdue) qb.andWhere("r.overdueAt IS NOT NULL AND r.state IN ('open', 'returned')");
    const page = await keysetPage(qb, { columns: [{ expr: 'r.id', dir: 'DESC' }], cursor: query.cursor, limit: query.limit, keyOf: (r) => [r.id] });
    return { items: await this.summaries(page.items), nextCursor: page.nextCursor };
  }

  async get(id: number, caller: Principal): Promise<RectificationView> {
    return this.view(await this.load(id, caller), caller);
  }

  async step(id: number, action: RectificationAction, dto: RectificationStepDto, caller: Principal): Promise<RectificationView> {
    const order = await this.load(id, caller);
    await this.lifecycle.take(order, { kind: action, version: dto.version, note: dto.note, photoIds: dto.photoIds }, { now: new Date(), actorId: caller.userId, actors: this.actors(order, caller) });
    return this.view(await this.db.getRepository(Rectification).findOneByOrFail({ id }), caller);
  }

  private async load(id: number, caller: Principal): Promise<Rectification> {
    const order = await applyScope(this.db.getRepository(Rectification).createQueryBuilder('r').where('r.id = :id', { id }), addressedScope(caller, 'inspections.read', 'r.community_id', 'r.company_id')).getOne();
    if (!order) throw notFound('rectification');
    return order;
  }

  private async summaries(rows: Rectification[]): Promise<RectificationSummary[]> {
    if (!rows.length) return [];
    const [communities, companies] = await Promise.all([
      this.db.getRepository(Community).findBy({ id: In([...new Set(rows.map((r) => r.communityId))]) }),
      this.db.getRepository(PropertyCompany).findBy({ id: In([...new Set(rows.map((r) => r.companyId))]) }),
    ]);
    return rows.map((r) => ({
      id: r.id,
      inspectionId: r.inspectionId,
      communityId: r.communityId,
      communityName: communities.find((c) => c.id === r.communityId)?.name ?? '',
      companyId: r.companyId,
      companyName: companies.find((c) => c.id === r.companyId)?.name ?? '',
      section: r.section,
      itemText: r.itemText,
      state: r.state,
      deadlineAt: r.deadlineAt.toISOString(),
      overdueAt: r.overdueAt?.toISOString() ?? null,
      version: r.version,
      updatedAt: r.updatedAt.toISOString(),
    }));
  }

  private async view(order: Rectification, caller: Principal): Promise<RectificationView> {
    const [summary] = await this.summaries([order]);
    const inspection = await this.db.getRepository(Inspection).findOneByOrFail({ id: order.inspectionId });
    const events = await this.db.getRepository(RectificationEvent).find({ where: { rectificationId: order.id }, order: { id: 'ASC' } });
    const users = await this.db.getRepository(User).findBy({ id: In(events.map((e) => e.actorId ?? 0)) });
    return {
      ...summary,
      note: order.note,
      photos: await this.uploads.photoViews(order.photoIds, false),
      inspectedOn: inspection.inspectedOn,
      inspectionKind: inspection.kind,
      timeline: await Promise.all(
        events.map(async (e) => ({
          id: e.id,
          action: e.action,
          actionLabel: RECTIFICATION_EVENT_LABELS[e.action] ?? e.action,
          actorName: users.find((u) => u.id === e.actorId)?.displayName ?? null,
          fromState: e.fromState,
          toState: e.toState,
          note: e.note,
          photos: await this.uploads.photoViews(e.photoIds, false),
          at: e.createdAt.toISOString(),
        })),
      ),
      can: orderActions(order, this.actors(order, caller)),
    };
  }
}
