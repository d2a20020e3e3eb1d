import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, FindOperator, In, IsNull, LessThan, MoreThan } from 'typeorm';
import { AUTO_CLOSE_DAYS } from '@wuye/contracts';
import { JobSchedulerService } from '../jobs/job-scheduler.service';
import { NotificationsService } from '../notifications/notifications.service';
import type { TicketStep } from './lifecycle';
import { TicketLifecycleService } from './ticket-lifecycle.service';
import { Ticket } from './ticket.entity';

const BATCH = 200;

/**
 * The scheduled side of tickets, once a minute, run by one API process at a time (a database lease):
 * flag tickets past their response or resolution deadline and escalate them to the community office,
 * close resolved tickets nobody confirmed within 7 days, and deliver pending WeChat messages.
 * These are steps of the ticket lifecycle like a person's; each is guarded, so even two runners could not take one twice.
 */
@Injectable()
export class TicketJobsService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly scheduler: JobSchedulerService,
    private readonly lifecycle: TicketLifecycleService,
    private readonly notifications: NotificationsService,
  ) {}

  onModuleInit(): void {
    this.scheduler.register('tickets', () => this.runOnce());
  }

  /** One round; returns what it did (the tests call it directly). */
  async runOnce(now = new Date()): Promise<{ responseOverdue: number; resolutionOverdue: number; autoClosed: number }> {
    const repo = this.db.getRepository(Ticket);
    const responseOverdue = await this.sweep(
      (after) => repo.find({ where: { state: 'submitted', responseDueAt: LessThan(now), responseOverdueAt: IsNull(), id: after }, order: { id: 'ASC' }, take: BATCH }),
      { kind: 'overdue', deadline: 'response' },
      now,
    );
    const resolutionOverdue = await this.sweep(
      (after) => repo.find({ where: { state: In(['accepted', 'assigned', 'in_progress']), resolutionDueAt: LessThan(now), resolutionOverdueAt: IsNull(), id: after }, order: { id: 'ASC' }, take: BATCH }),
      { kind: 'overdue', deadline: 'resolution' },
      now,
    );
    const cutoff = new Date(now.getTime() - AUTO_CLOSE_DAYS * 86400_000);
    const autoClosed = await this.sweep(
      (after) => repo.find({ where: { state: 'resolved', resolvedAt: LessThan(cutoff), id: after }, order: { id: 'ASC' }, take: BATCH }),
      { kind: 'auto_close' },
      now,
    );
    await this.notifications.deliverPending();
    return { responseOverdue, resolutionOverdue, autoClosed };
  }

  /** Takes `step` on every ticket the query finds, in batches by id; returns how many it changed. */
  private async sweep(batch: (after: FindOperator<number> | undefined) => Promise<Ticket[]>, step: TicketStep, now: Date): Promise<number> {
    let count = 0;
    let last = 0;
    for (;;) {
      const due = await batch(last ? MoreThan(last) : undefined);
      for (const t of due) {
        if (await this.lifecycle.commit(t, this.lifecycle.plan(t, step, { now, actorId: null, actors: ['system'] }))) count++;
      }
      if (due.length < BATCH) return count;
      last = due[due.length - 1].id;
    }
  }
}
