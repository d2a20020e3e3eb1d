import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, Not } from 'typeorm';
import type { EscalationView, Page } from '@wuye/contracts';
import { conflict, invalid, notFound } from '../../common/errors';
import { keysetPage } from '../../common/pagination';
import type { Principal } from '../identity/principal';
import { Area } from '../org/area.entity';
import { Community } from '../org/community.entity';
import { Escalation } from '../tickets/escalation.entity';
import { ReferralsService } from '../meetings/referrals.service';
import { ESCALATION_REASON_LABELS, type TicketStep } from '../tickets/lifecycle';
import { TicketLifecycleService } from '../tickets/ticket-lifecycle.service';
import { TicketViewsService } from '../tickets/ticket-views.service';
import { Ticket } from '../tickets/ticket.entity';
import { EscalationDeadlineDto, EscalationsQuery } from './dto/oversight.dto';
import { applyScope, communityScopeFor } from '../identity/scope';

/** 督办: the community office's queue of escalated tickets; it comments, sets deadlines and closes escalations. */
@Injectable()
export class EscalationQueueService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly views: TicketViewsService,
    private readonly lifecycle: TicketLifecycleService,
    private readonly referrals: ReferralsService,
  ) {}

  async list(query: EscalationsQuery, caller: Principal): Promise<Page<EscalationView>> {
    const qb = applyScope(this.db.getRepository(Escalation).createQueryBuilder('e'), communityScopeFor(caller, 'oversight.read', 'e.communityId', query.communityId || undefined));
    if (query.ticketId) qb.andWhere('e.ticketId = :ticketId', { ticketId: query.ticketId });
    qb.andWhere('e.state = :state', { state: query.state ?? 'open' });
    const page = await keysetPage(qb, { columns: [{ expr: 'e.id', dir: 'DESC' }], cursor: query.cursor, limit: query.limit, keyOf: (e) => [e.id] });
    return { items: await this.viewsOf(page.items, caller), nextCursor: page.nextCursor };
  }

  private async load(id: number, caller: Principal): Promise<{ escalation: Escalation; ticket: Ticket }> {
    const escalation = await this.db.getRepository(Escalation).findOneBy({ id });
    if (!escalation || !caller.mayInCommunity('escalations.handle', escalation.communityId)) throw notFound('escalation');
    if (escalation.state === 'closed') throw conflict('ESCALATION_CLOSED', '该督办已经结束');
    return { escalation, ticket: await this.db.getRepository(Ticket).findOneByOrFail({ id: escalation.ticketId }) };
  }

  async comment(id: number, note: string, caller: Principal): Promise<EscalationView> {
    const { escalation, ticket } = await this.load(id, caller);
    await this.officeStep(ticket, { kind: 'office_comment', note }, caller);
    return (await this.viewsOf([escalation], caller))[0];
  }

  async setDeadline(id: number, dto: EscalationDeadlineDto, caller: Principal): Promise<EscalationView> {
    const { ticket } = await this.load(id, caller);
    const deadline = new Date(dto.deadlineAt);
    if (Number.isNaN(deadline.getTime()) || deadline.getTime() <= Date.now()) throw invalid('督办期限应晚于现在', { field: 'deadlineAt' });
    await this.officeStep(ticket, { kind: 'office_deadline', deadlineAt: deadline, note: dto.note }, caller, (m) => m.getRepository(Escalation).update(id, { deadlineAt: deadline }));
    return (await this.viewsOf([await this.db.getRepository(Escalation).findOneByOrFail({ id })], caller))[0];
  }

  async close(id: number, note: string, caller: Principal): Promise<EscalationView> {
    const { ticket } = await this.load(id, caller);
    const othersOpen = await this.db.getRepository(Escalation).countBy({ ticketId: ticket.id, state: 'open', id: Not(id) });
    await this.officeStep(ticket, { kind: 'escalation_closed', note, othersOpen: othersOpen > 0 }, caller, async (m) => {
      const result = await m.getRepository(Escalation).update({ id, state: 'open' }, { state: 'closed', closedAt: new Date(), closedById: caller.userId, closingNote: note.trim() });
      if (!result.affected) throw conflict('ESCALATION_CLOSED', '该督办已经结束');
    });
    return (await this.viewsOf([await this.db.getRepository(Escalation).findOneByOrFail({ id })], caller))[0];
  }

  /** The office's step on the ticket's timeline (and who hears of it), with the escalation's own change beside it. */
  private async officeStep(ticket: Ticket, step: TicketStep, caller: Principal, alongside?: (m: EntityManager) => Promise<unknown>): Promise<void> {
    const plan = this.lifecycle.plan(ticket, step, { now: new Date(), actorId: caller.userId, actors: ['office'] });
    await this.lifecycle.commit(ticket, plan, alongside);
  }

  private async viewsOf(items: Escalation[], caller: Principal): Promise<EscalationView[]> {
    if (!items.length) return [];
    const tickets = await this.db.getRepository(Ticket).findBy({ id: In(items.map((e) => e.ticketId)) });
    const summaries = await this.views.summaries(tickets, () => 'oversight');
    const communities = await this.db.getRepository(Community).findBy({ id: In(items.map((e) => e.communityId)) });
    const offices = await this.db.getRepository(Area).findBy({ id: In(items.map((e) => e.officeAreaId)) });
    const tiers = await this.referrals.tiersOf(items.map((e) => e.id));
    return items.map((e) => ({
      id: e.id,
      reason: e.reason,
      reasonLabel: ESCALATION_REASON_LABELS[e.reason],
      state: e.state,
      deadlineAt: e.deadlineAt?.toISOString() ?? null,
      createdAt: e.createdAt.toISOString(),
      closedAt: e.closedAt?.toISOString() ?? null,
      closingNote: e.closingNote,
      communityId: e.communityId,
      communityName: communities.find((c) => c.id === e.communityId)?.name ?? '',
      officeName: offices.find((a) => a.id === e.officeAreaId)?.name ?? '社区（村）',
      canHandle: e.state === 'open' && caller.mayInCommunity('escalations.handle', e.communityId),
      referredTo: tiers.get(e.id) ?? [],
      canRefer: this.referrals.tiersOpen(e, tiers.get(e.id) ?? [], caller),
      ticket: summaries.find((s) => s.id === e.ticketId) as EscalationView['ticket'],
    }));
  }
}

