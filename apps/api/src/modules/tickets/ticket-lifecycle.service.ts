import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { conflict } from '../../common/errors';
import { retryingTransaction } from '../../database/transactions';
import { managersOf, officersOf, servesEstate } from '../identity/people';
import { NotificationsService } from '../notifications/notifications.service';
import { Community } from '../org/community.entity';
import { UploadsService } from '../uploads/uploads.service';
import { Escalation } from './escalation.entity';
import { ESCALATION_REASON_LABELS, planTicketStep, type Audience, type StepContext, type TicketPlan, type TicketStep } from './lifecycle';
import { RollupsService } from './rollups.service';
import { TicketEvent } from './ticket-event.entity';
import { TicketFollower } from './ticket-follower.entity';
import { Ticket } from './ticket.entity';

const column = (property: string) => property.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * Carries out the plans of the ticket lifecycle (lifecycle.ts): the one writer of a ticket's state and timeline.
 * In one transaction: the guarded update, the statistics rollups, the timeline events, the escalation to the
 * community office, and the notifications; messages go out once it committed.
 */
@Injectable()
export class TicketLifecycleService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly rollups: RollupsService,
    private readonly notifications: NotificationsService,
    private readonly uploads: UploadsService,
  ) {}

  plan(t: Ticket, step: TicketStep, ctx: StepContext): TicketPlan {
    return planTicketStep(t, step, ctx);
  }

  /**
   * Applies a plan in its own transaction (run again on a deadlock), with `alongside` written in the same one;
   * then starts delivering messages. Returns the ticket as it is now, or null when a system step was skipped.
   */
  async commit(t: Ticket, plan: TicketPlan, alongside?: (m: EntityManager) => Promise<unknown>): Promise<Ticket | null> {
    const after = await retryingTransaction(this.db, async (m) => {
      if (alongside) await alongside(m);
      return this.apply(m, t, plan);
    });
    if (after && (plan.notices.length || plan.escalate)) this.notifications.kick();
    return after;
  }

  /** Carries a plan out inside the caller's transaction. */
  async apply(m: EntityManager, t: Ticket, plan: TicketPlan): Promise<Ticket | null> {
    const actorId = plan.events[0]?.actorId ?? null;
    const attached = plan.events[0]?.photoIds.length && actorId !== null ? (await this.uploads.claim(plan.events[0].photoIds, actorId, m)).map((p) => p.id) : [];
    const changed = Object.keys(plan.changes).length > 0 || Object.keys(plan.increments).length > 0;
    if (!plan.created && changed) {
      const qb = m
        .getRepository(Ticket)
        .createQueryBuilder()
        .update()
        .set({ ...plan.changes, ...Object.fromEntries(Object.entries(plan.increments).map(([k, by]) => [k, () => `${column(k)} + ${Number(by)}`])) })
        .where('id = :id AND state = :state', { id: t.id, state: plan.guard.state });
      if (plan.guard.version !== undefined) qb.andWhere('version = :version', { version: plan.guard.version });
      for (const unset of plan.guard.unset ?? []) qb.andWhere(`${column(unset)} IS NULL`);
      if (!(await qb.execute()).affected) {
        if (plan.onConflict === 'skip') return null;
        throw conflict(plan.onConflict.code, plan.onConflict.message);
      }
    }
    const after = { ...t, ...plan.changes } as Ticket;
    for (const [k, by] of Object.entries(plan.increments)) (after as unknown as Record<string, number>)[k] += by;
    await this.rollups.record(m, plan.created ? null : t, after);
    if (plan.events.length) {
      await m.getRepository(TicketEvent).insert(
        plan.events.map((e, i) => ({ ticketId: t.id, actorId: e.actorId, actorRole: e.actorRole, action: e.action, fromState: e.from, toState: e.to, note: e.note, photoIds: i === 0 ? attached : e.photoIds })),
      );
    }
    const notices = [...plan.notices];
    if (plan.escalate) {
      const { reason, join } = plan.escalate;
      const community = await m.getRepository(Community).findOneByOrFail({ id: t.communityId });
      if (!join) await m.getRepository(Escalation).insert({ ticketId: t.id, communityId: t.communityId, officeAreaId: community.areaId, reason, state: 'open', deadlineAt: null, closedAt: null, closedById: null, closingNote: null });
      notices.push({ to: ['office'], kind: 'ticket_escalated', title: `督办：${community.name}`, body: `${t.categoryName}工单 #${t.id} ${join ? '再次' : ''}${ESCALATION_REASON_LABELS[reason]}`, ticketId: t.id });
    }
    for (const { to, ...draft } of notices) await this.notifications.notify(await this.audience(m, after, to), draft, m);
    return after;
  }

  private async audience(m: EntityManager, t: Ticket, to: Audience[]): Promise<number[]> {
    const ids: number[] = [];
    for (const who of to) {
      if (who === 'reporter' && t.reporterId !== null) ids.push(t.reporterId);
      // An assignee whose company no longer serves the estate hears nothing more of it (hand-over).
      if (who === 'assignee' && t.assigneeId !== null && (await servesEstate(m, t.assigneeId, t.communityId))) ids.push(t.assigneeId);
      if (who === 'managers') ids.push(...(await managersOf(m, t.communityId)));
      if (who === 'office') ids.push(...(await officersOf(m, t.communityId)));
      if (who === 'followers') ids.push(...(await m.getRepository(TicketFollower).findBy({ ticketId: t.id })).map((f) => f.userId));
    }
    return ids;
  }
}
