import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, IsNull, LessThan, MoreThan } from 'typeorm';
import { RECTIFYING_STATES, shanghaiDateTime } from '@wuye/contracts';
import { retryingTransaction } from '../../database/transactions';
import { areaPeopleOf, managersOf } from '../identity/people';
import { JobSchedulerService } from '../jobs/job-scheduler.service';
import { sweepInBatches } from '../jobs/sweep';
import { NotificationsService } from '../notifications/notifications.service';
import { Community } from '../org/community.entity';
import { UploadsService } from '../uploads/uploads.service';
import { RectificationEvent } from './rectification-event.entity';
import { planOrderStep, type OrderNotice, type OrderPlan, type OrderStepContext, type OrderStepInput } from './rectification-lifecycle';
import { Rectification } from './rectification.entity';

/**
 * Carries out the plans of the order lifecycle (rectification-lifecycle.ts): the one writer of an order's state and
 * timeline — issuing orders with an inspection, people's steps, and the scheduler's overdue sweep that puts late
 * orders into the office's 督办 queue.
 */
@Injectable()
export class RectificationLifecycleService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly uploads: UploadsService,
    private readonly scheduler: JobSchedulerService,
    private readonly notifications: NotificationsService,
  ) {}

  onModuleInit(): void {
    this.scheduler.register('rectifications', () => this.sweepOverdue());
  }

  /**
   * New orders of an inspection, inside its transaction: each with its 下发整改 entry; the company's project manager
   * at the estate is told once for the inspection (in the app: no subscribe-message template covers 整改单).
   */
  async issue(m: EntityManager, orders: Omit<Rectification, 'id' | 'version' | 'createdAt' | 'updatedAt' | 'state' | 'overdueAt' | 'verifiedAt'>[], actorId: number): Promise<void> {
    const ids: number[] = [];
    for (const order of orders) {
      const saved = await m.getRepository(Rectification).save(m.getRepository(Rectification).create({ ...order, state: 'open', overdueAt: null, verifiedAt: null }));
      await m.getRepository(RectificationEvent).insert({ rectificationId: saved.id, actorId, action: 'issued', fromState: null, toState: 'open', note: null, photoIds: [] });
      ids.push(saved.id);
    }
    if (!orders.length) return;
    const first = orders.reduce((a, b) => (b.deadlineAt < a.deadlineAt ? b : a));
    const items = orders.map((o) => o.itemText).join('、');
    await this.tell(m, { ...first, id: ids.length === 1 ? ids[0] : null }, { to: 'manager', kind: 'rectification_issued', title: `收到整改单 ${orders.length} 项`, body: `${items}（最早 ${shanghaiDateTime(first.deadlineAt)} 前整改并回复）` });
  }

  /**
   * A notice of an order (id null: of several) to its company's project manager at the estate, or to the office that
   * issued it; it opens the order.
   */
  private async tell(m: EntityManager, order: Pick<Rectification, 'communityId' | 'companyId' | 'issuingAreaId'> & { id: number | null }, notice: Omit<OrderNotice, 'kind'> & { kind: string }): Promise<void> {
    const community = await m.getRepository(Community).findOneByOrFail({ id: order.communityId });
    const people = notice.to === 'manager' ? await managersOf(m, order.communityId, order.companyId) : await areaPeopleOf(m, order.issuingAreaId);
    await this.notifications.notify(people, { kind: notice.kind, title: notice.title, body: `${community.name}：${notice.body}`, rectificationId: order.id }, m);
  }

  /** Plans and applies a step in its own transaction; null when a scheduler step found the order moved on. */
  async take(order: Rectification, step: OrderStepInput, ctx: OrderStepContext): Promise<Rectification | null> {
    const plan = planOrderStep(order, step, ctx);
    return retryingTransaction(this.db, (m) => this.apply(m, order, plan));
  }

  async apply(m: EntityManager, order: Rectification, plan: OrderPlan): Promise<Rectification | null> {
    const qb = m
      .getRepository(Rectification)
      .createQueryBuilder()
      .update()
      .set(plan.changes)
      .where('id = :id AND state = :state', { id: order.id, state: plan.guard.state });
    if (plan.guard.version !== undefined) qb.andWhere('version = :version', { version: plan.guard.version });
    if (plan.guard.overdueUnset) qb.andWhere('overdue_at IS NULL');
    // A timeline entry alone (已提交联席会) changes nothing of the order: no update, no new version.
    if (Object.keys(plan.changes).length && !(await qb.execute()).affected) {
      if (plan.onConflict === 'skip') return null;
      throw plan.onConflict;
    }
    const { event } = plan;
    const photoIds = event.photoIds.length && event.actorId !== null ? (await this.uploads.claim(event.photoIds, event.actorId, m)).map((p) => p.id) : [];
    await m.getRepository(RectificationEvent).insert({ rectificationId: order.id, actorId: event.actorId, action: event.action, fromState: event.from, toState: event.to, note: event.note, photoIds });
    // Told only when the step was taken: a sweep run again finds the order flagged and tells no one twice.
    if (plan.notice) await this.tell(m, order, plan.notice);
    return { ...order, ...plan.changes, version: Object.keys(plan.changes).length ? order.version + 1 : order.version };
  }

  /** Orders the company still had when their deadline passed: flagged once, so they enter the office's 督办 queue. */
  async sweepOverdue(now = new Date()): Promise<number> {
    return sweepInBatches(
      (after, take) => this.db.getRepository(Rectification).find({ where: { state: In([...RECTIFYING_STATES]), deadlineAt: LessThan(now), overdueAt: IsNull(), id: MoreThan(after) }, order: { id: 'ASC' }, take }),
      (order) => this.take(order, { kind: 'overdue' }, { now, actorId: null, actors: ['system'] }),
    );
  }
}

