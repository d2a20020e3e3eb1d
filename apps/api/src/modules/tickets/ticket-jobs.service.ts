import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, IsNull, LessThan } from 'typeorm';
import { AUTO_CLOSE_DAYS } from '@wuye/contracts';
import { JobSchedulerService } from '../jobs/job-scheduler.service';
import { NotificationsService } from '../notifications/notifications.service';
import { EscalationsService } from './escalations.service';
import { RollupsService } from './rollups.service';
import { Ticket } from './ticket.entity';
import { TicketsService } from './tickets.service';

const BATCH = 200;

/**
 * The scheduled side of tickets, once a minute, run by one API process at a time (a database lease):
 * flag tickets past their response or resolution deadline and escalate them to the community office,
 * close resolved tickets nobody confirmed within 7 days, and deliver pending WeChat messages.
 * Each ticket is flagged by a conditional update, so even two runners could not escalate it twice.
 */
@Injectable()
export class TicketJobsService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly scheduler: JobSchedulerService,
    private readonly tickets: TicketsService,
    private readonly escalations: EscalationsService,
    private readonly notifications: NotificationsService,
    private readonly rollups: RollupsService,
  ) {}

  onModuleInit(): void {
    this.scheduler.register('tickets', () => this.runOnce());
  }
  /** One round; returns what it did (the tests call it directly). */
  async runOnce(now = new Date()): Promise<{ responseOverdue: number; resolutionOverdue: number; autoClosed: number }> {
    const responseOverdue = await this.flagOverdue('response', now);
    const resolutionOverdue = await this.flagOverdue('resolution', now);
    const autoClosed = await this.autoClose(now);
    await this.notifications.deliverPending();
    return { responseOverdue, resolutionOverdue, autoClosed };
  }

  private async flagOverdue(kind: 'response' | 'resolution', now: Date): Promise<number> {
    const repo = this.db.getRepository(Ticket);
    const states = kind === 'response' ? ['submitted' as const] : ['accepted' as const, 'assigned' as const, 'in_progress' as const];
    const dueField = kind === 'response' ? 'responseDueAt' : 'resolutionDueAt';
    const flagField = kind === 'response' ? 'responseOverdueAt' : 'resolutionOverdueAt';
    let count = 0;
    for (;;) {
      const due = await repo.find({ where: { state: In(states), [dueField]: LessThan(now), [flagField]: IsNull() }, order: { id: 'ASC' }, take: BATCH });
      if (!due.length) return count;
      for (const t of due) {
        await this.db.transaction(async (m) => {
          const flagged = await m.getRepository(Ticket).createQueryBuilder().update().set({ [flagField]: now }).where(`id = :id AND ${kind}_overdue_at IS NULL`, { id: t.id }).execute();
          if (!flagged.affected) return;
          count++;
          await this.tickets.addEvent(m, t, { actorId: null, actorRole: 'system', action: 'overdue', from: t.state, to: t.state, note: kind === 'response' ? '超过受理时限' : '超过办结时限' });
          await this.escalations.escalate(m, t, kind === 'response' ? 'response_overdue' : 'resolution_overdue');
        });
      }
      if (due.length < BATCH) return count;
    }
  }

  private async autoClose(now: Date): Promise<number> {
    const cutoff = new Date(now.getTime() - AUTO_CLOSE_DAYS * 86400_000);
    const repo = this.db.getRepository(Ticket);
    let count = 0;
    for (;;) {
      const stale = await repo.find({ where: { state: 'resolved', resolvedAt: LessThan(cutoff) }, order: { id: 'ASC' }, take: BATCH });
      for (const t of stale) {
        await this.db.transaction(async (m) => {
          const closed = await m.getRepository(Ticket).createQueryBuilder().update().set({ state: 'closed', closedAt: now }).where("id = :id AND state = 'resolved'", { id: t.id }).execute();
          if (!closed.affected) return;
          await this.rollups.record(m, t, { ...t, state: 'closed' });
          count++;
          await this.tickets.addEvent(m, t, { actorId: null, actorRole: 'system', action: 'auto_close', from: 'resolved', to: 'closed', note: `反馈后 ${AUTO_CLOSE_DAYS} 天未确认，自动办结` });
          if (t.reporterId !== null) {
            await this.notifications.notify([t.reporterId], { kind: 'ticket_closed', title: '工单已办结', body: `${t.categoryName}：${t.description.slice(0, 30)}（${AUTO_CLOSE_DAYS} 天未确认，自动办结，仍可评价）`, ticketId: t.id, template: 'closed', fields: { thing1: `${t.categoryName}：${t.description.slice(0, 14)}`, phrase2: '已办结', time3: now.toISOString().slice(0, 10), thing4: '仍可在小程序中评价' } }, m);
          }
        });
      }
      if (stale.length < BATCH) return count;
    }
  }
}
