import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { shanghaiDateTime, type EscalationView, type Page } from '@wuye/contracts';
import { conflict, invalid, notFound } from '../../common/errors';
import { keysetPage } from '../../common/pagination';
import type { Principal } from '../identity/principal';
import { NotificationsService } from '../notifications/notifications.service';
import { Community } from '../org/community.entity';
import { Escalation } from '../tickets/escalation.entity';
import { ESCALATION_REASON_LABELS, EscalationsService } from '../tickets/escalations.service';
import { TicketViewsService } from '../tickets/ticket-views.service';
import { Ticket } from '../tickets/ticket.entity';
import { TicketsService } from '../tickets/tickets.service';
import { EscalationDeadlineDto, EscalationsQuery } from './dto/oversight.dto';

/** 督办: the community office's queue of escalated tickets; it comments, sets deadlines and closes escalations. */
@Injectable()
export class EscalationQueueService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly tickets: TicketsService,
    private readonly views: TicketViewsService,
    private readonly escalations: EscalationsService,
    private readonly notifications: NotificationsService,
  ) {}

  async list(query: EscalationsQuery, caller: Principal): Promise<Page<EscalationView>> {
    const scope = caller.communityIds('oversight.read');
    const qb = this.db.getRepository(Escalation).createQueryBuilder('e');
    if (scope !== 'all') qb.andWhere(scope.length ? 'e.communityId IN (:...scope)' : '1 = 0', { scope });
    if (query.communityId) {
      if (scope !== 'all' && !scope.includes(query.communityId)) throw notFound('community');
      qb.andWhere('e.communityId = :c', { c: query.communityId });
    }
    if (query.ticketId) qb.andWhere('e.ticketId = :ticketId', { ticketId: query.ticketId });
    qb.andWhere('e.state = :state', { state: query.state ?? 'open' });
    const page = await keysetPage(qb, { columns: [{ expr: 'e.id', dir: 'DESC' }], cursor: query.cursor, limit: query.limit, keyOf: (e) => [e.id] });
    return { items: await this.viewsOf(page.items), nextCursor: page.nextCursor };
  }

  private async load(id: number, caller: Principal): Promise<{ escalation: Escalation; ticket: Ticket }> {
    const escalation = await this.db.getRepository(Escalation).findOneBy({ id });
    if (!escalation || !caller.mayInCommunity('escalations.handle', escalation.communityId)) throw notFound('escalation');
    if (escalation.state === 'closed') throw conflict('ESCALATION_CLOSED', '该督办已经结束');
    return { escalation, ticket: await this.db.getRepository(Ticket).findOneByOrFail({ id: escalation.ticketId }) };
  }

  async comment(id: number, note: string, caller: Principal): Promise<EscalationView> {
    const { escalation, ticket } = await this.load(id, caller);
    await this.db.transaction(async (m) => {
      await this.tickets.addEvent(m, ticket, { actorId: caller.userId, actorRole: 'office', action: 'office_comment', from: ticket.state, to: ticket.state, note: note.trim() });
      await this.notifyProperty(m, ticket, '社区督办意见', note);
    });
    return (await this.viewsOf([escalation]))[0];
  }

  async setDeadline(id: number, dto: EscalationDeadlineDto, caller: Principal): Promise<EscalationView> {
    const { ticket } = await this.load(id, caller);
    const deadline = new Date(dto.deadlineAt);
    if (Number.isNaN(deadline.getTime()) || deadline.getTime() <= Date.now()) throw invalid('督办期限应晚于现在', { field: 'deadlineAt' });
    await this.db.transaction(async (m) => {
      await m.getRepository(Escalation).update(id, { deadlineAt: deadline });
      const note = `督办期限：${shanghaiDateTime(deadline)}${dto.note ? `。${dto.note.trim()}` : ''}`;
      await this.tickets.addEvent(m, ticket, { actorId: caller.userId, actorRole: 'office', action: 'deadline', from: ticket.state, to: ticket.state, note });
      await this.notifyProperty(m, ticket, '社区设定督办期限', note);
    });
    return (await this.viewsOf([await this.db.getRepository(Escalation).findOneByOrFail({ id })]))[0];
  }

  async close(id: number, note: string, caller: Principal): Promise<EscalationView> {
    const { ticket } = await this.load(id, caller);
    await this.db.transaction(async (m) => {
      const result = await m.getRepository(Escalation).update({ id, state: 'open' }, { state: 'closed', closedAt: new Date(), closedById: caller.userId, closingNote: note.trim() });
      if (!result.affected) throw conflict('ESCALATION_CLOSED', '该督办已经结束');
      const stillOpen = await m.getRepository(Escalation).countBy({ ticketId: ticket.id, state: 'open' });
      if (!stillOpen) await m.getRepository(Ticket).update(ticket.id, { escalatedAt: null });
      await this.tickets.addEvent(m, ticket, { actorId: caller.userId, actorRole: 'office', action: 'escalation_closed', from: ticket.state, to: ticket.state, note: `督办结束：${note.trim()}` });
      await this.notifyProperty(m, ticket, '督办已结束', note);
    });
    return (await this.viewsOf([await this.db.getRepository(Escalation).findOneByOrFail({ id })]))[0];
  }

  private async notifyProperty(m: EntityManager, ticket: Ticket, title: string, body: string): Promise<void> {
    const managers = await this.escalations.managersOf(m, ticket.communityId);
    await this.notifications.notify([...managers, ...(ticket.assigneeId ? [ticket.assigneeId] : [])], { kind: 'escalation_update', title, body: `#${ticket.id} ${ticket.categoryName}：${body}`, ticketId: ticket.id }, m);
  }

  private async viewsOf(items: Escalation[]): Promise<EscalationView[]> {
    if (!items.length) return [];
    const tickets = await this.db.getRepository(Ticket).findBy({ id: In(items.map((e) => e.ticketId)) });
    const summaries = await this.views.summaries(tickets, () => 'oversight');
    const communities = await this.db.getRepository(Community).findBy({ id: In(items.map((e) => e.communityId)) });
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
      ticket: summaries.find((s) => s.id === e.ticketId) as EscalationView['ticket'],
    }));
  }
}

