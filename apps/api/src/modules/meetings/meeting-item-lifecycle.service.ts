import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull, LessThan, MoreThan } from 'typeorm';
import { retryingTransaction } from '../../database/transactions';
import { JobSchedulerService } from '../jobs/job-scheduler.service';
import { sweepInBatches } from '../jobs/sweep';
import { MeetingItemEvent } from './meeting-item-event.entity';
import { planItemStep, type ItemPlan, type ItemStepContext, type ItemStepInput } from './meeting-item-lifecycle';
import { MeetingItem } from './meeting-item.entity';

/**
 * Carries out the plans of the item lifecycle (meeting-item-lifecycle.ts): the one writer of an agreed item's state and
 * timeline — agreeing items with a meeting, people's steps, and the scheduler's sweep that puts late items into the
 * office's 督办 queue.
 */
@Injectable()
export class MeetingItemLifecycleService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly scheduler: JobSchedulerService,
  ) {}

  onModuleInit(): void {
    this.scheduler.register('meeting-items', () => this.sweepOverdue());
  }

  /** New items of a meeting, inside its transaction: each with its 议定 entry. `batchKey`: the key of a form adding them later. */
  async agree(
    m: EntityManager,
    items: Pick<MeetingItem, 'meetingId' | 'communityId' | 'text' | 'ownerParty' | 'ownerName' | 'deadlineAt' | 'ticketId' | 'questionId' | 'rectificationId'>[],
    actorId: number,
    batchKey: string | null = null,
  ): Promise<MeetingItem[]> {
    const saved: MeetingItem[] = [];
    for (const [i, item] of items.entries()) {
      const row = await m
        .getRepository(MeetingItem)
        .save(m.getRepository(MeetingItem).create({ ...item, state: 'open', overdueAt: null, verifiedAt: null, doneById: null, batchKey, batchIndex: batchKey === null ? null : i }));
      await m.getRepository(MeetingItemEvent).insert({ itemId: row.id, actorId, action: 'agreed', fromState: null, toState: 'open', note: null });
      saved.push(row);
    }
    return saved;
  }

  /** Plans and applies a step in its own transaction; null when a scheduler step found the item moved on. */
  async take(item: MeetingItem, step: ItemStepInput, ctx: ItemStepContext): Promise<MeetingItem | null> {
    const plan = planItemStep(item, step, ctx);
    return retryingTransaction(this.db, (m) => this.apply(m, item, plan));
  }

  async apply(m: EntityManager, item: MeetingItem, plan: ItemPlan): Promise<MeetingItem | null> {
    const qb = m.getRepository(MeetingItem).createQueryBuilder().update().set(plan.changes).where('id = :id AND state = :state', { id: item.id, state: plan.guard.state });
    if (plan.guard.version !== undefined) qb.andWhere('version = :version', { version: plan.guard.version });
    if (plan.guard.overdueUnset) qb.andWhere('overdue_at IS NULL');
    if (!(await qb.execute()).affected) {
      if (plan.onConflict === 'skip') return null;
      throw plan.onConflict;
    }
    const { event } = plan;
    await m.getRepository(MeetingItemEvent).insert({ itemId: item.id, actorId: event.actorId, action: event.action, fromState: event.from, toState: event.to, note: event.note });
    return { ...item, ...plan.changes, version: item.version + 1 };
  }

  /** Items still open when their deadline passed: flagged once, so they enter the office's 督办 queue. */
  async sweepOverdue(now = new Date()): Promise<number> {
    return sweepInBatches(
      (after, take) => this.db.getRepository(MeetingItem).find({ where: { state: 'open', deadlineAt: LessThan(now), overdueAt: IsNull(), id: MoreThan(after) }, order: { id: 'ASC' }, take }),
      (item) => this.take(item, { kind: 'overdue' }, { now, actorId: null, actors: ['system'] }),
    );
  }
}
