import { Injectable } from '@nestjs/common';
import { EntityManager, IsNull } from 'typeorm';
import { rawQuery } from '../../database/raw';
import { RoleAssignment } from '../identity/role-assignment.entity';
import { NotificationsService } from '../notifications/notifications.service';
import { Community } from '../org/community.entity';
import { activeContractSql } from '../org/contracts.service';
import { Escalation, type EscalationReason } from './escalation.entity';
import { TicketEvent } from './ticket-event.entity';
import { Ticket } from './ticket.entity';
import { shanghaiDate } from '@wuye/contracts';

export const ESCALATION_REASON_LABELS: Record<EscalationReason, string> = {
  response_overdue: '超时未受理',
  resolution_overdue: '超时未办结',
  reopened_twice: '业主两次不满意',
  appeal: '业主对不予受理申诉',
};

/** Puts tickets in front of the community office (督办), and finds who to tell about a ticket. */
@Injectable()
export class EscalationsService {
  constructor(private readonly notifications: NotificationsService) {}

  async escalate(m: EntityManager, ticket: Ticket, reason: EscalationReason): Promise<void> {
    const community = await m.getRepository(Community).findOneByOrFail({ id: ticket.communityId });
    await m.getRepository(Escalation).insert({
      ticketId: ticket.id,
      communityId: ticket.communityId,
      officeAreaId: community.areaId,
      reason,
      state: 'open',
      deadlineAt: null,
      closedAt: null,
      closedById: null,
      closingNote: null,
    });
    const now = new Date();
    await m.getRepository(TicketEvent).insert({
      ticketId: ticket.id,
      actorId: null,
      actorRole: 'system',
      action: 'escalated',
      fromState: ticket.state,
      toState: ticket.state,
      note: `已提请社区督办：${ESCALATION_REASON_LABELS[reason]}`,
      photoIds: [],
    });
    await m.getRepository(Ticket).update(ticket.id, { escalatedAt: now });
    ticket.escalatedAt = now;
    const officers = await m.getRepository(RoleAssignment).findBy({ role: 'community_office', areaId: community.areaId, revokedAt: IsNull() });
    await this.notifications.notify(
      officers.map((o) => o.userId),
      { kind: 'ticket_escalated', title: `督办：${community.name}`, body: `${ticket.categoryName}工单 #${ticket.id} ${ESCALATION_REASON_LABELS[reason]}`, ticketId: ticket.id },
      m,
    );
  }

  /** The estate's project managers today (their company holds the active contract). */
  async managersOf(m: EntityManager, communityId: number): Promise<number[]> {
    const rows = await rawQuery<{ userId: number }>(
      m,
      `SELECT ra.user_id AS userId FROM role_assignment ra
         JOIN service_contract sc ON sc.company_id = ra.company_id AND sc.community_id = ra.community_id
        WHERE ra.community_id = :communityId AND ra.role = 'manager' AND ra.revoked_at IS NULL
          AND ${activeContractSql('sc')}
        ORDER BY ra.id`,
      { communityId, today: shanghaiDate() },
    );
    return [...new Set(rows.map((r) => Number(r.userId)))];
  }
}

