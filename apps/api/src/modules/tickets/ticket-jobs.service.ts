import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Between, DataSource, In, IsNull, LessThan, MoreThan, Not } from 'typeorm';
import { AUTO_CLOSE_DAYS, RATING_WINDOW_DAYS, RETURN_VISIT_HORIZON_DAYS, WORKING_TICKET_STATES, shanghaiDate } from '@wuye/contracts';
import { rawQuery } from '../../database/raw';
import { SERVING_SQL } from '../identity/people';
import { JobSchedulerService } from '../jobs/job-scheduler.service';
import { NotificationsService } from '../notifications/notifications.service';
import { DomainError } from '../../common/errors';
import type { TicketPlan, TicketStep } from './lifecycle';
import { TicketLifecycleService } from './ticket-lifecycle.service';
import { Ticket } from './ticket.entity';

const BATCH = 200;

/**
 * The scheduled side of tickets, once a minute, run by one API process at a time (a database lease):
 * flag tickets past their response or resolution deadline and escalate them to the community office,
 * hand tickets whose assignee's company no longer serves the estate back to its inbox, close resolved tickets
 * their app reporter did not confirm within 7 days (never those with no app reporter: they close by a return visit),
 * put closed tickets left unrated past the rating window on the 回访 list, and deliver pending WeChat messages.
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
  async runOnce(now = new Date()): Promise<{ responseOverdue: number; resolutionOverdue: number; autoClosed: number; handedOver: number; visitsDue: number }> {
    const repo = this.db.getRepository(Ticket);
    const responseOverdue = await this.sweep(
      (after) => repo.find({ where: { state: 'submitted', responseDueAt: LessThan(now), responseOverdueAt: IsNull(), id: after === undefined ? undefined : MoreThan(after) }, order: { id: 'ASC' }, take: BATCH }),
      { kind: 'overdue', deadline: 'response' },
      now,
    );
    const resolutionOverdue = await this.sweep(
      (after) => repo.find({ where: { state: In([...WORKING_TICKET_STATES]), resolutionDueAt: LessThan(now), resolutionOverdueAt: IsNull(), id: after === undefined ? undefined : MoreThan(after) }, order: { id: 'ASC' }, take: BATCH }),
      { kind: 'overdue', deadline: 'resolution' },
      now,
    );
    // Hand-over: open tickets whose assignee's company no longer serves the estate go back to its inbox unassigned.
    const handedOver = await this.sweep(
      async (after) => {
        const rows = await rawQuery<{ id: number }>(
          this.db,
          `SELECT t.id FROM ticket t WHERE t.state IN (:...working) AND t.assignee_id IS NOT NULL
             AND t.id > :after AND NOT ${SERVING_SQL('t.assignee_id', 't.community_id')} ORDER BY t.id LIMIT ${BATCH}`,
          { after: after ?? 0, today: shanghaiDate(now), working: WORKING_TICKET_STATES },
        );
        return rows.length ? repo.find({ where: { id: In(rows.map((r) => Number(r.id))) }, order: { id: 'ASC' } }) : [];
      },
      { kind: 'handover' },
      now,
    );
    const cutoff = new Date(now.getTime() - AUTO_CLOSE_DAYS * 86400_000);
    const autoClosed = await this.sweep(
      (after) =>
        repo.find({
          where: { state: 'resolved', resolvedAt: LessThan(cutoff), escalatedAt: IsNull(), reporterId: Not(IsNull()), returnVisit: IsNull(), id: after === undefined ? undefined : MoreThan(after) },
          order: { id: 'ASC' },
          take: BATCH,
        }),
      { kind: 'auto_close' },
      now,
    );
    // (state, rating_stars, return_visit, closed_at): only the tickets whose window has ended within the horizon,
    // never all closed ones.
    const windowEnd = new Date(now.getTime() - RATING_WINDOW_DAYS * 86400_000);
    const horizon = new Date(windowEnd.getTime() - RETURN_VISIT_HORIZON_DAYS * 86400_000);
    const visitsDue = await this.sweep(
      (after) =>
        repo.find({
          where: { state: 'closed', ratingStars: IsNull(), returnVisit: IsNull(), closedAt: Between(horizon, windowEnd), source: 'app', id: after === undefined ? undefined : MoreThan(after) },
          order: { id: 'ASC' },
          take: BATCH,
        }),
      { kind: 'visit_due' },
      now,
    );
    await this.notifications.deliverPending();
    return { responseOverdue, resolutionOverdue, autoClosed, handedOver, visitsDue };
  }

  /** Takes `step` on every ticket the query finds, in batches by id; returns how many it changed. */
  private async sweep(batch: (after: number | undefined) => Promise<Ticket[]>, step: TicketStep, now: Date): Promise<number> {
    let count = 0;
    let last = 0;
    for (;;) {
      const due = await batch(last || undefined);
      for (const t of due) {
        let plan: TicketPlan;
        try {
          plan = this.lifecycle.plan(t, step, { now, actorId: null, actors: ['system'] });
        } catch (error) {
          // The query found it, the lifecycle's rules say no (it moved on meanwhile): nothing to do for this one.
          if (error instanceof DomainError) continue;
          throw error;
        }
        if (await this.lifecycle.commit(t, plan)) count++;
      }
      if (due.length < BATCH) return count;
      last = due[due.length - 1].id;
    }
  }
}
